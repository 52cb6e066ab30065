import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CustomerEvents, Streams, type Actor, type BookingProfilesLinkedV1, type EventEnvelope } from '@app/contracts';
import { EventConsumer, type EventHandler } from '@app/platform';
import { OffersService } from '../offers/offers.service';
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

  constructor(
    private readonly stats: CustomerStats,
    private readonly offers: OffersService,
  ) {
    super();
    this.handlers = {
      [CustomerEvents.bookingProfilesLinked]: { versions: [1], handle: (e: EventEnvelope<BookingProfilesLinkedV1>, em) => this.link(e.tenantId, e.data, em) },
    };
  }

  private async link(tenantId: string, linked: BookingProfilesLinkedV1, em: EntityManager): Promise<void> {
    const [booking] = await em.query(`SELECT lead_email, lead_customer_id FROM bookings WHERE tenant_id = $1 AND id = $2`, [tenantId, linked.bookingId]);
    if (!booking) return;
    if (booking.lead_customer_id !== linked.leadBookerCustomerId) {
      await em.query(`UPDATE bookings SET lead_customer_id = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, linked.bookingId, linked.leadBookerCustomerId]);
    }
    if (booking.lead_email) await this.offers.mergeMemberKey(em, tenantId, booking.lead_email, linked.leadBookerCustomerId);
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
