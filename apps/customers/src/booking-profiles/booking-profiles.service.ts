import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, pageLimit, type Caller } from '@app/common';
import {
  CustomerEvents,
  type BookingCancelledV1,
  type BookingCreatedV1,
  type BookingProfilesLinkedV1,
  type EventEnvelope,
  type GroupMembershipChangedV1,
  type KnownCustomerView,
  type LatestDetailsView,
  type Page,
} from '@app/contracts';
import { OutboxService } from '@app/platform';
import { historyOf } from '../history/history-entries';
import { HistoryRecorder } from '../history/history.recorder';
import { ConsentsService } from '../consents/consents.service';
import { CustomerChangesService } from '../customers/customer-changes.service';
import { CustomerEntity } from '../customers/customer.entity';
import { CustomersRepository } from '../customers/customers.repository';
import { CustomersService } from '../customers/customers.service';
import { peopleOf, type BookingPerson } from './booking-people';

/**
 * Profiles grow from bookings (B2 → C1, C5, C6, C7): every person of a booking is matched to a
 * customer (by email; without one, among the lead booker's known customers by name) or created;
 * the latest booking's details replace older ones; attendees become the lead booker's known
 * customers; consent answers join the history. Runs in the booking event's inbox transaction,
 * so a redelivery changes nothing, and answers with customers.bookingProfiles.linked.
 */
