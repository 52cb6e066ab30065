import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '@app/common';
import { ErrorCodes, notFound, SERVICES, type Actor, type CustomerErasedV1, type EventEnvelope } from '@app/contracts';

/** The services that erase their part of a deleted customer after the customers service (C18). */
export const ERASING_SERVICES = SERVICES.filter((s) => s !== 'customers');

export interface CustomerDeletionView {
  customerId: string;
  requestedAt: string;
  requestedBy: Actor;
  /** When each service erased the customer's personal data; null while it has not confirmed. */
  erased: Record<string, string | null>;
  /** When every service had confirmed. */
  completedAt: string | null;
}

/**
 * The audit of a deletion: who asked and when, and each service's confirmation that it erased
 * its part (`<service>.customer.erased`). It holds no personal data, only the customer's id.
 */
@Injectable()
export class CustomerDeletions {
  constructor(private readonly dataSource: DataSource) {}

  /** Recorded in the deletion's own transaction; the customers service's part is erased by then. */
  async start(em: EntityManager, tenantId: string, customerId: string, actor: Actor, at: Date): Promise<void> {
    await em.query(
      `INSERT INTO customer_deletions (tenant_id, customer_id, requested_at, requested_by, erased) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [tenantId, customerId, at, JSON.stringify(actor), JSON.stringify({ customers: at.toISOString() })],
    );
  }

  async confirm(em: EntityManager, event: EventEnvelope<CustomerErasedV1>): Promise<void> {
    const service = event.type.split('.')[0];
    await em.query(
      `UPDATE customer_deletions
          SET erased = erased || jsonb_build_object($3::text, $4::text),
              completed_at = CASE WHEN (erased || jsonb_build_object($3::text, $4::text)) ?& $5::text[] THEN coalesce(completed_at, now()) END
        WHERE tenant_id = $1 AND customer_id = $2`,
      [event.tenantId, event.data.customerId, service, event.data.erasedAt, ['customers', ...ERASING_SERVICES]],
    );
  }

  async get(caller: Caller, customerId: string): Promise<CustomerDeletionView> {
    const [row] = await this.dataSource.query(`SELECT * FROM customer_deletions WHERE tenant_id = $1 AND customer_id = $2`, [caller.tenantId, customerId]);
    if (!row) throw notFound('Deletion', ErrorCodes.deletionNotFound);
    return {
      customerId,
      requestedAt: row.requested_at.toISOString(),
      requestedBy: row.requested_by,
      erased: Object.fromEntries(['customers', ...ERASING_SERVICES].map((s) => [s, row.erased[s] ?? null])),
      completedAt: row.completed_at?.toISOString() ?? null,
    };
  }
}
