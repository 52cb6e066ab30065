import { randomUUID } from 'node:crypto';
import {
  BookingsPatterns,
  CustomerEvents,
  type BookingProfilesLinkedV1,
  type BookingView,
  type CustomerCreatedV1,
  type CustomerSnapshot,
} from '@app/contracts';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { publishEvent, query, RpcFailure, RpcTestClient, TestSystem, waitFor } from '@app/testing';
import { lockMemberUsage, mergeEmailUsage } from '../src/offers/member-usage';

/**
 * Offer use counts of a member who is known only by email at first, with the customers service
 * played by the test: its two answers to the first booking (the customer's creation and the
 * booking's links) reach bookings on two consumers, in either order. Every order must count
 * every use where the next booking looks.
 */
describe('offer uses across a member becoming a known customer', () => {
  let system: TestSystem;
  let rpc: RpcTestClient;
  const actor = { type: 'user' as const, id: 'u1', role: 'admin' as const };

  beforeAll(async () => {
    system = await TestSystem.start({ apps: ['bookings'] });
    rpc = await RpcTestClient.connect(system.nats.url);
  });

  afterAll(async () => {
    await rpc?.close();
    await system?.stop();
  });

  async function setUp(tenantId: string, maxUses: number) {
    const send = <T = any>(pattern: string, data: object) => rpc.send<T>(pattern, { tenantId, actor, ...data });
    const group = await send(BookingsPatterns.createGroup, { input: { name: 'Members' } });
    const entry = await send(BookingsPatterns.createScheduleEntry, {
      input: {
        title: 'Class',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 90_000_000).toISOString(),
        capacity: 50,
        tickets: [{ name: 'Members', price: 0, exclusive: true, customerGroupId: group.id }],
      },
    });
    await send(BookingsPatterns.createOffer, { id: group.id, input: { enabled: true, personalUseOnly: false, maxUses, scheduleEntryId: entry.id } });
    const email = `m-${randomUUID().slice(0, 6)}@example.com`;
    await send(BookingsPatterns.addGroupMembers, { id: group.id, emails: [email] });
    const book = () =>
      send<BookingView>(BookingsPatterns.createBooking, {
        input: { scheduleEntryId: entry.id, leadBooker: { email, firstName: 'M', lastName: 'X' }, attendees: [{ ticketId: entry.tickets[0].id, firstName: 'M', lastName: 'X' }] },
      }).then(
        () => 'booked',
        (e) => (e instanceof RpcFailure ? e.body.code : Promise.reject(e)),
      );
    const customerId = randomUUID();
    const customerCreated = () =>
      publishEvent<CustomerCreatedV1>(rpc.connection, {
        type: CustomerEvents.created,
        tenantId,
        data: { customer: aSnapshot(customerId, email) },
      });
    const linked = (bookingId: string) =>
      publishEvent<BookingProfilesLinkedV1>(rpc.connection, {
        type: CustomerEvents.bookingProfilesLinked,
        tenantId,
        data: { bookingId, leadBookerCustomerId: customerId, attendees: [] },
      });
    const firstBookingId = async () => (await query<{ id: string }>(system.db('bookings'), `SELECT id FROM bookings WHERE tenant_id = $1`, [tenantId]))[0].id;
    const processed = (count: number) =>
      waitFor(async () => (await query(system.db('bookings'), `SELECT 1 FROM inbox_events WHERE consumer IN ('bookings-customers', 'bookings-booking-profiles')`)).length >= count);
    const usage = () => query<{ member_key: string; uses: number }>(system.db('bookings'), `SELECT member_key, uses FROM offer_usage WHERE tenant_id = $1 AND uses > 0`, [tenantId]);
    const cancel = (id: string) => send<BookingView>(BookingsPatterns.cancelBooking, { id });
    return { book, cancel, email, customerCreated, linked, firstBookingId, processed, usage, customerId };
  }

  let seen = 0;
  it('counts right when the booking links arrive before the customer', async () => {
    const t = await setUp(`tu-${randomUUID().slice(0, 6)}`, 2);
    expect(await t.book()).toBe('booked');
    await t.linked(await t.firstBookingId());
    await t.processed((seen += 1));
    expect(await t.book()).toBe('booked');
    expect(await t.book()).toBe('offer_use_limit_reached');
    await t.customerCreated();
    await t.processed((seen += 1));
    expect(await t.book()).toBe('offer_use_limit_reached');
    expect(await t.usage()).toEqual([{ member_key: t.customerId, uses: 2 }]);
  });

  it('counts right when the customer arrives before the booking links', async () => {
    const t = await setUp(`tu-${randomUUID().slice(0, 6)}`, 2);
    expect(await t.book()).toBe('booked');
    await t.customerCreated();
    await t.processed((seen += 1));
    expect(await t.book()).toBe('booked');
    expect(await t.book()).toBe('offer_use_limit_reached');
    await t.linked(await t.firstBookingId());
    await t.processed((seen += 1));
    expect(await t.book()).toBe('offer_use_limit_reached');
    expect(await t.usage()).toEqual([{ member_key: t.customerId, uses: 2 }]);
  });

  it('gives a cancelled booking’s use back to where it is counted when the member becomes a customer at that moment', async () => {
    const tenantId = `tu-${randomUUID().slice(0, 6)}`;
    const t = await setUp(tenantId, 2);
    expect(await t.book()).toBe('booked');
    const bookingId = await t.firstBookingId();
    // The listener's merge, held open: the member's uses move from their email to their customer.
    const merging = new Client({ connectionString: system.db('bookings') });
    await merging.connect();
    try {
      const em = { query: async (sql: string, params: unknown[]) => (await merging.query(sql, params)).rows } as unknown as EntityManager;
      await merging.query('BEGIN');
      await lockMemberUsage(em, tenantId, t.email);
      await mergeEmailUsage(em, tenantId, t.email, t.customerId);
      const cancelled = t.cancel(bookingId);
      await waitFor(
        async () => (await query(system.db('bookings'), `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).length,
        10_000,
        'the cancellation to wait for the merge',
      );
      await merging.query('COMMIT');
      expect((await cancelled).status).toBe('cancelled');
    } finally {
      await merging.end();
    }
    expect(await t.usage()).toEqual([]);
  });
});

function aSnapshot(id: string, email: string): CustomerSnapshot {
  const now = new Date().toISOString();
  return {
    id,
    kind: 'person',
    firstName: 'M',
    lastName: 'X',
    companyName: null,
    email,
    phone: null,
    emails: [{ address: email, status: 'unverified', primary: true }],
    phones: [],
    gender: null,
    birthDate: null,
    country: null,
    city: null,
    source: 'booking',
    utm: null,
    attributes: {},
    tags: [],
    warnings: [],
    firstSeenAt: now,
    registeredAt: now,
    updatedAt: now,
    consents: {},
  };
}
