import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CustomerEvents, Streams, type Actor, type BookingProfilesLinkedV1, type EventEnvelope } from '@app/contracts';
import { EventConsumer, type EventHandler } from '@app/platform';
import { CustomerStats } from './customer-stats';

const SYSTEM: Actor = { type: 'system', id: 'bookings' };

/**
 * The customers service answers each booking with the profiles its people were matched to or
 * created as; bookings records those ids, so the customer's bookings tab, summary and offer use
 * counts follow the customer from then on.
 */
@Injectable()
export class BookingProfilesConsumer extends EventConsumer {
  readonly durable = 'bookings-booking-profiles';
  readonly stream = Streams.customers;
  readonly filterSubject = 'events.customers.bookingProfiles.>';
  readonly handlers: Record<string, EventHandler>;

  constructor(private readonly stats: CustomerStats) {
    super();
    this.handlers = {
      [CustomerEvents.bookingProfilesLinked]: { versions: [1], handle: (e: EventEnvelope<BookingProfilesLinkedV1>, em) => this.link(e.tenantId, e.data, em) },
    };
  }

  /** Links of one booking in order; different bookings at once. */
  partitionKey(event: EventEnvelope<BookingProfilesLinkedV1>): string {
    return `${event.tenantId}/${event.data.bookingId}`;
  }

  private async link(tenantId: string, linked: BookingProfilesLinkedV1, em: EntityManager): Promise<void> {
    const [booking] = await em.query(`SELECT lead_customer_id FROM bookings WHERE tenant_id = $1 AND id = $2`, [tenantId, linked.bookingId]);
    if (!booking) return;
    if (booking.lead_customer_id !== linked.leadBookerCustomerId) {
      await em.query(`UPDATE bookings SET lead_customer_id = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, linked.bookingId, linked.leadBookerCustomerId]);
    }
    // Offer uses counted under the lead booker's email are not moved here but where the directory
    // learns the customer (BookingsCustomerListener): bookings that do not know the customer yet
    // must keep seeing every use under the email until then.
    if (linked.attendees.length) {
      await em.query(
        `UPDATE booking_attendees a SET customer_id = l.customer_id
           FROM jsonb_to_recordset($3::jsonb) AS l(attendee_id uuid, customer_id uuid)
          WHERE a.tenant_id = $1 AND a.booking_id = $2 AND a.id = l.attendee_id`,
        [tenantId, linked.bookingId, JSON.stringify(linked.attendees.map((a) => ({ attendee_id: a.attendeeId, customer_id: a.customerId })))],
      );
    }
    const links = [
      { customerId: linked.leadBookerCustomerId, bookingId: linked.bookingId, isLead: true, isAttendee: false },
      ...linked.attendees.map((a) => ({ customerId: a.customerId, bookingId: linked.bookingId, isLead: false, isAttendee: true })),
    ];
    await this.stats.link(em, tenantId, links);
    await this.stats.publish(em, tenantId, SYSTEM, links.map((l) => l.customerId));
  }
}
