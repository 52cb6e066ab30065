import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module';
import { MetricsModule } from '../metrics/metrics.module';
import { SharedModule } from '../shared/shared.module';
import { CardOperationsRepository } from './card-operations.repository';
import { LedgerController } from './ledger.controller';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';

/** The card ledger: visits and bonus operations (L2-L5). */
@Module({
  imports: [SharedModule, CardsModule, MetricsModule],
  controllers: [LedgerController],
  providers: [CardOperationsRepository, LedgerRepository, LedgerService],
  exports: [LedgerService, LedgerRepository],
})
export class LedgerModule {}
