import { Injectable } from '@nestjs/common';
import { BookingEvents, Streams, type BookingCancelledV1, type EventEnvelope } from '@app/contracts';
import { EventConsumer, type EventHandler } from '@app/platform';
import { BookingProfilesService } from '../booking-profiles/booking-profiles.service';
import { CustomerDeletions } from '../deletions/customer-deletions';
import { bookingCancelledFor, historyOf } from '../history/history-entries';
import { HistoryRecorder } from '../history/history.recorder';

/**
 * The customers service's consumer of the BOOKINGS stream: profiles from bookings (C5, C6, C7),
 * the booking facts the customer list filters on, the timeline (C16) and erasure confirmations.
 */
@Injectable()
export class BookingsStreamConsumer extends EventConsumer {
  readonly durable = 'customers-bookings';
  readonly stream = Streams.bookings;
  readonly filterSubject = 'events.bookings.>';
  readonly handlers: Record<string, EventHandler>;

  constructor(profiles: BookingProfilesService, history: HistoryRecorder, deletions: CustomerDeletions) {
    super();
    const timeline: EventHandler = { versions: [1], handle: (e, em) => history.record(em, e, historyOf(e)) };
    this.handlers = {
      // Matches and creates the booking's people first, then records the booking for them.
      [BookingEvents.bookingCreated]: { versions: [1], handle: (e: EventEnvelope<any>, em) => profiles.bookingCreated(e, em) },
      [BookingEvents.bookingCancelled]: {
        versions: [1],
        handle: async (e: EventEnvelope<BookingCancelledV1>, em) => {
          await history.record(em, e, bookingCancelledFor(e, await profiles.customersOfBooking(em, e.tenantId, e.data.bookingId)));
          await profiles.bookingCancelled(e, em);
        },
      },
      [BookingEvents.groupMembershipChanged]: {
        versions: [1],
        handle: async (e: EventEnvelope<any>, em) => {
          await profiles.groupMembershipChanged(e, em);
          await history.record(em, e, historyOf(e));
        },
      },
      [BookingEvents.attendanceRecorded]: timeline,
      [BookingEvents.membershipStarted]: timeline,
      [BookingEvents.membershipCancelled]: timeline,
      [BookingEvents.membershipEnded]: timeline,
      [BookingEvents.passPurchased]: timeline,
      [BookingEvents.passAdjusted]: timeline,
      [BookingEvents.voucherPurchased]: timeline,
      [BookingEvents.voucherRedeemed]: timeline,
      [BookingEvents.customerErased]: { versions: [1], handle: (e: EventEnvelope<any>, em) => deletions.confirm(em, e) },
    };
  }

  /**
   * A lead booker's bookings in order (their people are matched among their known customers, and a
   * cancellation follows its booking); a customer's group changes in order; the rest at once.
   */
  partitionKey(event: EventEnvelope<{ leadBooker?: { email: string | null }; bookingId?: string; customerId?: string; membership?: { customerId: string } }>): string {
    const { leadBooker, bookingId, customerId, membership } = event.data ?? {};
    return `${event.tenantId}/${leadBooker?.email ?? customerId ?? membership?.customerId ?? bookingId ?? ''}`;
  }
}
