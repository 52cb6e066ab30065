import { customerErasedEvent } from '@app/contracts';
import { query, TestSystem, waitFor } from '@app/testing';
import { bookingsKit } from './bookings-test-kit';

/** Customer groups (B6), offers (B7), memberships (B8) and erasure through the gateway. */
let system: TestSystem;
const kit = bookingsKit(() => system);
const { api, as, ok, anEntry, lead, book, email, customerByEmail } = kit;

beforeAll(async () => {
  system = await TestSystem.start({
    apps: ['customers', 'bookings', 'loyalty', 'gateway'],
    appEnv: { bookings: { MEMBERSHIP_SWEEP_MS: '300' } },
  });
});

afterAll(async () => {
  await system?.stop();
});

const aGroup = async (name = 'Friends') => ok(api().post('/v1/customer-groups').set('Authorization', as('admin')).send({ name }), 201);
const addMembers = (groupId: string, emails: string[]) => api().post(`/v1/customer-groups/${groupId}/members`).set('Authorization', as('staff')).send({ emails });
const anOffer = (groupId: string, body: Record<string, unknown>) =>
  ok(api().post(`/v1/customer-groups/${groupId}/offers`).set('Authorization', as('admin')).send({ enabled: true, personalUseOnly: false, ...body }), 201);
const exclusive = (entry: any) => entry.tickets.find((t: any) => t.exclusive).id;
const groupMembers = async (groupId: string) => (await ok(api().get(`/v1/customer-groups/${groupId}/members`).set('Authorization', as('viewer')))).items;

describe('customer groups (B6)', () => {
  it('adds members by email, keeps unknown emails until that customer appears, removes, and filters the customer list', async () => {
    expect((await api().post('/v1/customer-groups').set('Authorization', as('staff')).send({ name: 'X' })).status).toBe(403);
    const group = await aGroup('Regulars');
    const known = await kit.createCustomer();
    await kit.untilBookingsKnows(known.id);
    const later = email('later');
    const added = await ok(addMembers(group.id, [known.email, later, known.email.toUpperCase()]));
    expect(added.results).toEqual([
      { email: known.email, customerId: known.id, outcome: 'added' },
      { email: later, customerId: null, outcome: 'pending' },
    ]);
    expect((await ok(addMembers(group.id, [known.email]))).results[0].outcome).toBe('already_member');
    expect(await ok(api().get(`/v1/customer-groups/${group.id}`).set('Authorization', as('viewer')))).toMatchObject({ memberCount: 1, pendingCount: 1 });

    const newcomer = await kit.createCustomer({ email: later });
    await waitFor(async () => (await groupMembers(group.id)).every((m: any) => m.status === 'member'), 15_000, 'pending email matched');
    expect((await groupMembers(group.id)).map((m: any) => m.customerId).sort()).toEqual([known.id, newcomer.id].sort());
    const tab = await ok(api().get(`/v1/customers/${newcomer.id}/groups`).set('Authorization', as('viewer')));
    expect(tab.items).toEqual([expect.objectContaining({ group: expect.objectContaining({ id: group.id, name: 'Regulars' }), source: 'manual' })]);

    const inGroup = async () => (await ok(api().get('/v1/customers').query({ groupId: group.id }).set('Authorization', as('viewer')))).items.map((c: any) => c.id).sort();
    await waitFor(async () => (await inGroup()).length === 2, 15_000, 'customer list by group');
    expect(await ok(api().delete(`/v1/customer-groups/${group.id}/members/${known.id}`).set('Authorization', as('staff')))).toEqual({ removed: true });
    await waitFor(async () => (await inGroup()).length === 1, 15_000, 'removal reaches the customer list');
    expect(await inGroup()).toEqual([newcomer.id]);

    // Assign from the profile.
    const other = await aGroup('Workshop');
    const assigned = await ok(api().post(`/v1/customers/${known.id}/groups`).set('Authorization', as('staff')).send({ groupIds: [group.id, other.id] }));
    expect(assigned.items.map((m: any) => m.group.name).sort()).toEqual(['Regulars', 'Workshop']);
    expect((await api().delete(`/v1/customer-groups/${group.id}/members/${known.id}`).set('Authorization', as('staff'))).status).toBe(200);
  });
});

