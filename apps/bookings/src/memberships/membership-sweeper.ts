import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { BOOKINGS_SETTINGS, type BookingsSettings } from '../bookings-settings';
import { MembershipsService } from './memberships.service';

/** Closes memberships cancelled to the end of their period once that end has passed. */
@Injectable()
export class MembershipSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MembershipSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly memberships: MembershipsService,
    @Inject(BOOKINGS_SETTINGS) private readonly settings: BookingsSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep().finally(() => (this.running = null));
    }, this.settings.membershipSweepMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      while ((await this.memberships.closeEnded()) === 100);
    } catch (e) {
      this.logger.warn(`Closing ended memberships failed: ${e?.message ?? e}`);
    }
  }
}
