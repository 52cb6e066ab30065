import { randomUUID } from 'node:crypto';
import { query, TestSystem, waitFor } from '@app/testing';
import { bookingsKit } from './bookings-test-kit';

/**
 * Bookings end to end (issue 3): gateway → bookings → events → customers (C5, C6, C7) → back,
 * on real Postgres and NATS, including the refusals and faults the issue lists.
 */
let system: TestSystem;
const kit = bookingsKit(() => system);
const { api, as, ok, anEntry, lead, book, email, hours, customerByEmail } = kit;

beforeAll(async () => {
  system = await TestSystem.start({ apps: ['customers', 'bookings', 'gateway'] });
});

afterAll(async () => {
  await system?.stop();
});

describe('a booking for several attendees', () => {
  it('builds the profiles: latest details with every form answer, known customers, consent history', async () => {
    const entry = await anEntry({
      bookingForm: {
        fields: [
          { key: 'age', label: 'Age', type: 'number', required: true },
          { key: 'level', label: 'Level', type: 'select', required: false, options: ['beginner', 'advanced'] },
        ],
        consents: [
          { key: 'photos', label: 'Photos' },
          { key: 'newsletter', label: 'Newsletter' },
        ],
      },
    });
    const ticket = entry.tickets[0].id;
    const parent = lead(email('phoebe'), 'Phoebe', 'Buffay');
    const child = { ticketId: ticket, firstName: 'Frank', lastName: 'Buffay', fields: { age: 8, level: 'beginner' }, consents: { photos: true, newsletter: false } };
    const self = { ticketId: ticket, email: parent.email, firstName: 'Phoebe', lastName: 'Buffay', fields: { age: 31 } };
    const booked = await ok(book({ scheduleEntryId: entry.id, leadBooker: parent, attendees: [child, self] }), 201);
    expect(booked).toMatchObject({ status: 'confirmed', channel: 'admin', total: { amount: 3000, currency: 'EUR' } });
    expect(booked.attendees.map((a: any) => a.consents)).toEqual([{ photos: 'given', newsletter: 'revoked' }, { photos: 'not_captured', newsletter: 'not_captured' }]);

    const phoebe = await customerByEmail(parent.email);
    expect(phoebe).toMatchObject({ firstName: 'Phoebe', lastName: 'Buffay', source: 'booking' });
    const known = await waitFor(async () => {
      const res = await api().get(`/v1/customers/${phoebe.id}/known-customers`).set('Authorization', as('viewer'));
      return res.body.items?.length ? res.body : undefined;
    });
    expect(known.items).toEqual([expect.objectContaining({ firstName: 'Frank', lastName: 'Buffay', bookings: 1, profile: `/v1/customers/${known.items[0].customerId}` })]);
    const frankId = known.items[0].customerId;

    // C5: the latest booking's details, with the booking they came from.
    const latest = await ok(api().get(`/v1/customers/${frankId}/latest-details`).set('Authorization', as('viewer')));
    expect(latest).toMatchObject({ bookingId: booked.id, firstName: 'Frank', fields: { age: 8, level: 'beginner' }, scheduleEntry: { id: entry.id } });
    // C7: answers join the history; an admin booking that did not ask records "not captured".
    const consents = await ok(api().get(`/v1/customers/${frankId}/consents`).set('Authorization', as('viewer')));
    expect(consents.items.map((c: any) => [c.key, c.status, c.source])).toEqual([
      ['newsletter', 'revoked', `booking:${booked.id}`],
      ['photos', 'given', `booking:${booked.id}`],
    ]);
    const phoebeConsents = await ok(api().get(`/v1/customers/${phoebe.id}/consents`).set('Authorization', as('viewer')));
    expect(phoebeConsents.items.map((c: any) => c.status)).toEqual(['not_captured', 'not_captured']);

    // A later booking replaces the details and appends to the history; "not captured" never overrides an answer.
    const later = await ok(
      book({
        scheduleEntryId: entry.id,
        leadBooker: parent,
        attendees: [{ ticketId: ticket, firstName: 'Frank', lastName: 'Buffay', fields: { age: 9 }, consents: { newsletter: true } }],
      }),
      201,
    );
    await waitFor(async () => {
      const res = await api().get(`/v1/customers/${frankId}/latest-details`).set('Authorization', as('viewer'));
      return res.body?.bookingId === later.id;
    });
    const after = await ok(api().get(`/v1/customers/${frankId}/consents`).set('Authorization', as('viewer')));
    const byKey = Object.fromEntries(after.items.map((c: any) => [c.key, c]));
    expect(byKey.newsletter.status).toBe('given');
    expect(byKey.newsletter.history.map((h: any) => h.status)).toEqual(['given', 'revoked']);
    expect(byKey.photos.status).toBe('given');
    expect(byKey.photos.history).toHaveLength(1);
    const again = await ok(api().get(`/v1/customers/${phoebe.id}/known-customers`).set('Authorization', as('viewer')));
    expect(again.items).toEqual([expect.objectContaining({ customerId: frankId, bookings: 2 })]);

    // The booking now names the linked profiles.
    const linked = await waitFor(async () => {
      const res = await api().get(`/v1/bookings/${booked.id}`).set('Authorization', as('viewer'));
      return res.body.attendees?.every((a: any) => a.customerId) ? res.body : undefined;
    });
    expect(linked.leadBooker.customerId).toBe(phoebe.id);
    expect(linked.attendees.map((a: any) => a.customerId)).toEqual([frankId, phoebe.id]);
  });

  it('summarises the customer’s bookings (B3) and pages the bookings tab', async () => {
    const person = lead(email('sum'));
    const soon = await anEntry({ startsAt: hours(2), endsAt: hours(3) });
    const later = await anEntry({ startsAt: hours(48), endsAt: hours(49) });
    const past = await anEntry({ startsAt: hours(-3), endsAt: hours(1) }); // started, not ended: still bookable
    const attend = (entry: any) => book({ scheduleEntryId: entry.id, leadBooker: person, attendees: [{ ticketId: entry.tickets[0].id, ...person }] });
    const b1 = await ok(attend(soon), 201);
    await ok(attend(later), 201);
    const b3 = await ok(attend(past), 201);
    const customer = await customerByEmail(person.email);
    await ok(api().post(`/v1/bookings/${b3.id}/attendance`).set('Authorization', as('staff')).send({ attendees: [{ attendeeId: b3.attendees[0].id, attended: true }] }));

    const summary = await waitFor(async () => {
      const res = await api().get(`/v1/customers/${customer.id}/booking-summary`).set('Authorization', as('viewer'));
      return res.body.totalEventsBooked === 3 ? res.body : undefined;
    });
    expect(summary).toMatchObject({
      totalEventsBooked: 3,
      totalEventsUpcoming: 2,
      nextUpcomingAttendance: { bookingId: b1.id, title: soon.title },
      lastAttendance: { bookingId: b3.id },
      latestBooking: { bookingId: b3.id },
    });
    expect(summary.firstSeenAt).toBe(b1.bookedAt);

    const page1 = await ok(api().get(`/v1/customers/${customer.id}/bookings`).query({ limit: 2 }).set('Authorization', as('viewer')));
    expect(page1.items.map((b: any) => b.bookingId)).toEqual([b3.id, expect.any(String)]);
    const page2 = await ok(api().get(`/v1/customers/${customer.id}/bookings`).query({ limit: 2, cursor: page1.nextCursor }).set('Authorization', as('viewer')));
    expect(page2.items.map((b: any) => b.bookingId)).toEqual([b1.id]);
    expect(page2.nextCursor).toBeNull();
    const upcoming = await ok(api().get(`/v1/customers/${customer.id}/bookings`).query({ when: 'upcoming' }).set('Authorization', as('viewer')));
    expect(upcoming.items).toHaveLength(2);

    // Cancelling gives the place back and leaves the booking in the tab as cancelled.
    const cancelled = await ok(api().post(`/v1/bookings/${b1.id}/cancel`).set('Authorization', as('staff')));
    expect(cancelled.status).toBe('cancelled');
    expect((await api().post(`/v1/bookings/${b1.id}/cancel`).set('Authorization', as('staff'))).body.code).toBe('booking_cancelled');
    const entry = await ok(api().get(`/v1/schedule-entries/${soon.id}`).set('Authorization', as('viewer')));
    expect(entry.placesBooked).toBe(0);
    const after = await ok(api().get(`/v1/customers/${customer.id}/booking-summary`).set('Authorization', as('viewer')));
    expect(after).toMatchObject({ totalEventsBooked: 2, totalEventsUpcoming: 1 });
    const listed = await waitFor(async () => {
      const res = await api().get('/v1/customers').query({ q: person.email, hasUpcomingBooking: 'true' }).set('Authorization', as('viewer'));
      return res.body.items?.length === 1 ? res.body : undefined;
    });
    expect(listed.items[0].id).toBe(customer.id);
  });
});

