import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { HistoryController } from './history.controller';
import { HistoryRecorder } from './history.recorder';
import { HistoryService } from './history.service';

/** The customer's timeline (C16): entries written from events, read newest first. */
@Module({
  imports: [CustomersModule],
  controllers: [HistoryController],
  providers: [HistoryRecorder, HistoryService],
  exports: [HistoryRecorder, HistoryService],
})
export class HistoryModule {}
