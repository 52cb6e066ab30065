import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@app/contracts';
import type { HistoryDraft } from './history-entries';

/**
 * Writes timeline entries in the consuming event's transaction, for customers that are live.
 * The customer row is key-share locked: a deletion (which locks it for update) either waits for
 * this transaction and then erases these rows too, or commits first and this insert, re-reading
 * the row, finds the customer deleted and writes nothing.
 */
@Injectable()
export class HistoryRecorder {
  async record(em: EntityManager, event: EventEnvelope, drafts: HistoryDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    await em.query(
      `INSERT INTO customer_history (tenant_id, id, customer_id, at, category, type, name, description, actor, data, source_event_id)
       SELECT $1, d.id, d.customer_id, d.at, d.category, $2, d.name, d.description, $3, d.data, $4
         FROM jsonb_to_recordset($5::jsonb) AS d(id uuid, customer_id uuid, at timestamptz, category text, name text, description text, data jsonb)
         JOIN customers c ON c.tenant_id = $1 AND c.id = d.customer_id
        WHERE c.deleted_at IS NULL
        FOR KEY SHARE OF c`,
      [
        event.tenantId,
        event.type,
        JSON.stringify(event.actor),
        event.id,
        JSON.stringify(
          drafts.map((d) => ({
            id: randomUUID(),
            customer_id: d.customerId,
            at: d.at ?? event.occurredAt,
            category: d.category,
            name: d.name.slice(0, 300),
            description: d.description.slice(0, 2000),
            data: d.data ?? {},
          })),
        ),
      ],
    );
  }

  /** Erases a deleted customer's timeline (its descriptions name them and what they did). */
  async erase(em: EntityManager, tenantId: string, customerId: string): Promise<void> {
    await em.query(`DELETE FROM customer_history WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
  }
}
