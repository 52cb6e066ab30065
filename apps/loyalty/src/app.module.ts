import { Module, type DynamicModule } from '@nestjs/common';
import { CustomerDirectoryConsumer, PlatformModule, TenantSettingsConsumer, type ServiceConfig } from '@app/platform';
import { CardsModule } from './cards/cards.module';
import { CustomerDeletionModule } from './customer-deletion/customer-deletion.module';
import { CustomerProfileModule } from './customer-profile/customer-profile.module';
import { loyaltyDatabase } from './database';
import { FeedbackModule } from './feedback/feedback.module';
import { LedgerModule } from './ledger/ledger.module';
import { LoyaltySettingsModule, type LoyaltySettings } from './loyalty-settings';
import { MetricsModule } from './metrics/metrics.module';
import { PurchasesModule } from './purchases/purchases.module';

/** The loyalty service: cards, ledger, bonus lifecycle, purchases, metrics, feedback (L1-L10). */
@Module({})
export class LoyaltyAppModule {
  static register(config: ServiceConfig, settings: LoyaltySettings): DynamicModule {
    return {
      module: LoyaltyAppModule,
      imports: [
        PlatformModule.forService({ config, database: loyaltyDatabase, consumers: [CustomerDirectoryConsumer, TenantSettingsConsumer] }),
        LoyaltySettingsModule.forRoot(settings),
        CustomerDeletionModule,
        CardsModule,
        LedgerModule,
        MetricsModule,
        PurchasesModule,
        FeedbackModule,
        CustomerProfileModule,
      ],
    };
  }
}
