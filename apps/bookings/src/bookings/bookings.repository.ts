import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BookingView, ConsentStatus, FieldAnswer } from '@app/contracts';
import { iso, isoOrNull, money } from '../common/money';
import { ONCE } from '../offers/offer-rules';

export interface NewBooking {
  id: string;
  scheduleEntryId: string;
  channel: 'admin' | 'customer';
  lead: { customerId: string | null; email: string; firstName: string; lastName: string };
  totalAmount: number;
  currency: string;
  voucherCode: string | null;
  passId: string | null;
  bookedAt: Date;
}
export interface NewAttendee {
  id: string;
  ticketId: string;
  customerId: string | null;
  email: string | null;
  firstName: string;
  lastName: string;
  fields: Record<string, FieldAnswer>;
  consents: Record<string, ConsentStatus>;
}

/** Bookings and their attendees. */
@Injectable()
export class BookingsRepository {
  async insert(em: EntityManager, tenantId: string, booking: NewBooking, attendees: NewAttendee[]): Promise<void> {
    await em.query(
      `INSERT INTO bookings (tenant_id, id, schedule_entry_id, status, channel, lead_customer_id, lead_email, lead_first_name, lead_last_name,
                             total_amount, currency, voucher_code, pass_id, booked_at)
       VALUES ($1, $2, $3, 'confirmed', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        tenantId,
        booking.id,
        booking.scheduleEntryId,
        booking.channel,
        booking.lead.customerId,
        booking.lead.email,
        booking.lead.firstName,
        booking.lead.lastName,
        booking.totalAmount,
        booking.currency,
        booking.voucherCode,
        booking.passId,
        booking.bookedAt,
      ],
    );
    await em.query(
      `INSERT INTO booking_attendees (tenant_id, id, booking_id, position, ticket_id, customer_id, email, first_name, last_name, fields, consents)
       SELECT $1, a.id, $2, a.position, a.ticket_id, a.customer_id, a.email, a.first_name, a.last_name, a.fields, a.consents
         FROM jsonb_to_recordset($3::jsonb)
           AS a(id uuid, position int, ticket_id uuid, customer_id uuid, email text, first_name text, last_name text, fields jsonb, consents jsonb)`,
      [
        tenantId,
        booking.id,
        JSON.stringify(
          attendees.map((a, position) => ({
            id: a.id,
            position,
            ticket_id: a.ticketId,
            customer_id: a.customerId,
            email: a.email,
            first_name: a.firstName,
            last_name: a.lastName,
            fields: a.fields,
            consents: a.consents,
          })),
        ),
      ],
    );
  }

  /** Locks the booking for a change; null when it does not exist in the tenant. */
  async lock(em: EntityManager, tenantId: string, id: string): Promise<{ id: string; status: string; schedule_entry_id: string } | null> {
    const [row] = await em.query(`SELECT id, status, schedule_entry_id FROM bookings WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
    return row ?? null;
  }

  async view(em: EntityManager, tenantId: string, id: string): Promise<BookingView | null> {
    const [row] = await em.query(
      `SELECT b.*, e.title, e.starts_at, e.ends_at,
              (SELECT coalesce(json_agg(json_build_object('id', a.id, 'ticketId', a.ticket_id, 'ticketName', t.name, 'customerId', a.customer_id,
                        'email', a.email, 'firstName', a.first_name, 'lastName', a.last_name, 'fields', a.fields, 'consents', a.consents,
                        'attended', a.attended) ORDER BY a.position), '[]')
                 FROM booking_attendees a JOIN tickets t ON t.tenant_id = a.tenant_id AND t.id = a.ticket_id
                WHERE a.tenant_id = b.tenant_id AND a.booking_id = b.id) AS attendees,
              (SELECT coalesce(json_agg(json_build_object('offerId', u.offer_id, 'uses', u.uses, 'periodStart', u.period_start)), '[]')
                 FROM booking_offer_uses u WHERE u.tenant_id = b.tenant_id AND u.booking_id = b.id) AS offer_uses
         FROM bookings b JOIN schedule_entries e ON e.tenant_id = b.tenant_id AND e.id = b.schedule_entry_id
        WHERE b.tenant_id = $1 AND b.id = $2`,
      [tenantId, id],
    );
    if (!row) return null;
    return {
      id: row.id,
      scheduleEntry: { id: row.schedule_entry_id, title: row.title, startsAt: iso(row.starts_at), endsAt: iso(row.ends_at) },
      status: row.status,
      channel: row.channel,
      leadBooker: { customerId: row.lead_customer_id, email: row.lead_email, firstName: row.lead_first_name, lastName: row.lead_last_name },
      attendees: row.attendees,
      total: money(row.total_amount, row.currency),
      voucherCode: row.voucher_code,
      passId: row.pass_id,
      offerUses: row.offer_uses.map((u: { offerId: string; uses: number; periodStart: string }) => ({
        offerId: u.offerId,
        uses: u.uses,
        periodStart: new Date(u.periodStart).getTime() === ONCE.getTime() ? null : iso(u.periodStart),
      })),
      bookedAt: iso(row.booked_at),
      cancelledAt: isoOrNull(row.cancelled_at),
    };
  }
}
