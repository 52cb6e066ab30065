import { Injectable } from '@nestjs/common';
import {
  BookingEvents,
  Streams,
  type CustomerBookingStatsChangedV1,
  type EventEnvelope,
  type GroupMembershipChangedV1,
} from '@app/contracts';
import { EventConsumer, type EventHandler } from '@app/platform';
import { SegmentMembershipService } from '../segments/segment-membership.service';
import { CustomerFactsRepository } from './customer-facts.repository';

/**
 * Group membership and booking counts from the bookings service, for segments (`groups`,
 * `totalEventsBooked`). One durable consumer on the BOOKINGS stream; the other booking events
 * are acknowledged without work.
 */
@Injectable()
export class BookingsEventsConsumer extends EventConsumer {
  readonly durable = 'marketing-bookings';
  readonly stream = Streams.bookings;
  readonly filterSubject = 'events.bookings.>';
  readonly handlers: Record<string, EventHandler>;

  constructor(facts: CustomerFactsRepository, membership: SegmentMembershipService) {
    super();
    this.handlers = {
      [BookingEvents.groupMembershipChanged]: {
        versions: [1],
        handle: async (e: EventEnvelope<GroupMembershipChangedV1>, em) => {
          const { customerId, groupId, member } = e.data;
          if (await facts.setGroupMembership(em, e.tenantId, customerId, groupId, member)) {
            await membership.reevaluate(em, e.tenantId, [customerId], ['groups']);
          }
        },
      },
      [BookingEvents.customerStatsChanged]: {
        versions: [1],
        handle: async (e: EventEnvelope<CustomerBookingStatsChangedV1>, em) => {
          const { customerId, totalEventsBooked } = e.data;
          if (await facts.setBookingStats(em, e.tenantId, customerId, totalEventsBooked)) {
            await membership.reevaluate(em, e.tenantId, [customerId], ['totalEventsBooked']);
          }
        },
      },
    };
  }
}