describe('refusals, each with nothing written', () => {
  it('never overbooks an entry under concurrent bookings (409 schedule_entry_full)', async () => {
    const entry = await anEntry({ capacity: 5 });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => book({ scheduleEntryId: entry.id, leadBooker: lead(email(`rush${i}`)), attendees: [{ ticketId: entry.tickets[0].id, firstName: 'R', lastName: `${i}` }] })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'schedule_entry_full')).toBe(true);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    const after = await ok(api().get(`/v1/schedule-entries/${entry.id}`).set('Authorization', as('viewer')));
    expect(after).toMatchObject({ placesBooked: 5, placesLeft: 0 });
    const [rows] = await query<{ n: number }>(system.db('bookings'), `SELECT count(*)::int AS n FROM bookings WHERE schedule_entry_id = $1`, [entry.id]);
    expect(rows.n).toBe(5);
  });

  it('refuses an ended entry, a foreign ticket and bad form answers', async () => {
    const ended = await anEntry({ startsAt: hours(-3), endsAt: hours(-1) });
    const res = await book({ scheduleEntryId: ended.id, leadBooker: lead(), attendees: [{ ticketId: ended.tickets[0].id, firstName: 'A', lastName: 'B' }] });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('schedule_entry_ended');
    const other = await anEntry({ bookingForm: { fields: [{ key: 'age', label: 'Age', type: 'number', required: true }] } });
    const foreign = await book({ scheduleEntryId: other.id, leadBooker: lead(), attendees: [{ ticketId: ended.tickets[0].id, firstName: 'A', lastName: 'B' }] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('ticket_not_found');
    const answers = await book({ scheduleEntryId: other.id, leadBooker: lead(), attendees: [{ ticketId: other.tickets[0].id, firstName: 'A', lastName: 'B', fields: { age: 'old' } }] });
    expect(answers.status).toBe(400);
    expect(answers.body.errors).toEqual({ 'attendees[0].fields.age': ['must be a number'] });
    const shape = await book({ scheduleEntryId: 'nope', leadBooker: { email: 'x' }, attendees: [] });
    expect(shape.status).toBe(400);
    expect(Object.keys(shape.body.errors)).toEqual(expect.arrayContaining(['scheduleEntryId', 'leadBooker.email', 'attendees']));
    const [n] = await query<{ n: number }>(system.db('bookings'), `SELECT count(*)::int AS n FROM bookings WHERE schedule_entry_id = ANY($1)`, [[ended.id, other.id]]);
    expect(n.n).toBe(0);
  });

  it('books once for one Idempotency-Key, and refuses the key with another body', async () => {
    const entry = await anEntry();
    const body = { scheduleEntryId: entry.id, leadBooker: lead(), attendees: [{ ticketId: entry.tickets[0].id, firstName: 'Idem', lastName: 'Potent' }] };
    const key = `book-${randomUUID()}`;
    const [first, second] = await Promise.all([book(body, 'staff', { 'Idempotency-Key': key }), book(body, 'staff', { 'Idempotency-Key': key })]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    const third = await book(body, 'staff', { 'Idempotency-Key': key });
    expect(third.body.id).toBe(first.body.id);
    expect((await ok(api().get(`/v1/schedule-entries/${entry.id}`).set('Authorization', as('viewer')))).placesBooked).toBe(1);
    const reused = await book({ ...body, attendees: [{ ...body.attendees[0], firstName: 'Other' }] }, 'staff', { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    const bad = await book(body, 'staff', { 'Idempotency-Key': 'has space' });
    expect(bad.status).toBe(400);
  });
});

describe('passes (B4) and vouchers (B5)', () => {
  it('pays with a pass, one use per attendee, and refuses used-up, expired and foreign passes', async () => {
    const owner = await kit.createCustomer();
    const stranger = await kit.createCustomer();
    await kit.untilBookingsKnows(owner.id);
    const product = await ok(api().post('/v1/pass-products').set('Authorization', as('admin')).send({ name: '3 classes', uses: 3, validityDays: 30, price: 4000 }), 201);
    const pass = await ok(api().post('/v1/passes').set('Authorization', as('staff')).send({ productId: product.id, customerId: owner.id }), 201);
    expect(pass).toMatchObject({ usesTotal: 3, usesRemaining: 3, status: 'active' });
    expect(Date.parse(pass.expiresAt) - Date.parse(pass.purchasedAt)).toBeGreaterThanOrEqual(29 * 86_400_000);

    const entry = await anEntry();
    const ticket = entry.tickets[0].id;
    const two = [
      { ticketId: ticket, firstName: 'One', lastName: 'X' },
      { ticketId: ticket, firstName: 'Two', lastName: 'X' },
    ];
    const paid = await ok(book({ scheduleEntryId: entry.id, leadBooker: lead(owner.email), attendees: two, passId: pass.id }), 201);
    expect(paid.total.amount).toBe(0);
    expect((await ok(api().get(`/v1/passes/${pass.id}`).set('Authorization', as('viewer')))).usesRemaining).toBe(1);
    const tooMany = await book({ scheduleEntryId: entry.id, leadBooker: lead(owner.email), attendees: two, passId: pass.id });
    expect([tooMany.status, tooMany.body.code]).toEqual([422, 'pass_used_up']);
    const foreign = await book({ scheduleEntryId: entry.id, leadBooker: lead(stranger.email), attendees: [two[0]], passId: pass.id });
    expect([foreign.status, foreign.body.code]).toEqual([422, 'pass_not_owned']);

    // Staff set the expiry into the past: the pass is expired from that instant on; recorded with why.
    const adjusted = await ok(api().patch(`/v1/passes/${pass.id}`).set('Authorization', as('staff')).send({ expiresAt: hours(-1), reason: 'end of season' }));
    expect(adjusted.status).toBe('expired');
    expect(adjusted.adjustments).toEqual([expect.objectContaining({ usesRemainingBefore: 1, usesRemainingAfter: 1, reason: 'end of season', actor: 'user:user-staff' })]);
    const expired = await book({ scheduleEntryId: entry.id, leadBooker: lead(owner.email), attendees: [two[0]], passId: pass.id });
    expect([expired.status, expired.body.code]).toEqual([422, 'pass_expired']);
    await ok(api().patch(`/v1/passes/${pass.id}`).set('Authorization', as('staff')).send({ expiresAt: null, usesRemaining: 0 }));
    const usedUp = await ok(api().get(`/v1/customers/${owner.id}/passes`).query({ status: 'used_up' }).set('Authorization', as('viewer')));
    expect(usedUp.items.map((p: any) => p.id)).toEqual([pass.id]);

    // Cancelling the paid booking gives the two uses back.
    await ok(api().post(`/v1/bookings/${paid.id}/cancel`).set('Authorization', as('staff')));
    expect((await ok(api().get(`/v1/passes/${pass.id}`).set('Authorization', as('viewer')))).usesRemaining).toBe(2);
    expect(await query(system.db('bookings'), `SELECT 1 FROM bookings WHERE pass_id = $1`, [pass.id])).toHaveLength(1);
  });

  it('redeems a voucher once, and lists what the customer bought and redeemed', async () => {
    const buyer = await kit.createCustomer();
    const friend = await kit.createCustomer();
    await kit.untilBookingsKnows(buyer.id);
    await kit.untilBookingsKnows(friend.id);
    const none = await ok(api().get(`/v1/customers/${buyer.id}/vouchers`).set('Authorization', as('viewer')));
    expect(none).toEqual({ items: [], nextCursor: null });
    const voucher = await ok(api().post('/v1/vouchers').set('Authorization', as('staff')).send({ amount: 1000, customerId: buyer.id }), 201);
    expect(voucher.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const redeemed = await ok(api().post(`/v1/vouchers/${voucher.code}/redeem`).set('Authorization', as('staff')).send({ customerId: friend.id }));
    expect(redeemed.redeemedByCustomerId).toBe(friend.id);
    const twice = await api().post(`/v1/vouchers/${voucher.code}/redeem`).set('Authorization', as('staff')).send({});
    expect([twice.status, twice.body.code]).toEqual([409, 'voucher_already_redeemed']);
    expect((await api().post('/v1/vouchers/NO-SUCH-CODE/redeem').set('Authorization', as('staff')).send({})).body.code).toBe('voucher_not_found');
    const purchased = await ok(api().get(`/v1/customers/${buyer.id}/vouchers`).query({ filter: 'purchased' }).set('Authorization', as('viewer')));
    expect(purchased.items).toEqual([expect.objectContaining({ code: voucher.code, purchased: true, redeemed: false })]);
    const friends = await ok(api().get(`/v1/customers/${friend.id}/vouchers`).set('Authorization', as('viewer')));
    expect(friends.items).toEqual([expect.objectContaining({ code: voucher.code, purchased: false, redeemed: true })]);

    // In a booking: the value comes off the total; an unknown code is refused and nothing is written.
    const gift = await ok(api().post('/v1/vouchers').set('Authorization', as('staff')).send({ code: 'gift-500', amount: 500 }), 201);
    const entry = await anEntry();
    const attendees = [{ ticketId: entry.tickets[0].id, firstName: 'V', lastName: 'W' }];
    const paid = await ok(book({ scheduleEntryId: entry.id, leadBooker: lead(), attendees, voucherCode: gift.code }), 201);
    expect(paid).toMatchObject({ total: { amount: 1000 }, voucherCode: 'GIFT-500' });
    const unknown = await book({ scheduleEntryId: entry.id, leadBooker: lead(), attendees, voucherCode: 'NOPE-NOPE' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'voucher_not_found']);
    const spent = await book({ scheduleEntryId: entry.id, leadBooker: lead(), attendees, voucherCode: gift.code });
    expect([spent.status, spent.body.code]).toEqual([409, 'voucher_already_redeemed']);
    expect((await ok(api().get(`/v1/schedule-entries/${entry.id}`).set('Authorization', as('viewer')))).placesBooked).toBe(1);
  });
});

describe('the customer portal', () => {
  it('books as itself only and reads only its own bookings', async () => {
    const me = await kit.createCustomer();
    const other = await kit.createCustomer();
    await kit.untilBookingsKnows(me.id);
    const portal = as('viewer', { cid: me.id });
    const entry = await anEntry({ bookingForm: { consents: [{ key: 'photos', label: 'Photos' }] } });
    const attendee = { ticketId: entry.tickets[0].id, firstName: 'Me', lastName: 'Myself', email: me.email, consents: { photos: true } };
    const notMe = await api().post('/v1/bookings').set('Authorization', portal).send({ scheduleEntryId: entry.id, leadBooker: lead(other.email), attendees: [attendee] });
    expect([notMe.status, notMe.body.code]).toEqual([422, 'lead_booker_not_self']);
    const unanswered = await api().post('/v1/bookings').set('Authorization', portal).send({ scheduleEntryId: entry.id, leadBooker: lead(me.email), attendees: [{ ...attendee, consents: {} }] });
    expect(unanswered.status).toBe(400);
    const mine = await ok(api().post('/v1/bookings').set('Authorization', portal).send({ scheduleEntryId: entry.id, leadBooker: lead(me.email), attendees: [attendee] }), 201);
    expect(mine.channel).toBe('customer');
    expect((await api().get(`/v1/bookings/${mine.id}`).set('Authorization', portal)).status).toBe(200);
    expect((await api().get(`/v1/customers/${me.id}/bookings`).set('Authorization', portal)).status).toBe(200);
    expect((await api().get(`/v1/customers/${other.id}/bookings`).set('Authorization', portal)).status).toBe(404);
    const theirs = await ok(book({ scheduleEntryId: entry.id, leadBooker: lead(other.email), attendees: [{ ticketId: entry.tickets[0].id, firstName: 'O', lastName: 'T' }] }), 201);
    expect((await api().get(`/v1/bookings/${theirs.id}`).set('Authorization', portal)).status).toBe(404);
    expect((await api().post('/v1/schedule-entries').set('Authorization', portal).send({})).status).toBe(403);
  });
});

describe('the customers service down while bookings are made', () => {
  it('catches up when it returns: every profile once, nothing lost, nothing doubled', async () => {
    const entry = await anEntry({ bookingForm: { consents: [{ key: 'photos', label: 'Photos' }] } });
    const parent = lead(email('offline'), 'Off', 'Line');
    await system.app('customers').stop();
    const bookings = [];
    for (let i = 0; i < 3; i++) {
      bookings.push(
        await ok(
          book({
            scheduleEntryId: entry.id,
            leadBooker: parent,
            attendees: [{ ticketId: entry.tickets[0].id, firstName: 'Kid', lastName: 'Line', consents: { photos: i !== 1 } }],
          }),
          201,
        ),
      );
    }
    await system.app('customers').start();
    const customer = await customerByEmail(parent.email, 30_000);
    const known = await waitFor(async () => {
      const res = await api().get(`/v1/customers/${customer.id}/known-customers`).set('Authorization', as('viewer'));
      return res.body.items?.[0]?.bookings === 3 ? res.body : undefined;
    }, 30_000, 'three bookings for the kid');
    expect(known.items).toHaveLength(1);
    const kidId = known.items[0].customerId;
    const rows = await query<{ n: number }>(
      system.db('customers'),
      `SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1 AND (id = $2 OR first_name = 'Kid' AND last_name = 'Line')`,
      [kit.tenant, kidId],
    );
    expect(rows[0].n).toBe(1);
    const consents = await ok(api().get(`/v1/customers/${kidId}/consents`).set('Authorization', as('viewer')));
    expect(consents.items[0].history.map((h: any) => h.status)).toEqual(['given', 'revoked', 'given']);
    const latest = await ok(api().get(`/v1/customers/${kidId}/latest-details`).set('Authorization', as('viewer')));
    expect(latest.bookingId).toBe(bookings[2].id);
    const emails = await query<{ n: number }>(system.db('customers'), `SELECT count(*)::int AS n FROM customer_emails WHERE tenant_id = $1 AND address = $2`, [
      kit.tenant,
      parent.email,
    ]);
    expect(emails[0].n).toBe(1);
  });
});
