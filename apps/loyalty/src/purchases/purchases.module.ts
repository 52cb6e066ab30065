import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { SharedModule } from '../shared/shared.module';
import { PurchasesController } from './purchases.controller';
import { PurchasesRepository } from './purchases.repository';
import { PurchasesService } from './purchases.service';
import { SalesRepository } from './sales.repository';

/** Receipts and orders (L6), favourite stores and the sales summary (L7). */
@Module({
  imports: [SharedModule, MetricsModule],
  controllers: [PurchasesController],
  providers: [PurchasesRepository, SalesRepository, PurchasesService],
  exports: [PurchasesService, SalesRepository],
})
export class PurchasesModule {}
