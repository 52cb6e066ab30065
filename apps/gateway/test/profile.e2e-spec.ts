import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@app/contracts';
import { query, signToken, TestSmtpServer, TestSystem, waitFor } from '@app/testing';

/**
 * The whole profile (issue 6): a customer built through the public API (attributes, bookings
 * with a known customer, a group, a loyalty card with visits and bonus, purchases, feedback, a
 * mailing, notes), then every profile figure checked against what went in; the timeline; the
 * export; a stopped loyalty service; the portal; and the deletion with its audit.
 */
let system: TestSystem;
let smtp: TestSmtpServer;
const tenant = `pr-${randomUUID().slice(0, 8)}`;
const as = (role: Role, extra: { cid?: string } = {}) => `Bearer ${signToken({ tenant, role, ...extra })}`;
const api = () => request(system.gatewayUrl);
const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function ok<T = any>(res: request.Test | Promise<request.Response>, status = 200): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}
const get = (path: string, role: Role = 'viewer') => ok(api().get(path).set('Authorization', as(role)));

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  system = await TestSystem.start({
    appEnv: {
      marketing: { SMTP_URL: smtp.url, WORKER_POLL_MS: '100' },
      gateway: { PROFILE_TIMEOUT_MS: '1000' },
    },
  });
});

afterAll(async () => {
  await system?.stop();
  await smtp?.close();
});

/** What was put in, to compare the profile against. */
interface Built {
  rachel: { id: string; email: string };
  emma: { id: string };
  card: { id: string };
  upcoming: { id: string; title: string };
  attended: { id: string };
  noteId: string;
  segmentName: string;
  mailingId: string;
}
let built: Built;

