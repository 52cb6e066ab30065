import { Global, Module } from '@nestjs/common';
import { CUSTOMER_DIRECTORY_LISTENER } from '@app/platform';
import { ActivityController } from './activity/activity.controller';
import { ActivityTabsService } from './activity/activity-tabs.service';
import { InterestSweeper } from './activity/interest-sweeper';
import { TrackService } from './activity/track.service';
import { CustomerFactsListener } from './customers/customer-facts.listener';
import { CustomerFactsRepository } from './customers/customer-facts.repository';
import { KnownCustomers } from './customers/known-customers.service';
import { Channels } from './delivery/channels';
import { DeliveryWorker } from './delivery/delivery.worker';
import { MailingEventsWriter } from './delivery/mailing-events';
import { MailingsController } from './mailings/mailings.controller';
import { MailingsService } from './mailings/mailings.service';
import { PushService } from './mailings/push.service';
import { PollsController } from './polls/polls.controller';
import { PollsService } from './polls/polls.service';
import { CustomerProfileController } from './profile/customer-profile.controller';
import { CustomerProfileService } from './profile/customer-profile.service';
import { PromoCodesController } from './promo-codes/promo-codes.controller';
import { PromoCodesService } from './promo-codes/promo-codes.service';
import { SegmentMembershipService } from './segments/segment-membership.service';
import { SegmentRecomputeWorker } from './segments/segment-recompute.worker';
import { SegmentsController } from './segments/segments.controller';
import { SegmentsService } from './segments/segments.service';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/**
 * The marketing service's providers and message controllers. Global because the platform's
 * event consumers (constructed inside PlatformModule) need the customer-facts listener and the
 * services this service's own consumers use.
 */
@Global()
@Module({
  controllers: [
    SubscriptionsController,
    SegmentsController,
    MailingsController,
    PromoCodesController,
    PollsController,
    ActivityController,
    CustomerProfileController,
  ],
  providers: [
    CustomerFactsRepository,
    KnownCustomers,
    CustomerFactsListener,
    { provide: CUSTOMER_DIRECTORY_LISTENER, useExisting: CustomerFactsListener },
    SegmentMembershipService,
    SegmentRecomputeWorker,
    SegmentsService,
    SubscriptionsService,
    Channels,
    MailingEventsWriter,
    DeliveryWorker,
    MailingsService,
    PushService,
    PromoCodesService,
    PollsService,
    TrackService,
    ActivityTabsService,
    InterestSweeper,
    CustomerProfileService,
  ],
  exports: [CUSTOMER_DIRECTORY_LISTENER, CustomerFactsRepository, SegmentMembershipService, TrackService],
})
export class MarketingModule {}
