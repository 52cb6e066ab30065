import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { Headers } from '@app/contracts';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { NATS_CONNECTION } from './nats.connection';
import { outboxPublished, outboxPending } from '../health/metrics';

const BATCH = 200;

/**
 * Publishes committed outbox rows to JetStream with Nats-Msg-Id = event id, so a retry after a
 * crash between publish and mark is deduplicated by the stream. Rows are locked with SKIP LOCKED,
 * so several replicas share the work without publishing a row twice at once.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private js: JetStreamClient;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.js = jetstream(this.nc);
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  kick(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => (this.running = null));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let published = 0;
    try {
      published = await this.publishBatch();
      this.failures = 0;
    } catch (e) {
      this.failures++;
      this.logger.warn(`Outbox publish failed (attempt ${this.failures}): ${e?.message ?? e}`);
    }
    const backoff = this.failures ? Math.min(30_000, 250 * 2 ** Math.min(this.failures, 7)) : 0;
    this.schedule(published === BATCH ? 0 : backoff || this.config.outboxPollMs);
  }

  /** Publishes one batch; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    const result = await this.dataSource.transaction(async (em): Promise<{ published: number; error?: Error }> => {
      const rows: Array<{ id: string; subject: string; envelope: unknown; request_id: string | null }> = await em.query(
        `SELECT id, subject, envelope, request_id FROM outbox_events
          WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      outboxPending.set(rows.length);
      if (rows.length === 0) return { published: 0 };
      try {
        // Sent in order on one connection, so the stream keeps the outbox order.
        await Promise.all(
          rows.map((row) => {
            const h = headers();
            if (row.request_id) h.set(Headers.requestId, row.request_id);
            return this.js.publish(row.subject, JSON.stringify(row.envelope), { msgID: row.id, headers: h, timeout: 5_000 });
          }),
        );
      } catch (e) {
        await em.query(`UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)`, [
          rows.map((r) => r.id),
          String(e?.message ?? e).slice(0, 500),
        ]);
        return { published: 0, error: e };
      }
      await em.query(`UPDATE outbox_events SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`, [
        rows.map((r) => r.id),
      ]);
      outboxPublished.inc(rows.length);
      return { published: rows.length };
    });
    if (result.error) throw result.error;
    return result.published;
  }
}
