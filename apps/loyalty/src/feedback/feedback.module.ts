import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { SharedModule } from '../shared/shared.module';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';

/** Feedback ratings (L8). */
@Module({
  imports: [SharedModule, MetricsModule],
  controllers: [FeedbackController],
  providers: [FeedbackRepository, FeedbackService],
  exports: [FeedbackService, FeedbackRepository],
})
export class FeedbackModule {}
