import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JsMsg,
} from '@nats-io/jetstream';
import { headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { deadLetterSubject, Headers, type EventEnvelope } from '@app/contracts';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { requestContext } from '../logging/request-context';
import { eventsConsumed } from '../health/metrics';
import { EventConsumer } from './event-consumer';
import { NATS_CONNECTION } from './nats.connection';
import { OutboxRelay } from './outbox.relay';
import { PartitionedWork } from './partitioned-work';
import { DEAD_LETTER_STREAM, ensureStream } from './streams';

export const EVENT_CONSUMERS = Symbol('EVENT_CONSUMERS');

/**
 * Runs every EventConsumer of the application: those given to PlatformModule.forService and any
 * an app module provides itself (found by discovery, so a consumer can inject the app's own
 * services). Explicit ack after the handler's transaction commits,
 * an inbox row per event so a redelivery changes nothing, backoff on failure, and a
 * dead-letter subject once the delivery limit is reached.
 */
@Injectable()
export class ConsumerRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ConsumerRunner.name);
  private js: JetStreamClient;
  private readonly active = new Map<string, ConsumerMessages>();
  private readonly loops: Promise<void>[] = [];
  private stopped = false;

  private consumers: EventConsumer[] = [];

  constructor(
    @Inject(EVENT_CONSUMERS) private readonly registered: EventConsumer[],
    private readonly discovery: DiscoveryService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const discovered = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance)
      .filter((instance): instance is EventConsumer => instance instanceof EventConsumer);
    this.consumers = [...new Set([...this.registered, ...discovered])];
    if (this.consumers.length === 0) return;
    this.js = jetstream(this.nc);
    await ensureStream(this.nc, DEAD_LETTER_STREAM);
    for (const consumer of this.consumers) {
      await this.ensureConsumer(consumer);
      this.loops.push(this.run(consumer));
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const messages of this.active.values()) messages.stop();
    await Promise.allSettled(this.loops);
  }

  private async ensureConsumer(consumer: EventConsumer): Promise<void> {
    await ensureStream(this.nc, consumer.stream);
    const jsm = await jetstreamManager(this.nc);
    const config = {
      durable_name: consumer.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: consumer.filterSubject,
      ack_wait: nanos(this.config.eventAckWaitMs),
      max_deliver: this.config.eventMaxDeliver,
    };
    try {
      await jsm.consumers.info(consumer.stream.name, consumer.durable);
      await jsm.consumers.update(consumer.stream.name, consumer.durable, {
        ack_wait: config.ack_wait,
        max_deliver: config.max_deliver,
      });
    } catch (e) {
      if (!/not found/i.test(String(e?.message))) throw e;
      await jsm.consumers.add(consumer.stream.name, config);
    }
  }

  private async run(consumer: EventConsumer): Promise<void> {
    while (!this.stopped) {
      try {
        const c = await this.js.consumers.get(consumer.stream.name, consumer.durable);
        const messages = await c.consume({ max_messages: 64 });
        this.active.set(consumer.durable, messages);
        if (consumer.partitionKey) await this.inPartitions(consumer, consumer.partitionKey.bind(consumer), messages);
        else for await (const m of messages) await this.process(consumer, m); // one at a time, in stream order
      } catch (e) {
        if (this.stopped) break;
        this.logger.warn(`Consumer ${consumer.durable} stopped: ${e?.message ?? e}; restarting`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /**
   * Up to EVENT_CONCURRENCY events at once; events with the same partition key (e.g. about one
   * customer) still one at a time, in stream order. Handlers are transactions that mostly wait
   * on the database, so this is how a consumer keeps up with a busy producer.
   */
  private async inPartitions(consumer: EventConsumer, keyOf: (event: EventEnvelope) => string, messages: ConsumerMessages): Promise<void> {
    const work = new PartitionedWork(this.config.eventConcurrency, (e) =>
      this.logger.error(`${consumer.durable}: handling a delivery failed: ${(e as Error)?.message ?? e}`),
    );
    for await (const m of messages) {
      let key = '';
      try {
        key = keyOf(m.json<EventEnvelope>());
      } catch {
        // unparseable: process() dead-letters it; any key will do
      }
      await work.add(key, () => this.process(consumer, m));
    }
    await work.drain();
  }

  /** Handles one delivery. Public so tests can drive it with a crafted message. */
  async process(consumer: EventConsumer, m: JsMsg): Promise<void> {
    let event: EventEnvelope;
    try {
      event = m.json<EventEnvelope>();
    } catch {
      await this.deadLetter(consumer, m, 'unparseable', 'payload is not JSON');
      return;
    }
    const handler = consumer.handlers[event.type];
    if (!handler) {
      m.ack(); // another consumer's business
      return;
    }
    if (!handler.versions.includes(event.version)) {
      await this.deadLetter(consumer, m, event.type, `unknown version ${event.version}`);
      return;
    }
    const requestId = m.headers?.get(Headers.requestId) || undefined;
    try {
      await requestContext.run({ requestId, tenantId: event.tenantId }, () =>
        this.dataSource.transaction(async (em) => {
          const fresh = await em.query(
            `INSERT INTO inbox_events (consumer, event_id, type) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING event_id`,
            [consumer.durable, event.id, event.type],
          );
          if (fresh.length === 0) return; // processed before: a redelivery changes nothing
          await handler.handle(event, em);
        }),
      );
      m.ack();
      this.relay.kick();
      eventsConsumed.inc({ consumer: consumer.durable, type: event.type, outcome: 'ok' });
    } catch (e) {
      eventsConsumed.inc({ consumer: consumer.durable, type: event.type, outcome: 'error' });
      const attempt = m.info.deliveryCount;
      if (attempt >= this.config.eventMaxDeliver) {
        await this.deadLetter(consumer, m, event.type, String(e?.message ?? e));
      } else {
        this.logger.warn(`${consumer.durable}: ${event.type} ${event.id} failed (delivery ${attempt}): ${e?.message ?? e}`);
        m.nak(Math.min(30_000, 200 * 2 ** attempt));
      }
    }
  }

  private async deadLetter(consumer: EventConsumer, m: JsMsg, type: string, reason: string): Promise<void> {
    this.logger.error(`${consumer.durable}: dead-lettering ${type}: ${reason}`);
    const h = headers();
    h.set('x-dead-letter-reason', reason.slice(0, 500));
    h.set('x-original-subject', m.subject);
    await this.js.publish(deadLetterSubject(consumer.durable, type), m.data, { headers: h });
    m.term(reason);
  }
}