describe('group offers (B7)', () => {
  it('refuses exclusive tickets to non-members, without an offer and under a disabled one', async () => {
    const group = await aGroup();
    const entry = await anEntry({}, [group.id]);
    const member = lead(email('member'));
    const attendees = [{ ticketId: exclusive(entry), ...member }];
    const outsider = await book({ scheduleEntryId: entry.id, leadBooker: member, attendees });
    expect([outsider.status, outsider.body.code]).toEqual([422, 'exclusive_ticket_not_member']);
    await ok(addMembers(group.id, [member.email])); // pending: the member is known by email only
    const noOffer = await book({ scheduleEntryId: entry.id, leadBooker: member, attendees });
    expect([noOffer.status, noOffer.body.code]).toEqual([422, 'offer_not_available']);
    const disabled = await anOffer(group.id, { enabled: false, scheduleEntryId: entry.id });
    const off = await book({ scheduleEntryId: entry.id, leadBooker: member, attendees });
    expect([off.status, off.body.code]).toEqual([422, 'offer_disabled']);

    // An offer is changed by deleting it and creating a new one; no limit means unlimited.
    await ok(api().delete(`/v1/customer-groups/${group.id}/offers/${disabled.id}`).set('Authorization', as('admin')));
    await anOffer(group.id, { scheduleEntryId: entry.id });
    const five = Array.from({ length: 5 }, (_, i) => ({ ticketId: exclusive(entry), firstName: 'Friend', lastName: `${i}` }));
    for (let i = 0; i < 3; i++) await ok(book({ scheduleEntryId: entry.id, leadBooker: member, attendees: five }), 201);
    expect((await ok(api().get(`/v1/schedule-entries/${entry.id}`).set('Authorization', as('viewer')))).placesBooked).toBe(15);
  });

  it('allows personal use only for the member, or the member plus up to N', async () => {
    const solo = await aGroup('Solo');
    const family = await aGroup('Family');
    const entry = await anEntry({}, [solo.id, family.id]);
    const [soloTicket, familyTicket] = entry.tickets.filter((t: any) => t.exclusive).map((t: any) => t.id);
    const member = lead(email('fam'), 'Monica', 'Geller');
    await ok(addMembers(solo.id, [member.email]));
    await ok(addMembers(family.id, [member.email]));
    await anOffer(solo.id, { personalUseOnly: true, ticketIds: [soloTicket] });
    await anOffer(family.id, { maxAdditionalAttendees: 1, ticketIds: [familyTicket] });

    const forSelf = await book({ scheduleEntryId: entry.id, leadBooker: member, attendees: [{ ticketId: soloTicket, firstName: 'Monica', lastName: 'Geller' }] });
    expect(forSelf.status).toBe(201);
    const forOther = await book({ scheduleEntryId: entry.id, leadBooker: member, attendees: [{ ticketId: soloTicket, firstName: 'Ross', lastName: 'Geller' }] });
    expect([forOther.status, forOther.body.code]).toEqual([422, 'offer_personal_use_only']);
    const two = [
      { ticketId: familyTicket, ...member },
      { ticketId: familyTicket, firstName: 'Ross', lastName: 'Geller' },
    ];
    expect((await book({ scheduleEntryId: entry.id, leadBooker: member, attendees: two })).status).toBe(201);
    const three = await book({ scheduleEntryId: entry.id, leadBooker: member, attendees: [...two, { ticketId: familyTicket, firstName: 'Jack', lastName: 'Geller' }] });
    expect([three.status, three.body.code]).toEqual([422, 'offer_too_many_attendees']);
  });

  it('counts uses per period in the tenant’s time zone, resets at the boundary, and gives a cancelled booking’s use back', async () => {
    await ok(api().patch('/v1/settings').set('Authorization', as('owner')).send({ timeZone: 'Europe/Berlin' }));
    await waitFor(async () => {
      const rows = await query<{ settings: { timeZone: string } }>(system.db('bookings'), `SELECT settings FROM tenant_settings WHERE tenant_id = $1`, [kit.tenant]);
      return rows[0]?.settings.timeZone === 'Europe/Berlin';
    }, 15_000, 'bookings to know the time zone');
    const group = await aGroup('Monthly');
    // 23:30 on 31 March and 00:30 on 1 April in Berlin: both in March in UTC, but in two months here.
    const march = await anEntry({ startsAt: '2030-03-31T21:30:00.000Z', endsAt: '2030-03-31T22:15:00.000Z' }, [group.id]);
    const april = await anEntry({ startsAt: '2030-03-31T22:30:00.000Z', endsAt: '2030-03-31T23:15:00.000Z' }, [group.id]);
    await anOffer(group.id, { maxUses: 2, ongoing: true, usagePeriod: 'month', ticketIds: [exclusive(march), exclusive(april)] });
    const member = lead(email('monthly'));
    await ok(addMembers(group.id, [member.email]));
    const bookOne = (entry: any) => book({ scheduleEntryId: entry.id, leadBooker: member, attendees: [{ ticketId: exclusive(entry), ...member }] });

    const first = await ok(bookOne(march), 201);
    expect(first.offerUses).toEqual([expect.objectContaining({ uses: 1, periodStart: '2030-02-28T23:00:00.000Z' })]);
    await ok(bookOne(march), 201);
    const third = await bookOne(march);
    expect(third.status).toBe(422);
    expect(third.body).toMatchObject({ code: 'offer_use_limit_reached' });
    expect(await ok(bookOne(april), 201)).toMatchObject({ offerUses: [expect.objectContaining({ periodStart: '2030-03-31T22:00:00.000Z' })] });

    await ok(api().post(`/v1/bookings/${first.id}/cancel`).set('Authorization', as('staff')));
    expect((await bookOne(march)).status).toBe(201);
    expect((await bookOne(march)).status).toBe(422);
  });

  it('never lets concurrent bookings pass the use limit', async () => {
    const group = await aGroup('Three times');
    const entry = await anEntry({ capacity: 100 }, [group.id]);
    await anOffer(group.id, { maxUses: 3, scheduleEntryId: entry.id });
    const member = lead(email('racer'));
    await ok(addMembers(group.id, [member.email]));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => book({ scheduleEntryId: entry.id, leadBooker: member, attendees: [{ ticketId: exclusive(entry), ...member }] })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 422 && r.body.code === 'offer_use_limit_reached')).toHaveLength(7);
    const [usage] = await query<{ uses: number }>(system.db('bookings'), `SELECT sum(uses)::int AS uses FROM offer_usage WHERE tenant_id = $1 AND offer_id IN (SELECT id FROM group_offers WHERE group_id = $2)`, [
      kit.tenant,
      group.id,
    ]);
    expect(usage.uses).toBe(3);
  });

  it('counts every use across the moment a member known by email becomes a customer', async () => {
    const group = await aGroup('Switch');
    const entry = await anEntry({ capacity: 100 }, [group.id]);
    await anOffer(group.id, { maxUses: 4, scheduleEntryId: entry.id });
    const member = lead(email('switch'));
    await ok(addMembers(group.id, [member.email]));
    const bookOne = () => book({ scheduleEntryId: entry.id, leadBooker: member, attendees: [{ ticketId: exclusive(entry), ...member }] });
    // The first booking creates the customer; the others race with that news reaching bookings.
    const first = await bookOne();
    const rest = [];
    for (let i = 0; i < 7; i++) {
      rest.push(await bookOne());
      await new Promise((r) => setTimeout(r, 15));
    }
    const all = [first, ...rest];
    expect(all.filter((r) => r.status === 201)).toHaveLength(4);
    expect(all.slice(4).map((r) => r.body.code)).toEqual(Array(4).fill('offer_use_limit_reached'));
    await customerByEmail(member.email);
    await waitFor(async () => {
      const rows = await query<{ member_key: string; uses: number }>(system.db('bookings'), `SELECT member_key, uses FROM offer_usage WHERE offer_id IN (SELECT id FROM group_offers WHERE group_id = $1) AND uses > 0`, [group.id]);
      return rows.length === 1 && !rows[0].member_key.startsWith('email:') && rows[0].uses === 4;
    }, 15_000, 'all uses under the customer');
  });
});