@Injectable()
export class BookingProfilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomersService,
    private readonly changes: CustomerChangesService,
    private readonly repository: CustomersRepository,
    private readonly consents: ConsentsService,
    private readonly outbox: OutboxService,
    private readonly history: HistoryRecorder,
  ) {}

  async bookingCreated(event: EventEnvelope<BookingCreatedV1>, em: EntityManager): Promise<void> {
    const caller: Caller = { tenantId: event.tenantId, actor: event.actor };
    const booking = event.data;
    const bookedAt = new Date(booking.bookedAt);
    const people = peopleOf(booking);
    const ids: string[] = [];
    for (const person of people) {
      const leadId = ids[0] ?? null;
      const existing = await this.find(em, caller.tenantId, person, leadId);
      ids.push(existing ?? (await this.create(em, caller, person, booking, bookedAt)));
      if (existing) await this.update(em, caller, existing, person, booking, bookedAt);
    }
    const [leadId] = ids;
    for (const id of new Set(ids)) {
      if (id !== leadId) await this.knowCustomer(em, caller.tenantId, leadId, id, bookedAt);
      await em.query(
        `INSERT INTO customer_booked_entries (tenant_id, customer_id, booking_id, starts_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [caller.tenantId, id, booking.bookingId, booking.scheduleEntry.startsAt],
      );
    }
    // The timeline entries need the customers the booking's people turned out to be.
    const customerOf = new Map(people.flatMap((p, i) => p.attendeeIds.map((attendeeId) => [attendeeId, ids[i]] as const)));
    const linked = {
      ...booking,
      leadBooker: { ...booking.leadBooker, customerId: leadId },
      attendees: booking.attendees.map((a) => ({ ...a, customerId: customerOf.get(a.attendeeId) ?? a.customerId })),
    };
    await this.history.record(em, event, historyOf({ ...event, data: linked }));
    await this.outbox.enqueue<BookingProfilesLinkedV1>(em, {
      type: CustomerEvents.bookingProfilesLinked,
      tenantId: caller.tenantId,
      actor: { type: 'system', id: 'customers' },
      data: {
        bookingId: booking.bookingId,
        leadBookerCustomerId: leadId,
        attendees: people.flatMap((p, i) => p.attendeeIds.map((attendeeId) => ({ attendeeId, customerId: ids[i] }))),
      },
    });
  }

  /** The customers known to be on a booking (its lead booker and attendees). */
  async customersOfBooking(em: EntityManager, tenantId: string, bookingId: string): Promise<string[]> {
    const rows: Array<{ customer_id: string }> = await em.query(
      `SELECT customer_id FROM customer_booked_entries WHERE tenant_id = $1 AND booking_id = $2`,
      [tenantId, bookingId],
    );
    return rows.map((r) => r.customer_id);
  }

  async bookingCancelled(event: EventEnvelope<BookingCancelledV1>, em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM customer_booked_entries WHERE tenant_id = $1 AND booking_id = $2`, [event.tenantId, event.data.bookingId]);
  }

  async groupMembershipChanged(event: EventEnvelope<GroupMembershipChangedV1>, em: EntityManager): Promise<void> {
    const { groupId, groupName, customerId, member, at } = event.data;
    if (member) {
      await em.query(
        `INSERT INTO customer_group_members (tenant_id, group_id, customer_id, group_name, since) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, group_id, customer_id) DO UPDATE SET group_name = EXCLUDED.group_name`,
        [event.tenantId, groupId, customerId, groupName, at],
      );
    } else {
      await em.query(`DELETE FROM customer_group_members WHERE tenant_id = $1 AND group_id = $2 AND customer_id = $3`, [event.tenantId, groupId, customerId]);
    }
  }

  async latestDetails(caller: Caller, id: string): Promise<LatestDetailsView | null> {
    const em = this.dataSource.manager;
    await this.repository.assertLive(em, caller.tenantId, id);
    const [row] = await em.query(`SELECT * FROM customer_latest_details WHERE tenant_id = $1 AND customer_id = $2`, [caller.tenantId, id]);
    if (!row) return null;
    return {
      bookingId: row.booking_id,
      bookedAt: row.booked_at.toISOString(),
      scheduleEntry: row.schedule_entry,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      fields: row.fields,
    };
  }

  /** How many people this customer booked for (C6). */
  async knownCustomersCount(caller: Caller, id: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM known_customers k JOIN customers c ON c.tenant_id = k.tenant_id AND c.id = k.customer_id AND c.deleted_at IS NULL
        WHERE k.tenant_id = $1 AND k.lead_customer_id = $2`,
      [caller.tenantId, id],
    );
    return row.n;
  }

  /** The people this customer booked for (C6), most recently booked first. */
  async knownCustomers(caller: Caller, id: string, query: Record<string, unknown>): Promise<Page<KnownCustomerView>> {
    const em = this.dataSource.manager;
    await this.repository.assertLive(em, caller.tenantId, id);
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor, '-lastBookedAt');
    const rows = await em.query(
      `SELECT k.customer_id, k.first_booked_at, k.last_booked_at, k.bookings, c.first_name, c.last_name,
              (SELECT address FROM customer_emails e WHERE e.tenant_id = c.tenant_id AND e.customer_id = c.id AND e.is_primary) AS email
         FROM known_customers k JOIN customers c ON c.tenant_id = k.tenant_id AND c.id = k.customer_id AND c.deleted_at IS NULL
        WHERE k.tenant_id = $1 AND k.lead_customer_id = $2
          AND ($3::timestamptz IS NULL OR (k.last_booked_at, k.customer_id) < ($3, $4::uuid))
        ORDER BY k.last_booked_at DESC, k.customer_id DESC
        LIMIT $5`,
      [caller.tenantId, id, cursor?.value ?? null, cursor?.id ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map(
      (r: Record<string, any>): KnownCustomerView => ({
        customerId: r.customer_id,
        firstName: r.first_name,
        lastName: r.last_name,
        email: r.email,
        firstBookedAt: r.first_booked_at.toISOString(),
        lastBookedAt: r.last_booked_at.toISOString(),
        bookings: r.bookings,
        profile: `/v1/customers/${r.customer_id}`,
      }),
    );
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor('-lastBookedAt', { value: last.lastBookedAt, id: last.customerId }) : null };
  }

  /** A live customer by email; without one, a known customer of the lead booker with the same name. */
  private async find(em: EntityManager, tenantId: string, person: BookingPerson, leadId: string | null): Promise<string | null> {
    if (person.email) return this.repository.findIdByEmail(em, tenantId, person.email);
    if (!leadId) return null;
    const [row] = await em.query(
      `SELECT k.customer_id FROM known_customers k JOIN customers c ON c.tenant_id = k.tenant_id AND c.id = k.customer_id AND c.deleted_at IS NULL
        WHERE k.tenant_id = $1 AND k.lead_customer_id = $2 AND lower(c.first_name) = lower($3) AND lower(c.last_name) = lower($4)
        ORDER BY k.last_booked_at DESC LIMIT 1`,
      [tenantId, leadId, person.firstName ?? '', person.lastName ?? ''],
    );
    return row?.customer_id ?? null;
  }

  private async create(em: EntityManager, caller: Caller, person: BookingPerson, booking: BookingCreatedV1, bookedAt: Date): Promise<string> {
    const customer = await this.customers.createIn(
      em,
      caller,
      { firstName: person.firstName ?? undefined, lastName: person.lastName ?? undefined, ...(person.email ? { email: person.email } : {}), source: 'booking' },
      { fromBooking: { bookedAt }, publish: false },
    );
    await this.writeLatestDetails(em, caller.tenantId, customer.id, person, booking, bookedAt);
    await this.consents.recordFromBooking(em, caller.tenantId, customer.id, person.consents, `booking:${booking.bookingId}`, bookedAt);
    await this.customers.publishCreated(em, caller, customer);
    return customer.id;
  }

  private async update(em: EntityManager, caller: Caller, id: string, person: BookingPerson, booking: BookingCreatedV1, bookedAt: Date): Promise<void> {
    await this.changes.changeIn(
      em,
      caller,
      id,
      async (em, _before, entity) => {
        const latest = await this.writeLatestDetails(em, caller.tenantId, id, person, booking, bookedAt);
        const fields: Partial<CustomerEntity> = {};
        if (latest && person.firstName && person.firstName !== entity.firstName) fields.firstName = person.firstName;
        if (latest && person.lastName && person.lastName !== entity.lastName) fields.lastName = person.lastName;
        if (entity.firstSeenAt > bookedAt) fields.firstSeenAt = bookedAt;
        if (Object.keys(fields).length) await em.update(CustomerEntity, { tenantId: caller.tenantId, id }, fields);
        const consents = await this.consents.recordFromBooking(em, caller.tenantId, id, person.consents, `booking:${booking.bookingId}`, bookedAt);
        return { latest, consents };
      },
      ({ latest, consents }) => [...(latest ? ['latestDetails'] : []), ...(consents ? ['consents'] : [])],
    );
  }

  /** Stores this booking's details unless a later booking's are there already; answers whether it did. */
  private async writeLatestDetails(em: EntityManager, tenantId: string, id: string, person: BookingPerson, booking: BookingCreatedV1, bookedAt: Date): Promise<boolean> {
    const written = await em.query(
      `INSERT INTO customer_latest_details (tenant_id, customer_id, booking_id, booked_at, schedule_entry, email, first_name, last_name, fields)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, customer_id) DO UPDATE
         SET booking_id = EXCLUDED.booking_id, booked_at = EXCLUDED.booked_at, schedule_entry = EXCLUDED.schedule_entry, email = EXCLUDED.email,
             first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, fields = EXCLUDED.fields
       WHERE customer_latest_details.booked_at <= EXCLUDED.booked_at
       RETURNING customer_id`,
      [
        tenantId,
        id,
        booking.bookingId,
        bookedAt,
        JSON.stringify({ id: booking.scheduleEntry.id, title: booking.scheduleEntry.title, startsAt: booking.scheduleEntry.startsAt }),
        person.email,
        person.firstName,
        person.lastName,
        JSON.stringify(person.fields),
      ],
    );
    return written.length > 0;
  }

  private async knowCustomer(em: EntityManager, tenantId: string, leadId: string, customerId: string, bookedAt: Date): Promise<void> {
    await em.query(
      `INSERT INTO known_customers (tenant_id, lead_customer_id, customer_id, first_booked_at, last_booked_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (tenant_id, lead_customer_id, customer_id) DO UPDATE
         SET bookings = known_customers.bookings + 1,
             first_booked_at = least(known_customers.first_booked_at, EXCLUDED.first_booked_at),
             last_booked_at = greatest(known_customers.last_booked_at, EXCLUDED.last_booked_at)`,
      [tenantId, leadId, customerId, bookedAt],
    );
  }
}
