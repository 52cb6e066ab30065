import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { eventSubject, type Actor, type EventEnvelope } from '@app/contracts';
import { currentRequestId } from '../logging/request-context';
import { OutboxRelay } from './outbox.relay';

export interface NewEvent<T> {
  type: string;
  tenantId: string;
  actor: Actor;
  data: T;
  version?: number;
}

/**
 * Records a domain event in the same transaction as the change it describes. The relay
 * publishes it to JetStream after commit; nothing acknowledged to a caller is lost.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly relay: OutboxRelay) {}

  async enqueue<T>(em: EntityManager, event: NewEvent<T>): Promise<EventEnvelope<T>> {
    const envelope = toEnvelope(event);
    await em.query(
      `INSERT INTO outbox_events (id, type, subject, tenant_id, envelope, request_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [envelope.id, envelope.type, eventSubject(envelope.type), envelope.tenantId, JSON.stringify(envelope), currentRequestId() ?? null],
    );
    return envelope;
  }

  /**
   * Several events in as few INSERTs as possible (in order, 500 per statement), for work that
   * produces many events at once (a mailing's recipients, a recomputed segment).
   */
  async enqueueMany<T>(em: EntityManager, events: NewEvent<T>[]): Promise<EventEnvelope<T>[]> {
    const envelopes = events.map(toEnvelope);
    const requestId = currentRequestId() ?? null;
    for (let i = 0; i < envelopes.length; i += 500) {
      const chunk = envelopes.slice(i, i + 500);
      await em.query(
        `INSERT INTO outbox_events (id, type, subject, tenant_id, envelope, request_id)
         SELECT e.id, e.type, e.subject, e.tenant_id, e.envelope, $6::text
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS e(id, type, subject, tenant_id, envelope, ord)
          ORDER BY e.ord`,
        [
          chunk.map((e) => e.id),
          chunk.map((e) => e.type),
          chunk.map((e) => eventSubject(e.type)),
          chunk.map((e) => e.tenantId),
          chunk.map((e) => JSON.stringify(e)),
          requestId,
        ],
      );
    }
    return envelopes;
  }

  /** Asks the relay to look now instead of at its next poll; call after the transaction commits. */
  flush(): void {
    this.relay.kick();
  }
}

function toEnvelope<T>(event: NewEvent<T>): EventEnvelope<T> {
  return {
    id: randomUUID(),
    type: event.type,
    version: event.version ?? 1,
    occurredAt: new Date().toISOString(),
    tenantId: event.tenantId,
    actor: event.actor,
    data: event.data,
  };
}
