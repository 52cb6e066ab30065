import type { EntityManager } from 'typeorm';
import type { EventEnvelope, StreamDefinition } from '@app/contracts';

export interface EventHandler<T = any> {
  /** Envelope versions this handler understands; any other goes to the dead-letter stream. */
  versions: number[];
  /** Runs inside the inbox transaction: whatever it writes commits with the processed-id row. */
  handle(event: EventEnvelope<T>, em: EntityManager): Promise<void>;
}

/**
 * A durable JetStream consumer of one stream (one filter subject, as NATS 2.9 allows).
 * Subclasses are Nest providers, so handlers can use injected services.
 */
export abstract class EventConsumer {
  /** Durable name, unique per service and stream, e.g. `bookings-customers`. */
  abstract readonly durable: string;
  abstract readonly stream: StreamDefinition;
  abstract readonly filterSubject: string;
  abstract readonly handlers: Record<string, EventHandler>;
  /**
   * Without it, events are handled one at a time in stream order. With it, several at once
   * (EVENT_CONCURRENCY), but events with the same key one at a time in stream order: give the
   * key that the handlers' order matters within (e.g. tenant and customer).
   */
  partitionKey?(event: EventEnvelope): string;
}
