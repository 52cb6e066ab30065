import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LoyaltyEvents, type MetricsChangedV1 } from '@app/contracts';
import { OutboxService } from '@app/platform';
import { LOYALTY_SETTINGS, type LoyaltySettings } from '../loyalty-settings';
import { updatedRows } from '../shared/sql';
import { metricsEvent } from './metrics-rules';
import { toMetricsRow } from './metrics.repository';
import { RfmScoring, sameScores } from './rfm-scoring.service';

const CHUNK = 1000;

/**
 * Keeps each tenant's RFM cut points current: every LOYALTY_RFM_REFRESH_MS it takes the tenants
 * whose purchases changed since (rfm_refresh_queue), recomputes their quintile cut points and
 * rescores their customers in chunks of a thousand (each chunk one short transaction with its
 * rows locked, so a purchase arriving meanwhile waits for at most one chunk), publishing
 * metrics.changed for every customer whose scores moved. Several replicas share the work: a
 * tenant is claimed with SKIP LOCKED and removed from the queue before it is refreshed.
 */
@Injectable()
export class RfmRefresher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RfmRefresher.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scoring: RfmScoring,
    private readonly outbox: OutboxService,
    @Inject(LOYALTY_SETTINGS) private readonly settings: LoyaltySettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.settings.rfmRefreshMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Refreshes every queued tenant once; overlapping ticks are skipped. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.drain()
      .catch((e) => this.logger.error(`RFM refresh failed: ${e?.stack ?? e}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const [claimed] = updatedRows<{ tenant_id: string }>(
        await this.dataSource.query(
        `DELETE FROM rfm_refresh_queue WHERE tenant_id = (
           SELECT tenant_id FROM rfm_refresh_queue ORDER BY queued_at FOR UPDATE SKIP LOCKED LIMIT 1)
         RETURNING tenant_id`,
        ),
      );
      const tenantId = claimed?.tenant_id;
      if (!tenantId) return;
      try {
        await this.refresh(tenantId);
      } catch (e) {
        await this.dataSource.query(`INSERT INTO rfm_refresh_queue (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING`, [tenantId]);
        throw e;
      }
    }
  }

  async refresh(tenantId: string): Promise<void> {
    const computed = await this.scoring.compute(this.dataSource.manager, tenantId);
    if (!computed) {
      await this.dataSource.query(`DELETE FROM rfm_thresholds WHERE tenant_id = $1`, [tenantId]);
      return;
    }
    const { cuts, customers } = computed;
    await this.dataSource.query(
      `INSERT INTO rfm_thresholds (tenant_id, recency, frequency, monetary, customers, computed_at)
       VALUES ($1, $2::timestamptz[], $3, $4, $5, now())
       ON CONFLICT (tenant_id) DO UPDATE SET recency = EXCLUDED.recency, frequency = EXCLUDED.frequency, monetary = EXCLUDED.monetary,
         customers = EXCLUDED.customers, computed_at = EXCLUDED.computed_at`,
      [tenantId, cuts.recency.map((ms) => new Date(ms).toISOString()), cuts.frequency, cuts.monetary, customers],
    );
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const last = await this.dataSource.transaction(async (em) => {
        const rows: Array<Record<string, any>> = await em.query(
          `SELECT m.customer_id, m.currency, m.ltv, m.purchase_count, m.purchase_total, m.item_total, m.first_purchase_at, m.last_purchase_at,
                  m.last_purchase_total, m.rfm_r, m.rfm_f, m.rfm_m, m.rfm_segment, m.rating_count, m.rating_sum
             FROM customer_metrics m
            WHERE m.tenant_id = $1 AND m.purchase_count > 0 AND m.customer_id > $2
            ORDER BY m.customer_id LIMIT ${CHUNK} FOR UPDATE`,
          [tenantId, after],
        );
        const changed = rows
          .map((r) => ({ customerId: r.customer_id as string, row: toMetricsRow(r) }))
          .map((c) => ({ ...c, ...RfmScoring.scoresOf(c.row, cuts) }))
          .filter((c) => !sameScores(c.row, c.scores, c.segment));
        if (changed.length) {
          await em.query(
            `UPDATE customer_metrics m SET rfm_r = u.r, rfm_f = u.f, rfm_m = u.m, rfm_segment = u.segment
               FROM unnest($2::uuid[], $3::smallint[], $4::smallint[], $5::smallint[], $6::text[]) AS u(customer_id, r, f, m, segment)
              WHERE m.tenant_id = $1 AND m.customer_id = u.customer_id`,
            [tenantId, changed.map((c) => c.customerId), changed.map((c) => c.scores!.r), changed.map((c) => c.scores!.f), changed.map((c) => c.scores!.m), changed.map((c) => c.segment)],
          );
          for (const c of changed) {
            const row = { ...c.row, rfmR: c.scores!.r, rfmF: c.scores!.f, rfmM: c.scores!.m, rfmSegment: c.segment };
            await this.outbox.enqueue<MetricsChangedV1>(em, {
              type: LoyaltyEvents.metricsChanged,
              tenantId,
              actor: { type: 'system', id: 'loyalty' },
              data: { customerId: c.customerId, metrics: metricsEvent(row) },
            });
          }
        }
        return rows.length === CHUNK ? (rows[rows.length - 1].customer_id as string) : null;
      });
      this.outbox.flush();
      if (!last || this.stopped) return;
      after = last;
    }
  }
}
