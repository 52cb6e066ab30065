import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BookingEvents, type Actor, type CustomerBookingStatsChangedV1 } from '@app/contracts';
import { OutboxService } from '@app/platform';

/**
 * Links customers to the bookings they made or attend (customer_bookings), and publishes a
 * customer's booking figures after each change (segments use totalEventsBooked).
 */
@Injectable()
export class CustomerStats {
  constructor(private readonly outbox: OutboxService) {}

  /** Adds (or widens) the customer's link to a booking; a person may be lead booker and attendee. */
  async link(
    em: EntityManager,
    tenantId: string,
    links: Array<{ customerId: string; bookingId: string; isLead: boolean; isAttendee: boolean }>,
  ): Promise<void> {
    if (links.length === 0) return;
    // One row per customer and booking (one statement may not upsert a row twice).
    const merged = new Map<string, (typeof links)[number]>();
    for (const link of links) {
      const key = `${link.customerId}/${link.bookingId}`;
      const seen = merged.get(key);
      merged.set(key, seen ? { ...seen, isLead: seen.isLead || link.isLead, isAttendee: seen.isAttendee || link.isAttendee } : link);
    }
    await em.query(
      `INSERT INTO customer_bookings (tenant_id, customer_id, booking_id, schedule_entry_id, starts_at, booked_at, status, is_lead, is_attendee, attended)
       SELECT $1, l.customer_id, b.id, b.schedule_entry_id, e.starts_at, b.booked_at, b.status, l.is_lead, l.is_attendee,
              (SELECT bool_or(a.attended) FROM booking_attendees a WHERE a.tenant_id = $1 AND a.booking_id = b.id AND a.customer_id = l.customer_id)
         FROM jsonb_to_recordset($2::jsonb) AS l(customer_id uuid, booking_id uuid, is_lead boolean, is_attendee boolean)
         JOIN bookings b ON b.tenant_id = $1 AND b.id = l.booking_id
         JOIN schedule_entries e ON e.tenant_id = $1 AND e.id = b.schedule_entry_id
       ON CONFLICT (tenant_id, customer_id, booking_id) DO UPDATE
         SET is_lead = customer_bookings.is_lead OR EXCLUDED.is_lead,
             is_attendee = customer_bookings.is_attendee OR EXCLUDED.is_attendee,
             attended = EXCLUDED.attended`,
      [tenantId, JSON.stringify([...merged.values()].map((l) => ({ customer_id: l.customerId, booking_id: l.bookingId, is_lead: l.isLead, is_attendee: l.isAttendee })))],
    );
  }

  /** Publishes bookings.customerStats.changed for each customer. */
  async publish(em: EntityManager, tenantId: string, actor: Actor, customerIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return;
    const rows: Array<{ customer_id: string; total: number; first_booked_at: Date | null; last_booked_at: Date | null }> = await em.query(
      `SELECT c.id AS customer_id,
              count(DISTINCT cb.schedule_entry_id) FILTER (WHERE cb.status = 'confirmed')::int AS total,
              min(cb.booked_at) AS first_booked_at, max(cb.booked_at) AS last_booked_at
         FROM unnest($2::uuid[]) AS c(id)
         LEFT JOIN customer_bookings cb ON cb.tenant_id = $1 AND cb.customer_id = c.id
        GROUP BY c.id`,
      [tenantId, ids],
    );
    for (const row of rows) {
      await this.outbox.enqueue<CustomerBookingStatsChangedV1>(em, {
        type: BookingEvents.customerStatsChanged,
        tenantId,
        actor,
        data: {
          customerId: row.customer_id,
          totalEventsBooked: row.total,
          firstBookedAt: row.first_booked_at ? row.first_booked_at.toISOString() : null,
          lastBookedAt: row.last_booked_at ? row.last_booked_at.toISOString() : null,
        },
      });
    }
  }
}
