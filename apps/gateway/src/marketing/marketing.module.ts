import { Module } from '@nestjs/common';
import { CustomerMarketingController } from './customer-marketing.controller';
import { MailingsController } from './mailings.controller';
import { PollsController } from './polls.controller';
import { PromoCodesController } from './promo-codes.controller';
import { SegmentsController } from './segments.controller';
import { SubscriptionsController } from './subscriptions.controller';
import { TrackController } from './track.controller';

/** HTTP edge of the marketing service: validate, call one RPC, answer. */
@Module({
  controllers: [SubscriptionsController, SegmentsController, MailingsController, PromoCodesController, PollsController, TrackController, CustomerMarketingController],
  providers: [],
})
export class MarketingModule {}
