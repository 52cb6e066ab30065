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
    const envelope: EventEnvelope<T> = {
      id: randomUUID(),
      type: event.type,
      version: event.version ?? 1,
      occurredAt: new Date().toISOString(),
      tenantId: event.tenantId,
      actor: event.actor,
      data: event.data,
    };
    await em.query(
      `INSERT INTO outbox_events (id, type, subject, tenant_id, envelope, request_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [envelope.id, envelope.type, eventSubject(envelope.type), envelope.tenantId, JSON.stringify(envelope), currentRequestId() ?? null],
    );
    return envelope;
  }

  /** Asks the relay to look now instead of at its next poll; call after the transaction commits. */
  flush(): void {
    this.relay.kick();
  }
}
