import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { eventSubject, type Actor, type EventEnvelope } from '@app/contracts';

/**
 * Publishes a domain event to JetStream as a service's outbox relay would (same envelope, subject
 * and Nats-Msg-Id), so a consumer can be tested without the producing service. The producer's
 * stream must exist (the producing service creates it at start; a test may create it itself).
 */
export async function publishEvent<T>(
  nc: NatsConnection,
  event: { type: string; tenantId: string; data: T; actor?: Actor; version?: number; occurredAt?: string },
): Promise<EventEnvelope<T>> {
  const envelope: EventEnvelope<T> = {
    id: randomUUID(),
    type: event.type,
    version: event.version ?? 1,
    occurredAt: event.occurredAt ?? new Date().toISOString(),
    tenantId: event.tenantId,
    actor: event.actor ?? { type: 'system', id: 'test' },
    data: event.data,
  };
  await jetstream(nc).publish(eventSubject(envelope.type), JSON.stringify(envelope), { msgID: envelope.id });
  return envelope;
}
