import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { allPages, decodeCursor, encodeCursor, pageLimit, type Caller } from '@app/common';
import { invalid, type BookingRef, type BookingSummary, type CustomerBookingView, type Page } from '@app/contracts';
import { InputReader } from '../common/input';
import { iso, money } from '../common/money';
import { GroupsService } from '../groups/groups.service';
import { MembershipsService } from '../memberships/memberships.service';
import { PassesService } from '../passes/passes.service';
import { VouchersService } from '../vouchers/vouchers.service';

const REF_JSON = `json_build_object('bookingId', cb.booking_id, 'scheduleEntryId', cb.schedule_entry_id, 'title', e.title,
  'startsAt', e.starts_at, 'endsAt', e.ends_at, 'bookedAt', cb.booked_at, 'status', cb.status)`;
const REF_FROM = `FROM customer_bookings cb JOIN schedule_entries e ON e.tenant_id = cb.tenant_id AND e.id = cb.schedule_entry_id
                  WHERE cb.tenant_id = $1 AND cb.customer_id = $2`;

/** What the profile shows from bookings (B3) and the customer's bookings tab. */
@Injectable()
export class CustomerBookingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: PassesService,
    private readonly groups: GroupsService,
    private readonly vouchers: VouchersService,
    private readonly memberships: MembershipsService,
  ) {}

  /**
   * B3 in one round trip. A customer's bookings are those they made (lead booker) or attend.
   * Totals count distinct schedule entries of confirmed bookings; attendance counts only where
   * the customer attends.
   */
  async summary(caller: Caller, customerId: string): Promise<BookingSummary> {
    const [row] = await this.dataSource.query(
      `SELECT
         (SELECT min(cb.booked_at) FROM customer_bookings cb WHERE cb.tenant_id = $1 AND cb.customer_id = $2) AS first_seen_at,
         (SELECT count(DISTINCT cb.schedule_entry_id) FROM customer_bookings cb
           WHERE cb.tenant_id = $1 AND cb.customer_id = $2 AND cb.status = 'confirmed')::int AS total,
         (SELECT count(DISTINCT cb.schedule_entry_id) FROM customer_bookings cb
           WHERE cb.tenant_id = $1 AND cb.customer_id = $2 AND cb.status = 'confirmed' AND cb.starts_at > now())::int AS upcoming,
         (SELECT ${REF_JSON} ${REF_FROM} AND cb.status = 'confirmed' AND cb.is_attendee AND cb.starts_at > now()
           ORDER BY cb.starts_at, cb.booking_id LIMIT 1) AS next_attendance,
         (SELECT ${REF_JSON} ${REF_FROM} AND cb.status = 'confirmed' AND cb.attended ORDER BY cb.starts_at DESC, cb.booking_id DESC LIMIT 1) AS last_attendance,
         (SELECT ${REF_JSON} ${REF_FROM} ORDER BY cb.booked_at DESC, cb.booking_id DESC LIMIT 1) AS latest_booking,
         (SELECT count(*) FROM passes p WHERE p.tenant_id = $1 AND p.customer_id = $2
           AND p.uses_used < p.uses_total AND (p.expires_at IS NULL OR p.expires_at > now()))::int AS active_passes`,
      [caller.tenantId, customerId],
    );
    return {
      firstSeenAt: row.first_seen_at ? iso(row.first_seen_at) : null,
      totalEventsBooked: row.total,
      totalEventsUpcoming: row.upcoming,
      nextUpcomingAttendance: ref(row.next_attendance),
      lastAttendance: ref(row.last_attendance),
      latestBooking: ref(row.latest_booking),
      activePasses: row.active_passes,
    };
  }

  /** The summary and the first page of each bookings tab of the profile (P1), read at once. */
  async profile(caller: Caller, customerId: string, limit: number) {
    const query = { limit };
    const [summary, bookings, passes, groups, vouchers] = await Promise.all([
      this.summary(caller, customerId),
      this.bookings(caller, customerId, query),
      this.passes.ofCustomer(caller, customerId, query),
      this.groups.groupsOfCustomer(caller, customerId, query),
      this.vouchers.ofCustomer(caller, customerId, query),
    ]);
    return { summary, tabs: { bookings, passes, groups, vouchers } };
  }

  /**
   * The first instant after `after` at which the clock alone changes the bookings part: one of
   * the customer's confirmed bookings starts (upcoming becomes past), a pass expires, a group
   * membership ends. Null when none lies ahead.
   */
  async changesByClockAt(tenantId: string, customerId: string, after: Date): Promise<Date | null> {
    const [row] = await this.dataSource.query(
      `SELECT least(
         (SELECT min(starts_at) FROM customer_bookings WHERE tenant_id = $1 AND customer_id = $2 AND status = 'confirmed' AND starts_at > $3),
         (SELECT min(expires_at) FROM passes WHERE tenant_id = $1 AND customer_id = $2 AND expires_at > $3),
         (SELECT min(member_until) FROM group_members WHERE tenant_id = $1 AND customer_id = $2 AND member_until > $3)) AS at`,
      [tenantId, customerId, after],
    );
    return row.at;
  }

  /** The bookings tab: newest booking first, optionally confirmed/cancelled and upcoming/past. */
  async bookings(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<CustomerBookingView>> {
    const r = new InputReader();
    const status = r.oneOf(query.status, 'status', ['confirmed', 'cancelled'] as const, { optional: true });
    const when = r.oneOf(query.when, 'when', ['upcoming', 'past'] as const, { optional: true });
    if (!r.ok) throw invalid(r.errors);
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor, '-bookedAt');
    const rows = await this.dataSource.query(
      `SELECT cb.*, e.title, e.starts_at AS entry_starts_at, e.ends_at, b.total_amount, b.currency,
              (SELECT json_agg(json_build_object('customerId', a.customer_id, 'firstName', a.first_name, 'lastName', a.last_name, 'ticketName', t.name) ORDER BY a.position)
                 FROM booking_attendees a JOIN tickets t ON t.tenant_id = a.tenant_id AND t.id = a.ticket_id
                WHERE a.tenant_id = cb.tenant_id AND a.booking_id = cb.booking_id) AS attendees
         FROM customer_bookings cb
         JOIN schedule_entries e ON e.tenant_id = cb.tenant_id AND e.id = cb.schedule_entry_id
         JOIN bookings b ON b.tenant_id = cb.tenant_id AND b.id = cb.booking_id
        WHERE cb.tenant_id = $1 AND cb.customer_id = $2
          AND ($3::text IS NULL OR cb.status = $3)
          AND ($4::text IS NULL OR ($4 = 'upcoming') = (cb.starts_at > now()))
          AND ($5::timestamptz IS NULL OR (cb.booked_at, cb.booking_id) < ($5, $6::uuid))
        ORDER BY cb.booked_at DESC, cb.booking_id DESC
        LIMIT $7`,
      [caller.tenantId, customerId, status, when, cursor?.value ?? null, cursor?.id ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map(
      (row: Record<string, any>): CustomerBookingView => ({
        bookingId: row.booking_id,
        scheduleEntryId: row.schedule_entry_id,
        title: row.title,
        startsAt: iso(row.entry_starts_at),
        endsAt: iso(row.ends_at),
        bookedAt: iso(row.booked_at),
        status: row.status,
        leadBooker: row.is_lead,
        attendee: row.is_attendee,
        attended: row.attended,
        attendees: row.attendees ?? [],
        total: money(row.total_amount, row.currency),
      }),
    );
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor('-bookedAt', { value: last.bookedAt, id: last.bookingId }) : null };
  }

  /** Everything bookings holds on the customer (C18 export). */
  async export(caller: Caller, customerId: string) {
    const { tenantId } = caller;
    const em = this.dataSource.manager;
    const all = { limit: 100 };
    const bookings: Array<Record<string, unknown>> = await em.query(
      `SELECT b.id, b.status, b.channel, b.booked_at, b.cancelled_at, b.total_amount, b.currency, b.voucher_code, b.pass_id,
              e.title, e.starts_at, cb.is_lead, cb.is_attendee,
              (SELECT json_agg(json_build_object('attendeeId', a.id, 'email', a.email, 'firstName', a.first_name, 'lastName', a.last_name,
                        'fields', a.fields, 'consents', a.consents, 'attended', a.attended) ORDER BY a.position)
                 FROM booking_attendees a WHERE a.tenant_id = b.tenant_id AND a.booking_id = b.id AND (a.customer_id = $2 OR cb.is_lead)) AS attendees
         FROM customer_bookings cb JOIN bookings b ON b.tenant_id = cb.tenant_id AND b.id = cb.booking_id
         JOIN schedule_entries e ON e.tenant_id = b.tenant_id AND e.id = b.schedule_entry_id
        WHERE cb.tenant_id = $1 AND cb.customer_id = $2 ORDER BY b.booked_at`,
      [tenantId, customerId],
    );
    return {
      summary: await this.summary(caller, customerId),
      bookings,
      passes: await allPages((cursor) => this.passes.ofCustomer(caller, customerId, { ...all, cursor })),
      groups: await allPages((cursor) => this.groups.groupsOfCustomer(caller, customerId, { ...all, cursor })),
      memberships: await this.memberships.ofCustomer(em, tenantId, customerId),
      vouchers: await allPages((cursor) => this.vouchers.ofCustomer(caller, customerId, { ...all, cursor })),
    };
  }
}

function ref(value: Record<string, string> | null): BookingRef | null {
  if (!value) return null;
  return {
    bookingId: value.bookingId,
    scheduleEntryId: value.scheduleEntryId,
    title: value.title,
    startsAt: iso(value.startsAt),
    endsAt: iso(value.endsAt),
    bookedAt: iso(value.bookedAt),
    status: value.status as BookingRef['status'],
  };
}
