import { Injectable } from '@nestjs/common';
import {
  LoyaltyEvents,
  Streams,
  type EventEnvelope,
  type LoyaltyCardChangedV1,
  type LoyaltyCardIssuedV1,
  type MetricsChangedV1,
  type PurchaseRecordedV1,
} from '@app/contracts';
import { EventConsumer, type EventHandler } from '@app/platform';
import { TrackService } from '../activity/track.service';
import { SegmentMembershipService } from '../segments/segment-membership.service';
import { CustomerFactsRepository } from './customer-facts.repository';

/**
 * What marketing takes from the loyalty service: purchases (orders in the web activity,
 * interests satisfied, bought products out of the abandoned cart), purchase metrics and RFM
 * segment (segments), and cards (whether a personal push can reach the customer, M3).
 */
@Injectable()
export class LoyaltyEventsConsumer extends EventConsumer {
  readonly durable = 'marketing-loyalty';
  readonly stream = Streams.loyalty;
  readonly filterSubject = 'events.loyalty.>';
  readonly handlers: Record<string, EventHandler>;

  constructor(facts: CustomerFactsRepository, membership: SegmentMembershipService, track: TrackService) {
    super();
    this.handlers = {
      [LoyaltyEvents.purchaseRecorded]: {
        versions: [1],
        handle: (e: EventEnvelope<PurchaseRecordedV1>, em) => track.recordPurchase(em, e.tenantId, e.data.purchase),
      },
      [LoyaltyEvents.metricsChanged]: {
        versions: [1],
        handle: async (e: EventEnvelope<MetricsChangedV1>, em) => {
          if (await facts.setMetrics(em, e.tenantId, e.data.customerId, e.data.metrics)) {
            await membership.reevaluate(em, e.tenantId, [e.data.customerId], ['purchaseCount', 'purchaseTotal', 'lastPurchaseAt', 'rfmSegment']);
          }
        },
      },
      [LoyaltyEvents.cardIssued]: {
        versions: [1],
        handle: async (e: EventEnvelope<LoyaltyCardIssuedV1>, em) => {
          await facts.applyCard(em, e.tenantId, e.data.card);
        },
      },
      [LoyaltyEvents.cardChanged]: {
        versions: [1],
        handle: async (e: EventEnvelope<LoyaltyCardChangedV1>, em) => {
          await facts.applyCard(em, e.tenantId, e.data.card);
        },
      },
    };
  }
}
