import { Module, type DynamicModule } from '@nestjs/common';
import { CustomerDirectoryConsumer, PlatformModule, TenantSettingsConsumer, type ServiceConfig } from '@app/platform';
import { BookingsEventsConsumer } from './customers/bookings-events.consumer';
import { LoyaltyEventsConsumer } from './customers/loyalty-events.consumer';
import { marketingDatabase } from './database';
import { MarketingModule } from './marketing.module';
import { MarketingSettingsModule, type MarketingSettings } from './marketing-settings';

/**
 * The marketing service: subscriptions, segments, mailings and push, promo codes, polls, web
 * activity, interests and abandoned carts (M1-M9), over its own projection of customer facts
 * from the customers, bookings and loyalty events.
 */
@Module({})
export class MarketingAppModule {
  static register(config: ServiceConfig, settings: MarketingSettings): DynamicModule {
    return {
      module: MarketingAppModule,
      imports: [
        PlatformModule.forService({
          config,
          database: marketingDatabase,
          consumers: [CustomerDirectoryConsumer, TenantSettingsConsumer, BookingsEventsConsumer, LoyaltyEventsConsumer],
        }),
        MarketingSettingsModule.forRoot(settings),
        MarketingModule,
      ],
    };
  }
}