describe('memberships (B8)', () => {
  it('joins the plan’s group on subscribing; leaves only by cancelling, at period end or at once', async () => {
    const plan = await ok(api().post('/v1/membership-plans').set('Authorization', as('admin')).send({ name: 'Unlimited', price: 4900, period: 'month' }), 201);
    expect(await ok(api().get(`/v1/customer-groups/${plan.groupId}`).set('Authorization', as('viewer')))).toMatchObject({ kind: 'membership', planId: plan.id });
    const customer = await kit.createCustomer();
    await kit.untilBookingsKnows(customer.id);
    const membership = await ok(api().post('/v1/memberships').set('Authorization', as('staff')).send({ planId: plan.id, customerId: customer.id }), 201);
    expect(membership).toMatchObject({ status: 'active', groupId: plan.groupId, endsAt: null });
    const again = await api().post('/v1/memberships').set('Authorization', as('staff')).send({ planId: plan.id, customerId: customer.id });
    expect([again.status, again.body.code]).toEqual([409, 'membership_already_active']);
    expect((await groupMembers(plan.groupId)).map((m: any) => [m.customerId, m.source])).toEqual([[customer.id, 'membership']]);

    const byHand = await addMembers(plan.groupId, [email('x')]);
    expect([byHand.status, byHand.body.code]).toEqual([409, 'membership_group_managed']);
    const removal = await api().delete(`/v1/customer-groups/${plan.groupId}/members/${customer.id}`).set('Authorization', as('staff'));
    expect(removal.status).toBe(409);
    expect(removal.body).toMatchObject({ code: 'membership_group_member' });

    // Members book the group's exclusive tickets under its offer.
    const entry = await anEntry({}, [plan.groupId]);
    await anOffer(plan.groupId, { scheduleEntryId: entry.id });
    const asMember = () => book({ scheduleEntryId: entry.id, leadBooker: lead(customer.email), attendees: [{ ticketId: exclusive(entry), firstName: 'Cus', lastName: 'Tomer' }] });
    expect((await asMember()).status).toBe(201);

    const cancelling = await ok(api().post(`/v1/memberships/${membership.id}/cancel`).set('Authorization', as('staff')).send({ mode: 'end_of_period' }));
    expect(cancelling).toMatchObject({ status: 'cancelling', cancelMode: 'end_of_period' });
    expect(cancelling.endsAt).toBe(membership.currentPeriodEnd);
    expect(Date.parse(cancelling.endsAt)).toBeGreaterThan(Date.now() + 27 * 86_400_000);
    const tab = await ok(api().get(`/v1/customers/${customer.id}/groups`).set('Authorization', as('viewer')));
    expect(tab.items).toEqual([expect.objectContaining({ membershipId: membership.id, memberUntil: cancelling.endsAt })]);
    expect((await asMember()).status).toBe(201);

    const ended = await ok(api().post(`/v1/memberships/${membership.id}/cancel`).set('Authorization', as('staff')).send({ mode: 'immediate' }));
    expect(ended.status).toBe('ended');
    expect((await ok(api().get(`/v1/customers/${customer.id}/groups`).set('Authorization', as('viewer')))).items).toEqual([]);
    const refused = await asMember();
    expect([refused.status, refused.body.code]).toEqual([422, 'exclusive_ticket_not_member']);
    expect((await api().post(`/v1/memberships/${membership.id}/cancel`).set('Authorization', as('staff')).send({ mode: 'immediate' })).body.code).toBe('membership_ended');
  });

  it('ends a membership cancelled to the end of its period when that end comes', async () => {
    const plan = await ok(api().post('/v1/membership-plans').set('Authorization', as('admin')).send({ name: 'Weekly', price: 1500, period: 'week' }), 201);
    const customer = await kit.createCustomer();
    await kit.untilBookingsKnows(customer.id);
    // Started almost a week ago: the paid period ends in about three seconds.
    const startsAt = new Date(Date.now() - 7 * 86_400_000 + 3_000).toISOString();
    const membership = await ok(api().post('/v1/memberships').set('Authorization', as('staff')).send({ planId: plan.id, customerId: customer.id, startsAt }), 201);
    const cancelling = await ok(api().post(`/v1/memberships/${membership.id}/cancel`).set('Authorization', as('staff')).send({ mode: 'end_of_period' }));
    expect(Date.parse(cancelling.endsAt) - Date.now()).toBeLessThan(4_000);
    const inGroup = async () => (await ok(api().get('/v1/customers').query({ groupId: plan.groupId }).set('Authorization', as('viewer')))).items.length;
    await waitFor(async () => (await inGroup()) === 1, 15_000, 'member in the customer list');
    await waitFor(async () => (await groupMembers(plan.groupId)).length === 0, 15_000, 'member leaves at period end');
    await waitFor(async () => (await inGroup()) === 0, 15_000, 'the customer list follows');
    const [row] = await query<{ status: string }>(system.db('bookings'), `SELECT status FROM memberships WHERE id = $1`, [membership.id]);
    expect(row.status).toBe('ended');
  });
});

