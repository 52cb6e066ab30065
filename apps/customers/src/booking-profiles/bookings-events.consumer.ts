import { Injectable } from '@nestjs/common';
import { BookingEvents, Streams, type EventEnvelope } from '@app/contracts';
import { EventConsumer, type EventHandler } from '@app/platform';
import { BookingProfilesService } from './booking-profiles.service';

/** The customers service's durable consumer of the BOOKINGS stream. */
@Injectable()
export class BookingsEventsConsumer extends EventConsumer {
  readonly durable = 'customers-bookings';
  readonly stream = Streams.bookings;
  readonly filterSubject = 'events.bookings.>';
  readonly handlers: Record<string, EventHandler>;

  constructor(profiles: BookingProfilesService) {
    super();
    this.handlers = {
      [BookingEvents.bookingCreated]: { versions: [1], handle: (e: EventEnvelope<any>, em) => profiles.bookingCreated(e, em) },
      [BookingEvents.bookingCancelled]: { versions: [1], handle: (e: EventEnvelope<any>, em) => profiles.bookingCancelled(e, em) },
      [BookingEvents.groupMembershipChanged]: { versions: [1], handle: (e: EventEnvelope<any>, em) => profiles.groupMembershipChanged(e, em) },
    };
  }

  /**
   * A lead booker's bookings in order (their people are matched among their known customers, and a
   * cancellation follows its booking); a customer's group changes in order; the rest at once.
   */
  partitionKey(event: EventEnvelope<{ leadBooker?: { email: string | null }; bookingId?: string; customerId?: string }>): string {
    const { leadBooker, bookingId, customerId } = event.data ?? {};
    return `${event.tenantId}/${leadBooker?.email ?? customerId ?? bookingId ?? ''}`;
  }
}
