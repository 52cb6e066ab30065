import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EnvReader } from '@app/platform';

/** Settings of the bookings service beyond what every service has. */
export interface BookingsSettings {
  /**
   * MEMBERSHIP_SWEEP_MS (default 30000): how often memberships cancelled to the end of their
   * period are closed once that end has passed (members already stop counting at that instant;
   * the sweep removes them from the group and publishes the events).
   */
  membershipSweepMs: number;
}

export const BOOKINGS_SETTINGS = Symbol('BOOKINGS_SETTINGS');

export function readBookingsSettings(env: Record<string, string | undefined> = process.env): BookingsSettings {
  const r = new EnvReader(env);
  const settings = { membershipSweepMs: r.int('MEMBERSHIP_SWEEP_MS', 30_000, 100, 3_600_000) };
  r.done();
  return settings;
}

@Global()
@Module({})
export class BookingsSettingsModule {
  static forRoot(settings: BookingsSettings): DynamicModule {
    return { module: BookingsSettingsModule, providers: [{ provide: BOOKINGS_SETTINGS, useValue: settings }], exports: [BOOKINGS_SETTINGS] };
  }
}
