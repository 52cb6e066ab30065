import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PollingLoop } from '../common/polling-loop';
import { MARKETING_SETTINGS, type MarketingSettings } from '../marketing-settings';
import { SegmentMembershipService } from './segment-membership.service';

/**
 * Recomputes segments whose rule changed (computed_version < version) in the background, so
 * saving a rule answers at once however many customers the tenant has. Woken right after a
 * rule is saved; also polls, so work left by a crash or another replica is picked up.
 */
@Injectable()
export class SegmentRecomputeWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SegmentRecomputeWorker.name);
  private readonly loop: PollingLoop;

  constructor(
    private readonly membership: SegmentMembershipService,
    @Inject(MARKETING_SETTINGS) settings: MarketingSettings,
  ) {
    this.loop = new PollingLoop(SegmentRecomputeWorker.name, settings.workerPollMs, () => this.tick());
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  kick(): void {
    this.loop.kick();
  }

  private async tick(): Promise<boolean> {
    const stale = await this.membership.stale(10);
    for (const { tenantId, id } of stale) {
      const began = Date.now();
      const result = await this.membership.recompute(tenantId, id);
      if (result) this.logger.log(`segment ${id}: ${result.members} members (+${result.added} −${result.removed}) in ${Date.now() - began} ms`);
    }
    return stale.length > 0;
  }
}
