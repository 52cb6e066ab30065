import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { LedgerModule } from '../ledger/ledger.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PurchasesModule } from '../purchases/purchases.module';
import { SharedModule } from '../shared/shared.module';
import { CustomerProfileController } from './customer-profile.controller';
import { CustomerProfileService } from './customer-profile.service';

/** The customer's loyalty summary (profile figures) and export. */
@Module({
  imports: [SharedModule, CardsModule, LedgerModule, MetricsModule, PurchasesModule, FeedbackModule],
  controllers: [CustomerProfileController],
  providers: [CustomerProfileService],
})
export class CustomerProfileModule {}