describe('a rich customer', () => {
  it('is built through the public API', async () => {
    await ok(api().post('/v1/attributes').set('Authorization', as('owner')).send({ key: 'tier', label: 'Tier', type: 'string', order: 1, showInProfile: true }), 201);
    await ok(api().post('/v1/attributes').set('Authorization', as('owner')).send({ key: 'internalRef', label: 'Internal', type: 'string', order: 0, showInProfile: false }), 201);
    const email = `rachel-${randomUUID().slice(0, 6)}@example.com`;
    const rachel = await ok(
      api().post('/v1/customers').set('Authorization', as('admin')).send({ firstName: 'Rachel', lastName: 'Green', email, phone: '+49 151 23456789', attributes: { tier: 'gold', internalRef: 'X-1' }, tags: ['vip'] }),
      201,
    );
    // Her profile is read after every step below, staff and portal, two tab lengths: each step
    // must make the stored parts stale (ProfileDocuments), or the figures checked later are old.
    const warm = () =>
      Promise.all([
        get(`/v1/customers/${rachel.id}/profile`, 'staff'),
        get(`/v1/customers/${rachel.id}/profile?tabLimit=3`, 'staff'),
        get(`/v1/customers/${rachel.id}/profile?tabLimit=2`, 'staff'),
        ok(api().get(`/v1/customers/${rachel.id}/profile`).set('Authorization', as('viewer', { cid: rachel.id }))),
      ]);
    await warm();

    // Bookings: one upcoming for her and her daughter, one going on now that she attended.
    const form = { fields: [{ key: 'age', label: 'Age', type: 'number', required: false }], consents: [{ key: 'photos', label: 'Photos' }] };
    const upcomingEntry = await ok(api().post('/v1/schedule-entries').set('Authorization', as('staff')).send({ title: 'Swim', startsAt: hours(48), endsAt: hours(49), capacity: 10, tickets: [{ name: 'Std', price: 1200 }], bookingForm: form }), 201);
    const nowEntry = await ok(api().post('/v1/schedule-entries').set('Authorization', as('staff')).send({ title: 'Yoga', startsAt: hours(-1), endsAt: hours(1), capacity: 10, tickets: [{ name: 'Std', price: 800 }], bookingForm: form }), 201);
    const lead = { email, firstName: 'Rachel', lastName: 'Green' };
    const upcoming = await ok(
      api()
        .post('/v1/bookings')
        .set('Authorization', as('staff'))
        .send({
          scheduleEntryId: upcomingEntry.id,
          leadBooker: lead,
          attendees: [
            { ticketId: upcomingEntry.tickets[0].id, ...lead, fields: { age: 30 }, consents: { photos: true } },
            { ticketId: upcomingEntry.tickets[0].id, firstName: 'Emma', lastName: 'Green', fields: { age: 4 }, consents: { photos: false } },
          ],
        }),
      201,
    );
    const attended = await ok(api().post('/v1/bookings').set('Authorization', as('staff')).send({ scheduleEntryId: nowEntry.id, leadBooker: lead, attendees: [{ ticketId: nowEntry.tickets[0].id, ...lead }] }), 201);
    await warm();
    await ok(api().post(`/v1/bookings/${attended.id}/attendance`).set('Authorization', as('staff')).send({ attendees: [{ attendeeId: attended.attendees[0].id, attended: true }] }));
    await warm();
    const group = await ok(api().post('/v1/customer-groups').set('Authorization', as('admin')).send({ name: 'Regulars' }), 201);
    await ok(api().post(`/v1/customer-groups/${group.id}/members`).set('Authorization', as('staff')).send({ emails: [email] }));
    await warm();
    const known = await waitFor(async () => (await get(`/v1/customers/${rachel.id}/known-customers`)).items[0], 15_000, 'known customer');
    await warm();

    // Loyalty: visits and bonus with an amount, points pending activation, two receipts, two ratings.
    const card = await ok(api().post('/v1/loyalty-cards').set('Authorization', as('staff')).send({ customerId: rachel.id, device: 'apple_wallet' }), 201);
    await warm();
    const op = async (kind: string, body: object) => {
      await ok(api().post(`/v1/loyalty-cards/${card.id}/${kind}`).set('Authorization', as('staff')).send(body), 201);
      await warm();
    };
    await op('visits', { operation: 'add', value: 10, purchaseAmount: 5000 });
    await op('visits', { operation: 'subtract', value: 3 });
    await op('bonus', { operation: 'add', value: 200, purchaseAmount: 2000 });
    await op('bonus', { operation: 'add', value: 50, activatesAt: hours(24) });
    await op('bonus', { operation: 'subtract', value: 30 });
    const receipt = async (number: string, occurredAt: string, storeId: string, lines: object[]) => {
      await ok(api().post('/v1/purchases').set('Authorization', as('staff')).send({ customerId: rachel.id, kind: 'receipt', number, storeId, storeName: storeId.toUpperCase(), occurredAt, status: 'completed', lines }), 201);
      await warm();
    };
    await receipt('R-1', '2025-03-01T10:00:00Z', 'a', [{ sku: 'T', name: 'Tea', category: 'tea', quantity: 2, price: 1250 }]);
    await receipt('R-2', '2025-04-01T10:00:00Z', 'b', [{ sku: 'M', name: 'Mug', category: 'mugs', quantity: 1, price: 1000 }]);
    await ok(api().post('/v1/feedback').set('Authorization', as('staff')).send({ customerId: rachel.id, rating: 4, comment: 'Nice' }), 201);
    await warm();
    await ok(api().post('/v1/feedback').set('Authorization', as('staff')).send({ customerId: rachel.id, rating: 5 }), 201);

    // Marketing: subscribed, in a segment, sent a mailing.
    await ok(api().put('/v1/subscription-categories/promotions').set('Authorization', as('admin')).send({ name: 'Promotions' }));
    await ok(api().put(`/v1/customers/${rachel.id}/subscriptions`).set('Authorization', as('staff')).send([{ channel: 'email', category: 'promotions', subscribed: true }]));
    await warm();
    const segmentName = `VIPs ${randomUUID().slice(0, 4)}`;
    const segment = await ok(api().post('/v1/segments').set('Authorization', as('staff')).send({ name: segmentName, rule: { all: [{ field: 'tags', op: 'contains', value: 'vip' }] } }), 201);
    await waitFor(async () => (await get(`/v1/segments/${segment.id}/count`)).count === 1, 15_000, 'segment');
    await warm();
    const mailing = await ok(
      api().post('/v1/mailings').set('Authorization', as('staff')).send({ name: 'Spring', segmentId: segment.id, channel: 'email', category: 'promotions', subject: 'Spring', body: 'Hi {{firstName}}' }),
      201,
    );
    await ok(api().post(`/v1/mailings/${mailing.id}/send`).set('Authorization', as('admin')), 202);
    await waitFor(async () => (await get(`/v1/mailings/${mailing.id}`)).status === 'sent', 20_000, 'mailing');
    await warm();

    // Staff: a note.
    await ok(api().post('/v1/note-types').set('Authorization', as('admin')).send({ key: 'call', label: 'Phone call' }), 201);
    await warm();
    const note = await ok(api().post(`/v1/customers/${rachel.id}/notes`).set('Authorization', as('staff')).send({ type: 'call', text: 'Asked about the spring timetable' }), 201);

    built = { rachel, emma: { id: known.customerId }, card, upcoming: { id: upcoming.id, title: 'Swim' }, attended, noteId: note.id, segmentName, mailingId: mailing.id };
  });

  it('shows every figure of its profile as put in', async () => {
    const { rachel } = built;
    // Events travel: wait until the last of them (the mailing in the timeline) has arrived.
    await waitFor(async () => (await get(`/v1/customers/${rachel.id}/history?category=mailing`, 'staff')).items.length > 0, 20_000, 'timeline');
    const profile = await get(`/v1/customers/${rachel.id}/profile`, 'staff');
    const s = profile.summary;
    expect(s).toMatchObject({
      customerId: rachel.id,
      firstName: 'Rachel',
      lastName: 'Green',
      email: rachel.email,
      warnings: [],
      tags: ['vip'],
      attributes: [{ key: 'tier', label: 'Tier', type: 'string', value: 'gold' }],
      knownCustomers: 1,
      totalEventsBooked: 2,
      totalEventsUpcoming: 1,
      nextUpcomingAttendance: { bookingId: built.upcoming.id, title: 'Swim' },
      lastAttendance: { bookingId: built.attended.id, title: 'Yoga' },
      latestBooking: { bookingId: built.attended.id },
      card: expect.objectContaining({ id: built.card.id, device: 'apple_wallet' }),
      visitsSold: 10,
      visitsAvailable: 7,
      visitsRedeemed: 3,
      totalVisits: 3,
      bonusBalance: 170,
      bonusPendingActivation: 50,
      ltv: 7000,
      purchaseCount: 2,
      purchaseTotal: 3500,
      averagePurchase: 1750,
      averageItems: 1.5,
      lastPurchaseTotal: 1000,
      firstPurchaseAt: '2025-03-01T10:00:00.000Z',
      lastPurchaseAt: '2025-04-01T10:00:00.000Z',
      averageRating: 4.5,
      segments: [expect.objectContaining({ name: built.segmentName })],
      groups: [expect.objectContaining({ name: 'Regulars' })],
      unavailable: [],
    });
    expect(s.rfmSegment).toEqual(expect.any(String));
    // Registered before her first booking, so first seen when registered.
    expect(s.firstSeenAt).toBe(s.registeredAt);

    const sections = profile.sections;
    expect(Object.values(sections).every((section: any) => section.status === 'ok')).toBe(true);
    expect(sections.bookings).toMatchObject({ link: `/v1/customers/${rachel.id}/bookings`, data: { items: [{ bookingId: built.attended.id }, { bookingId: built.upcoming.id }] } });
    expect(sections.knownCustomers.data.items).toEqual([expect.objectContaining({ customerId: built.emma.id, firstName: 'Emma' })]);
    expect(sections.notes.data.items).toEqual([expect.objectContaining({ id: built.noteId })]);
    expect(sections.receipts.data.items.map((r: any) => r.number)).toEqual(['R-2', 'R-1']);
    expect(sections.stores.data.items).toHaveLength(2);
    expect(sections.feedback.data.items).toHaveLength(2);
    expect(sections.loyaltyLedger.data.items).toHaveLength(5);
    expect(sections.mailings.data.items).toEqual([expect.objectContaining({ mailingId: built.mailingId, outcome: 'sent' })]);
    expect(sections.groups.data.items).toEqual([expect.objectContaining({ group: expect.objectContaining({ name: 'Regulars' }) })]);
    expect(sections.consents.data.items).toEqual([expect.objectContaining({ key: 'photos', status: 'given' })]);
    // The first page is continued on the tab's own endpoint.
    const small = await get(`/v1/customers/${rachel.id}/profile?tabLimit=2`, 'staff');
    const rest = await get(`${small.sections.loyaltyLedger.link}?cursor=${small.sections.loyaltyLedger.data.nextCursor}`);
    expect(rest.items).toHaveLength(3);

    // P3: the same profile by email.
    const byEmail = await get(`/v1/customers/by-email/${encodeURIComponent(rachel.email.toUpperCase())}/profile`, 'staff');
    expect(byEmail.summary.customerId).toBe(rachel.id);
  });

  it('shows in every tab section the first page of its own endpoint, for a rich and a sparse customer', async () => {
    for (const id of [built.rachel.id, built.emma.id]) {
      const profile = await get(`/v1/customers/${id}/profile?tabLimit=3`, 'staff');
      const tabs = Object.entries(profile.sections as Record<string, { status: string; data: any; link: string }>).filter(([, s]) => Array.isArray(s.data?.items));
      expect(tabs.length).toBeGreaterThanOrEqual(25);
      const empty = tabs.filter(([, s]) => s.data.items.length === 0).map(([name]) => name);
      expect(empty.length).toBeGreaterThan(0); // some tabs of each are empty, and must look as their endpoints do
      for (const [name, section] of tabs) {
        const page = await get(`${section.link}?limit=3`, 'staff');
        expect({ name, ...page }).toEqual({ name, ...section.data });
      }
    }
  });

  it('keeps a timeline of everything, newest first, by category, with a cursor', async () => {
    const { rachel } = built;
    const all = await get(`/v1/customers/${rachel.id}/history?limit=100`, 'staff');
    const categories = new Set(all.items.map((e: any) => e.category));
    for (const c of ['profile', 'booking', 'group', 'loyalty', 'purchase', 'feedback', 'subscription', 'segment', 'mailing', 'note', 'consent']) expect(categories).toContain(c);
    const times = all.items.map((e: any) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(all.items.find((e: any) => e.category === 'note')).toMatchObject({ name: 'Note added', actor: { type: 'user', id: 'user-staff' } });
    const bookings = await get(`/v1/customers/${rachel.id}/history?category=booking&limit=2`, 'staff');
    expect(bookings.items.every((e: any) => e.category === 'booking')).toBe(true);
    const more = await get(`/v1/customers/${rachel.id}/history?category=booking&limit=2&cursor=${bookings.nextCursor}`, 'staff');
    expect(more.items.map((e: any) => e.name)).toContain(`Booked ${built.upcoming.title}`);
    expect(new Set([...bookings.items, ...more.items].map((e: any) => e.id)).size).toBe(bookings.items.length + more.items.length);
    expect((await api().get(`/v1/customers/${rachel.id}/history?category=gossip`).set('Authorization', as('staff'))).status).toBe(400);
  });

  it('exports everything every service holds on the customer', async () => {
    const exported = await get(`/v1/customers/${built.rachel.id}/export`, 'admin');
    expect(exported).toMatchObject({ customerId: built.rachel.id, customers: { customer: { id: built.rachel.id } } });
    expect(exported.customers.notes).toHaveLength(1);
    expect(exported.bookings.bookings).toHaveLength(2);
    expect(exported.loyalty).toEqual(expect.objectContaining({ customerId: built.rachel.id }));
    expect(JSON.stringify(exported.loyalty)).toContain('R-2');
    expect(exported.marketing.mailings).toEqual([expect.objectContaining({ mailingId: built.mailingId })]);
  });

  it('lets a portal token read only its own profile, without the staff sections', async () => {
    const portal = `Bearer ${signToken({ tenant, role: 'viewer', cid: built.rachel.id })}`;
    const own = await ok(api().get(`/v1/customers/${built.rachel.id}/profile`).set('Authorization', portal));
    expect(own.summary.customerId).toBe(built.rachel.id);
    expect(own.sections.notes).toBeUndefined();
    expect(own.sections.history).toBeUndefined();
    expect(own.sections.bookings.status).toBe('ok');
    expect((await api().get(`/v1/customers/${built.emma.id}/profile`).set('Authorization', portal)).status).toBe(404);
    const other = await ok(api().post('/v1/customers').set('Authorization', as('admin')).send({ firstName: 'Other', email: `o-${randomUUID().slice(0, 6)}@example.com` }), 201);
    expect((await api().get(`/v1/customers/by-email/${other.email}/profile`).set('Authorization', portal)).status).toBe(404);
    expect((await api().get(`/v1/customers/${built.rachel.id}/history`).set('Authorization', portal)).status).toBe(403);
  });
});

describe('stored profile parts and the tables they come from', () => {
  // Tables that name customers but show in no profile: what a part is built from must be listed in
  // its service's *_PROFILE_TABLES, or a write to it would leave a stored part stale.
  const NOT_IN_PROFILES: Record<string, string[]> = {
    customers: ['customer_deletions', 'profile_changes', 'profile_documents'],
    bookings: ['profile_changes', 'profile_documents'],
    loyalty: ['profile_changes', 'profile_documents'],
    marketing: ['profile_changes', 'profile_documents'],
  };

  it('record the changes of every table that names a customer', async () => {
    for (const service of ['customers', 'bookings', 'loyalty', 'marketing']) {
      const uncovered = await query<{ table_name: string }>(
        system.db(service as 'customers'),
        `SELECT DISTINCT c.table_name FROM information_schema.columns c
          WHERE c.table_schema = 'public' AND c.data_type = 'uuid' AND (c.column_name LIKE '%customer_id' OR c.column_name IN ('purchased_by', 'redeemed_by'))
            AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = format('public.%I', c.table_name)::regclass AND t.tgname = 'profile_changes_insert')
          ORDER BY 1`,
      );
      expect({ service, uncovered: uncovered.map((r) => r.table_name).filter((t) => !NOT_IN_PROFILES[service].includes(t)) }).toEqual({ service, uncovered: [] });
    }
  });
});

describe('stored profile parts and the clock', () => {
  it('are read afresh when a booking starts and when bonus points activate, with no write in between', async () => {
    const email = `clock-${randomUUID().slice(0, 6)}@example.com`;
    const customer = await ok(api().post('/v1/customers').set('Authorization', as('admin')).send({ firstName: 'Clock', lastName: 'Watcher', email }), 201);
    const soon = new Date(Date.now() + 5_000);
    const entry = await ok(
      api().post('/v1/schedule-entries').set('Authorization', as('staff')).send({ title: 'Soon', startsAt: soon.toISOString(), endsAt: hours(1), capacity: 5, tickets: [{ name: 'Std', price: 100 }] }),
      201,
    );
    const lead = { email, firstName: 'Clock', lastName: 'Watcher' };
    await ok(api().post('/v1/bookings').set('Authorization', as('staff')).send({ scheduleEntryId: entry.id, leadBooker: lead, attendees: [{ ticketId: entry.tickets[0].id, ...lead }] }), 201);
    const card = await ok(api().post('/v1/loyalty-cards').set('Authorization', as('staff')).send({ customerId: customer.id }), 201);
    await ok(api().post(`/v1/loyalty-cards/${card.id}/bonus`).set('Authorization', as('staff')).send({ operation: 'add', value: 40, activatesAt: soon.toISOString() }), 201);
    const profile = () => get(`/v1/customers/${customer.id}/profile`, 'staff');
    const before = await waitFor(async () => {
      const p = await profile();
      return p.summary.totalEventsUpcoming === 1 ? p : undefined;
    }, 15_000, 'booking in the profile');
    expect(before.summary).toMatchObject({ nextUpcomingAttendance: { title: 'Soon' }, bonusBalance: 0, bonusPendingActivation: 40 });
    expect((await profile()).summary).toMatchObject({ totalEventsUpcoming: 1, bonusPendingActivation: 40 });
    await new Promise((resolve) => setTimeout(resolve, soon.getTime() - Date.now() + 100));
    expect((await profile()).summary).toMatchObject({ totalEventsUpcoming: 0, nextUpcomingAttendance: null, bonusBalance: 40, bonusPendingActivation: 0 });
  });
});

describe('profile copies on the word of the change feeds', () => {
  /** How many profiles the gateway has answered from `source` (profile_answers_total). */
  const answered = async (source: 'copy' | 'confirmed' | 'assembled') => {
    const metrics = (await api().get('/metrics')).text;
    return Number(new RegExp(`^profile_answers_total\\{[^}]*source="${source}"[^}]*\\} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
  };
  const newCustomer = async (firstName: string) =>
    ok(api().post('/v1/customers').set('Authorization', as('admin')).send({ firstName, lastName: 'Feed', email: `feed-${randomUUID().slice(0, 8)}@example.com` }), 201);
  /** Reads the profile until one answer comes from the gateway's copy (a write just before is first announced by every feed). */
  const untilAnsweredFromCopy = (id: string) =>
    waitFor(async () => {
      const before = await answered('copy');
      const profile = await get(`/v1/customers/${id}/profile`, 'staff');
      return (await answered('copy')) > before ? profile : undefined;
    }, 10_000, 'a profile answered from the copy');

  it('are answered without asking while nothing changes, and a change made straight in a database shows at once', async () => {
    const customer = await newCustomer('Copied');
    expect((await untilAnsweredFromCopy(customer.id)).summary.firstName).toBe('Copied');
    // Not through the gateway: only the customers service's feed can tell the gateway.
    await query(system.db('customers'), `UPDATE customers SET first_name = 'Changed' WHERE id = $1`, [customer.id]);
    const changed = await waitFor(async () => {
      const profile = await get(`/v1/customers/${customer.id}/profile`, 'staff');
      return profile.summary.firstName === 'Changed' ? profile : undefined;
    }, 3000, 'the change in the profile');
    expect(changed.summary.lastName).toBe('Feed');
    expect((await untilAnsweredFromCopy(customer.id)).summary.firstName).toBe('Changed');
  });

  it('show every write through the gateway in the very next read', async () => {
    const customer = await newCustomer('Round0');
    await untilAnsweredFromCopy(customer.id);
    for (let round = 1; round <= 15; round++) {
      await ok(api().patch(`/v1/customers/${customer.id}`).set('Authorization', as('admin')).send({ firstName: `Round${round}` }));
      expect((await get(`/v1/customers/${customer.id}/profile`, 'staff')).summary.firstName).toBe(`Round${round}`);
    }
  });
});

describe('a stopped loyalty service', () => {
  it('makes only the loyalty sections unavailable, in time, and stops deletion with 503', async () => {
    const { rachel } = built;
    await system.app('loyalty').stop();
    try {
      const began = Date.now();
      const profile = await get(`/v1/customers/${rachel.id}/profile`, 'staff');
      expect(Date.now() - began).toBeLessThan(3000);
      expect(profile.summary.unavailable).toEqual(['loyalty']);
      expect(profile.summary).toMatchObject({ firstName: 'Rachel', totalEventsBooked: 2, visitsSold: null, ltv: null });
      for (const name of ['loyaltySummary', 'loyaltyCard', 'loyaltyLedger', 'receipts', 'orders', 'salesSummary', 'stores', 'feedback']) {
        expect(profile.sections[name]).toMatchObject({ status: 'unavailable', reason: { code: 'service_unavailable' } });
      }
      expect(profile.sections.bookings.status).toBe('ok');
      const refused = await api().delete(`/v1/customers/${rachel.id}`).set('Authorization', as('owner'));
      expect([refused.status, refused.body.code]).toEqual([503, 'service_unavailable']);
      expect((await api().get(`/v1/customers/${rachel.id}/export`).set('Authorization', as('admin'))).status).toBe(503);
    } finally {
      await system.app('loyalty').start();
    }
    expect((await get(`/v1/customers/${rachel.id}`)).id).toBe(rachel.id);
  });
});

describe('deletion (C18)', () => {
  it('is refused while the card is active, then erases the customer everywhere, auditably', async () => {
    const { rachel, card } = built;
    const refused = await api().delete(`/v1/customers/${rachel.id}`).set('Authorization', as('owner'));
    expect([refused.status, refused.body.code]).toEqual([409, 'active_loyalty_card']);
    await ok(api().patch(`/v1/loyalty-cards/${card.id}`).set('Authorization', as('staff')).send({ status: 'deleted' }));
    expect((await api().delete(`/v1/customers/${rachel.id}`).set('Authorization', as('owner'))).status).toBe(202);

    const audit = await waitFor(async () => {
      const res = await api().get(`/v1/customers/${rachel.id}/deletion`).set('Authorization', as('admin'));
      return res.body.completedAt ? res.body : undefined;
    }, 20_000, 'every service to confirm the erasure');
    expect(audit).toMatchObject({ customerId: rachel.id, requestedBy: { type: 'user', id: 'user-owner' } });
    expect(Object.values(audit.erased).every((at) => typeof at === 'string')).toBe(true);
    expect(Object.keys(audit.erased).sort()).toEqual(['bookings', 'customers', 'loyalty', 'marketing']);
    expect(JSON.stringify(audit)).not.toContain(rachel.email);

    expect((await api().get(`/v1/customers/${rachel.id}/profile`).set('Authorization', as('staff'))).status).toBe(404);
    expect((await api().get(`/v1/customers/${rachel.id}/export`).set('Authorization', as('admin'))).status).toBe(404);
    expect(await query(system.db('customers'), `SELECT 1 FROM customer_history WHERE customer_id = $1`, [rachel.id])).toEqual([]);
    expect(await query(system.db('customers'), `SELECT 1 FROM known_customers WHERE lead_customer_id = $1`, [rachel.id])).toEqual([]);
    // The daughter keeps her own profile, and the figures stay anonymously.
    expect((await get(`/v1/customers/${built.emma.id}`)).firstName).toBe('Emma');
    const [bookings] = await query<{ n: number }>(system.db('bookings'), `SELECT count(*)::int AS n FROM bookings WHERE lead_customer_id = $1 AND lead_email IS NULL`, [rachel.id]);
    expect(bookings.n).toBe(2);
    expect((await api().get(`/v1/customers/${rachel.id}/deletion`).set('Authorization', as('staff'))).status).toBe(403);
  });
});
