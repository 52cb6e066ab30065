import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantSettingsStore } from '@app/platform';
import { PollingLoop } from '../common/polling-loop';
import { CustomerFactsRepository } from '../customers/customer-facts.repository';
import { MARKETING_SETTINGS, type MarketingSettings } from '../marketing-settings';
import { SegmentMembershipService } from '../segments/segment-membership.service';
import { interestWindowStart } from './interest-rules';

const BATCH = 500;

/**
 * Interests lapse with time alone (M7: views older than the window stop counting), with no
 * event to say so. Every INTEREST_SWEEP_MS this re-evaluates, for tenants with segments that
 * read interests, the customers whose last view of a category left the window since the last
 * sweep. When the tenant's window itself changed, those segments are recomputed in full.
 */
@Injectable()
export class InterestSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loop: PollingLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: TenantSettingsStore,
    private readonly facts: CustomerFactsRepository,
    private readonly membership: SegmentMembershipService,
    @Inject(MARKETING_SETTINGS) config: MarketingSettings,
  ) {
    this.loop = new PollingLoop(InterestSweeper.name, config.interestSweepMs, () => this.sweepAll());
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** One sweep over every tenant that has segments reading interests. */
  async sweepAll(now = new Date()): Promise<boolean> {
    const tenants: Array<{ tenant_id: string }> = await this.dataSource.query(`SELECT DISTINCT tenant_id FROM segments WHERE 'interests' = ANY(fields)`);
    for (const { tenant_id } of tenants) await this.sweep(tenant_id, now);
    return false;
  }

  private async sweep(tenantId: string, now: Date): Promise<void> {
    const { interestWindowDays } = await this.settings.get(tenantId);
    const [state] = await this.dataSource.query(`SELECT swept_until, window_days FROM interest_sweeps WHERE tenant_id = $1`, [tenantId]);
    if (!state || state.window_days !== interestWindowDays) {
      // First sweep, or a new window: every interest may have changed.
      await this.dataSource.transaction(async (em) => {
        await em.query(`UPDATE segments SET version = version + 1, updated_at = now() WHERE tenant_id = $1 AND 'interests' = ANY(fields)`, [tenantId]);
        await this.saveState(em, tenantId, now, interestWindowDays);
      });
      return;
    }
    // Views in (from, to] left the window between the last sweep and now.
    const from = interestWindowStart(new Date(state.swept_until), interestWindowDays);
    const to = interestWindowStart(now, interestWindowDays);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ customer_id: string }> = await this.dataSource.query(
        `SELECT DISTINCT customer_id FROM customer_interests
          WHERE tenant_id = $1 AND last_viewed_at > $2 AND last_viewed_at <= $3 AND customer_id > $4
          ORDER BY customer_id LIMIT $5`,
        [tenantId, from, to, after, BATCH],
      );
      if (rows.length === 0) break;
      await this.dataSource.transaction(async (em) => {
        const live = await this.facts.lockLiveMany(em, tenantId, rows.map((r) => r.customer_id));
        await this.membership.reevaluate(em, tenantId, [...live], ['interests']);
      });
      after = rows[rows.length - 1].customer_id;
    }
    await this.saveState(this.dataSource.manager, tenantId, now, interestWindowDays);
  }

  private async saveState(em: import('typeorm').EntityManager, tenantId: string, now: Date, windowDays: number): Promise<void> {
    await em.query(
      `INSERT INTO interest_sweeps (tenant_id, swept_until, window_days) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET swept_until = EXCLUDED.swept_until, window_days = EXCLUDED.window_days`,
      [tenantId, now, windowDays],
    );
  }
}
