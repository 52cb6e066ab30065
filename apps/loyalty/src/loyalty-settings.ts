import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EnvReader } from '@app/platform';

/** Settings of the loyalty service beyond what every service has. */
export interface LoyaltySettings {
  /**
   * LOYALTY_RFM_REFRESH_MS (default 60000): how often the service looks for tenants whose
   * purchases changed, to recompute their RFM cut points and rescore their customers.
   */
  rfmRefreshMs: number;
}

export const LOYALTY_SETTINGS = Symbol('LOYALTY_SETTINGS');

/** Reads and validates the settings; a bad value throws ConfigError so the service stops at start. */
export function readLoyaltySettings(env: Record<string, string | undefined> = process.env): LoyaltySettings {
  const r = new EnvReader(env);
  const rfmRefreshMs = r.int('LOYALTY_RFM_REFRESH_MS', 60_000, 100, 86_400_000);
  r.done();
  return { rfmRefreshMs };
}

@Global()
@Module({})
export class LoyaltySettingsModule {
  static forRoot(settings: LoyaltySettings): DynamicModule {
    return { module: LoyaltySettingsModule, providers: [{ provide: LOYALTY_SETTINGS, useValue: settings }], exports: [LOYALTY_SETTINGS] };
  }
}