describe('customer deletion', () => {
  it('erases the customer’s personal data in bookings and keeps the figures', async () => {
    const group = await aGroup('Erase');
    const entry = await anEntry({ bookingForm: { fields: [{ key: 'allergies', label: 'Allergies', type: 'text', required: false }] } });
    const parent = lead(email('erase'), 'Rachel', 'Green');
    const booked = await ok(
      book({
        scheduleEntryId: entry.id,
        leadBooker: parent,
        attendees: [
          { ticketId: entry.tickets[0].id, ...parent, fields: { allergies: 'nuts' } },
          { ticketId: entry.tickets[0].id, firstName: 'Emma', lastName: 'Green', fields: { allergies: 'none' } },
        ],
      }),
      201,
    );
    const rachel = await customerByEmail(parent.email);
    await ok(addMembers(group.id, [parent.email]));
    await waitFor(async () => (await query(system.db('bookings'), `SELECT 1 FROM customer_bookings WHERE customer_id = $1`, [rachel.id])).length > 0);

    expect((await api().delete(`/v1/customers/${rachel.id}`).set('Authorization', as('owner'))).status).toBe(202);
    await waitFor(async () => (await query(system.db('bookings'), `SELECT 1 FROM outbox_events WHERE type = $1 AND envelope->'data'->>'customerId' = $2`, [customerErasedEvent('bookings'), rachel.id])).length === 1, 15_000, 'bookings confirms the erasure');

    const [bookingRow] = await query(system.db('bookings'), `SELECT lead_email, lead_first_name, lead_last_name, total_amount, status FROM bookings WHERE id = $1`, [booked.id]);
    expect(bookingRow).toEqual({ lead_email: null, lead_first_name: null, lead_last_name: null, total_amount: 3000, status: 'confirmed' });
    const attendees = await query(system.db('bookings'), `SELECT email, first_name, fields FROM booking_attendees WHERE booking_id = $1 ORDER BY position`, [booked.id]);
    expect(attendees).toEqual([
      { email: null, first_name: null, fields: {} },
      { email: null, first_name: 'Emma', fields: { allergies: 'none' } },
    ]);
    expect(await query(system.db('bookings'), `SELECT 1 FROM group_members WHERE tenant_id = $1 AND (customer_id = $2 OR email = $3)`, [kit.tenant, rachel.id, parent.email])).toEqual([]);
    expect((await ok(api().get(`/v1/schedule-entries/${entry.id}`).set('Authorization', as('viewer')))).placesBooked).toBe(2);
    const texts = JSON.stringify(await query(system.db('bookings'), `SELECT * FROM bookings b JOIN booking_attendees a ON a.booking_id = b.id WHERE b.id = $1`, [booked.id]));
    expect(texts).not.toMatch(/Rachel|erase-/);
  });
});
