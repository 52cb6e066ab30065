import { randomUUID } from 'node:crypto';
import {
  BookingEvents,
  CustomerEvents,
  LoyaltyEvents,
  MarketingEvents,
  MarketingPatterns,
  type CustomerBookingStatsChangedV1,
  type CustomerDeletedV1,
  type CustomerSnapshot,
  type GroupMembershipChangedV1,
  type MetricsChangedV1,
  type Page,
  type SegmentCountView,
  type SegmentMemberView,
  type SegmentView,
  type TenantSettingsChangedV1,
  TenantEvents,
  DEFAULT_TENANT_SETTINGS,
} from '@app/contracts';
import { failureOf, publishEvent, query, RpcTestClient, TestSystem, waitFor } from '@app/testing';
import { evaluateRule, validateRule, type CustomerFacts } from '../src/segments/segment-rules';
import { aSnapshot, aTenant, publishCustomer, staff } from './marketing-test-kit';

/**
 * Segments (M9) over NATS with events published by the test: rules checked when saved,
 * membership computed in full by SQL, kept current per customer as customer, bookings and
 * loyalty events arrive, and both ways agree.
 */
describe('segments', () => {
  let system: TestSystem;
  let client: RpcTestClient;
  const send = <T>(pattern: string, tenantId: string, data: object = {}) => client.send<T>(pattern, { tenantId, actor: staff, ...data });
  const db = () => system.db('marketing');

  beforeAll(async () => {
    system = await TestSystem.start({ apps: ['marketing'], appEnv: { marketing: { WORKER_POLL_MS: '100', INTEREST_SWEEP_MS: '300' } } });
    client = await RpcTestClient.connect(system.nats.url);
  });

  afterAll(async () => {
    await client?.close();
    await system?.stop();
  });

  const known = (tenantId: string, customerId: string, check: (row: Record<string, any>) => boolean = () => true) =>
    waitFor(async () => {
      const [row] = await query(db(), `SELECT * FROM customer_facts WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
      return row && check(row) ? row : undefined;
    }, 15_000, `customer ${customerId} in customer_facts`);

  const createSegment = (tenantId: string, name: string, rule: unknown) => send<SegmentView>(MarketingPatterns.createSegment, tenantId, { input: { name, rule } });
  const ready = (tenantId: string, id: string) =>
    waitFor(async () => {
      const s = await send<SegmentView>(MarketingPatterns.getSegment, tenantId, { id });
      return s.status === 'ready' ? s : undefined;
    }, 15_000, `segment ${id} to be computed`);
  const memberIds = async (tenantId: string, id: string) => {
    const ids: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page: Page<SegmentMemberView> = await send(MarketingPatterns.segmentMembers, tenantId, { id, query: { limit: 2, ...(cursor ? { cursor } : {}) } });
      ids.push(...page.items.map((m) => m.customerId));
      cursor = page.nextCursor;
    } while (cursor);
    return ids.sort();
  };
  const membershipEvents = (tenantId: string, segmentId: string) =>
    query<{ envelope: { data: { added: string[]; removed: string[]; segmentDeleted?: boolean } } }>(
      db(),
      `SELECT envelope FROM outbox_events WHERE type = $1 AND tenant_id = $2 AND envelope->'data'->>'segmentId' = $3 ORDER BY seq`,
      [MarketingEvents.segmentMembershipChanged, tenantId, segmentId],
    ).then((rows) => rows.map((r) => r.envelope.data));

  it('refuses an unknown field or a wrong operator with the path of the condition, and stores nothing', async () => {
    const tenantId = aTenant();
    const error = await failureOf(
      createSegment(tenantId, 'Bad', { all: [{ field: 'city', op: 'eq', value: 'Berlin' }, { any: [{ field: 'shoeSize', op: 'gt', value: 3 }, { field: 'tags', op: 'gt', value: 'x' }] }] }),
    );
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(Object.keys((error.details as { errors: object }).errors).sort()).toEqual(['rule.all[1].any[0].field', 'rule.all[1].any[1].op']);
    const missing = await failureOf(createSegment(tenantId, 'Ghost', { all: [{ field: 'segments', op: 'contains', value: randomUUID() }, { field: 'subscriptions.email.nope', op: 'eq', value: true }] }));
    expect(Object.keys((missing.details as { errors: object }).errors).sort()).toEqual(['rule.all[0].value', 'rule.all[1].field']);
    expect(await query(db(), `SELECT 1 FROM segments WHERE tenant_id = $1`, [tenantId])).toHaveLength(0);
  });

  it('computes members of a new segment, counts and lists them, and publishes who entered', async () => {
    const tenantId = aTenant();
    const berliners = [aSnapshot({ city: 'Berlin', tags: ['vip'] }), aSnapshot({ city: 'berlin', tags: ['vip', 'new'] }), aSnapshot({ city: 'Berlin' })];
    const other = aSnapshot({ city: 'Hamburg', tags: ['vip'] });
    for (const c of [...berliners, other]) await publishCustomer(client, tenantId, c);
    for (const c of [...berliners, other]) await known(tenantId, c.id);

    const created = await createSegment(tenantId, 'Berlin VIPs', { all: [{ field: 'city', op: 'eq', value: 'BERLIN' }, { field: 'tags', op: 'contains', value: 'vip' }] });
    expect(created).toMatchObject({ name: 'Berlin VIPs', memberCount: 0 });
    const segment = await ready(tenantId, created.id);
    expect(segment.memberCount).toBe(2);
    expect(await send<SegmentCountView>(MarketingPatterns.segmentCount, tenantId, { id: created.id })).toMatchObject({ count: 2, status: 'ready' });
    expect(await memberIds(tenantId, created.id)).toEqual([berliners[0].id, berliners[1].id].sort());
    const events = await waitFor(async () => ((await membershipEvents(tenantId, created.id)).length ? membershipEvents(tenantId, created.id) : undefined));
    expect(events).toEqual([{ segmentId: created.id, segmentName: 'Berlin VIPs', added: expect.arrayContaining([berliners[0].id, berliners[1].id]), removed: [] }]);

    // another tenant sees nothing of it
    expect(await failureOf(send(MarketingPatterns.segmentCount, aTenant(), { id: created.id }))).toMatchObject({ status: 404, code: 'segment_not_found' });
    expect(await failureOf(createSegment(tenantId, 'berlin vips', { all: [] }))).toMatchObject({ status: 409, code: 'segment_name_taken' });
  });

  it('re-evaluates only the changed customer as customer events arrive', async () => {
    const tenantId = aTenant();
    const ann = aSnapshot({ tags: [] });
    const bob = aSnapshot({ tags: ['vip'] });
    await publishCustomer(client, tenantId, ann);
    await publishCustomer(client, tenantId, bob);
    await known(tenantId, ann.id);
    await known(tenantId, bob.id);
    const { id } = await createSegment(tenantId, 'VIP', { all: [{ field: 'tags', op: 'contains', value: 'vip' }] });
    await ready(tenantId, id);
    expect(await memberIds(tenantId, id)).toEqual([bob.id]);

    await publishCustomer(client, tenantId, { ...ann, tags: ['vip'] }, true);
    await waitFor(async () => (await memberIds(tenantId, id)).length === 2, 15_000, 'ann to join');
    await publishCustomer(client, tenantId, { ...bob, tags: [] }, true);
    await waitFor(async () => (await memberIds(tenantId, id)).join() === ann.id, 15_000, 'bob to leave');
    expect((await send<SegmentCountView>(MarketingPatterns.segmentCount, tenantId, { id })).count).toBe(1);

    const events = await waitFor(async () => {
      const list = await membershipEvents(tenantId, id);
      return list.length === 3 ? list : undefined;
    }, 15_000, 'three membership events');
    expect(events.slice(1)).toEqual([
      expect.objectContaining({ added: [ann.id], removed: [] }),
      expect.objectContaining({ added: [], removed: [bob.id] }),
    ]);
  });

  it('follows groups and booking counts from bookings, and purchase figures and RFM from loyalty', async () => {
    const tenantId = aTenant();
    const groupId = randomUUID();
    const c = aSnapshot();
    await publishCustomer(client, tenantId, c);
    await known(tenantId, c.id);
    const members = await createSegment(tenantId, 'Members who book', { all: [{ field: 'groups', op: 'contains', value: groupId }, { field: 'totalEventsBooked', op: 'gte', value: 2 }] });
    const buyers = await createSegment(tenantId, 'Champions', {
      any: [{ field: 'rfmSegment', op: 'eq', value: 'champions' }, { all: [{ field: 'purchaseCount', op: 'gt', value: 5 }, { field: 'lastPurchaseAt', op: 'gte', value: '2024-01-01' }] }],
    });
    await ready(tenantId, members.id);
    await ready(tenantId, buyers.id);

    await publishEvent<GroupMembershipChangedV1>(client.connection, {
      type: BookingEvents.groupMembershipChanged,
      tenantId,
      data: { groupId, groupName: 'Gold', groupKind: 'manual', customerId: c.id, member: true, at: new Date().toISOString() },
    });
    await publishEvent<CustomerBookingStatsChangedV1>(client.connection, {
      type: BookingEvents.customerStatsChanged,
      tenantId,
      data: { customerId: c.id, totalEventsBooked: 2, firstBookedAt: null, lastBookedAt: null },
    });
    await waitFor(async () => (await memberIds(tenantId, members.id)).length === 1, 15_000, 'group member with two bookings');

    const metrics = (purchaseCount: number, rfmSegment: string | null): MetricsChangedV1 => ({
      customerId: c.id,
      metrics: { purchaseCount, purchaseTotal: 50_000, averagePurchase: 5000, firstPurchaseAt: '2024-01-01T00:00:00Z', lastPurchaseAt: '2024-06-01T10:00:00Z', ltv: 50_000, rfmSegment },
    });
    await publishEvent(client.connection, { type: LoyaltyEvents.metricsChanged, tenantId, data: metrics(6, 'loyal') });
    await waitFor(async () => (await memberIds(tenantId, buyers.id)).length === 1, 15_000, 'six purchases');
    await publishEvent(client.connection, { type: LoyaltyEvents.metricsChanged, tenantId, data: metrics(1, 'champions') });
    await known(tenantId, c.id, (row) => row.purchase_count === 1);
    expect(await memberIds(tenantId, buyers.id)).toEqual([c.id]);
    await publishEvent(client.connection, { type: LoyaltyEvents.metricsChanged, tenantId, data: metrics(1, 'at_risk') });
    await waitFor(async () => (await memberIds(tenantId, buyers.id)).length === 0, 15_000, 'no longer a champion');

    await publishEvent<GroupMembershipChangedV1>(client.connection, {
      type: BookingEvents.groupMembershipChanged,
      tenantId,
      data: { groupId, groupName: 'Gold', groupKind: 'manual', customerId: c.id, member: false, at: new Date().toISOString() },
    });
    await waitFor(async () => (await memberIds(tenantId, members.id)).length === 0, 15_000, 'left the group');
  });

  it('reads other segments, refuses cycles, and recomputes readers when a rule changes', async () => {
    const tenantId = aTenant();
    const customers = [aSnapshot({ city: 'Berlin', tags: ['vip'] }), aSnapshot({ city: 'Bonn', tags: ['vip'] }), aSnapshot({ city: 'Berlin' })];
    for (const c of customers) await publishCustomer(client, tenantId, c);
    for (const c of customers) await known(tenantId, c.id);
    const berlin = await createSegment(tenantId, 'Berlin', { all: [{ field: 'city', op: 'eq', value: 'Berlin' }] });
    const vipInBerlin = await createSegment(tenantId, 'VIP in Berlin', { all: [{ field: 'segments', op: 'contains', value: berlin.id }, { field: 'tags', op: 'contains', value: 'vip' }] });
    await ready(tenantId, berlin.id);
    await ready(tenantId, vipInBerlin.id);
    expect(await memberIds(tenantId, vipInBerlin.id)).toEqual([customers[0].id]);

    const cycle = await failureOf(send(MarketingPatterns.updateSegment, tenantId, { id: berlin.id, input: { rule: { all: [{ field: 'segments', op: 'ne', value: vipInBerlin.id }] } } }));
    expect(cycle).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((cycle.details as { errors: Record<string, string[]> }).errors['rule.all[0].value'][0]).toMatch(/cycle/);
    expect(await failureOf(send(MarketingPatterns.deleteSegment, tenantId, { id: berlin.id }))).toMatchObject({ status: 409, code: 'segment_in_use' });

    // Berlin becomes Bonn: the reader follows without being touched.
    await send(MarketingPatterns.updateSegment, tenantId, { id: berlin.id, input: { rule: { all: [{ field: 'city', op: 'eq', value: 'Bonn' }] } } });
    await waitFor(async () => (await memberIds(tenantId, vipInBerlin.id)).join() === customers[1].id, 15_000, 'reader recomputed');
    await waitFor(async () => (await send<SegmentView>(MarketingPatterns.getSegment, tenantId, { id: vipInBerlin.id })).memberCount === 1);

    // And a customer change flows through both.
    await publishCustomer(client, tenantId, { ...customers[1], tags: [] }, true);
    await waitFor(async () => (await memberIds(tenantId, vipInBerlin.id)).length === 0, 15_000, 'reader follows a customer change');

    await send(MarketingPatterns.deleteSegment, tenantId, { id: vipInBerlin.id });
    expect(await send(MarketingPatterns.deleteSegment, tenantId, { id: berlin.id })).toEqual({ id: berlin.id, deleted: true });
    expect((await membershipEvents(tenantId, berlin.id)).at(-1)).toMatchObject({ segmentDeleted: true });
    expect(await query(db(), `SELECT 1 FROM segment_members WHERE tenant_id = $1`, [tenantId])).toHaveLength(0);
  });

  it('agrees between the full SQL recompute and the per-customer evaluation, on many kinds of rules', async () => {
    const tenantId = aTenant();
    await send(MarketingPatterns.putCategory, tenantId, { key: 'news', input: { name: 'Newsletter' } });
    const rules = [
      { any: [{ field: 'city', op: 'in', value: ['berlin', 'BONN'] }, { field: 'country', op: 'ne', value: 'DE' }] },
      { all: [{ field: 'tags', op: 'ne', value: 'blocked' }, { field: 'tags', op: 'exists' }] },
      { all: [{ field: 'attributes.size', op: 'gte', value: 40 }, { field: 'attributes.since', op: 'lt', value: '2021-01-01' }] },
      { any: [{ field: 'attributes.tier', op: 'in', value: ['gold', 'silver'] }, { field: 'attributes.note', op: 'contains', value: 'VEG' }, { field: 'attributes.vip', op: 'eq', value: true }] },
      { all: [{ field: 'attributes.tier', op: 'ne', value: 'gold' }, { field: 'consents.email', op: 'ne', value: 'given' }] },
      { any: [{ field: 'consents.email', op: 'in', value: ['revoked', 'not_captured'] }, { field: 'consents.sms', op: 'exists', value: false }] },
      { all: [{ field: 'city', op: 'contains', value: 'ER' }, { field: 'city', op: 'exists' }] },
      { all: [{ field: 'subscriptions.email.news', op: 'eq', value: false }] },
    ];
    // Segments first, so every customer below joins by the per-customer evaluation.
    const segments = [];
    for (const [i, rule] of rules.entries()) segments.push(await createSegment(tenantId, `rule ${i}`, rule));
    for (const s of segments) await ready(tenantId, s.id);

    const pick = <T>(list: T[], i: number) => list[i % list.length];
    const customers: CustomerSnapshot[] = Array.from({ length: 24 }, (_, i) =>
      aSnapshot({
        city: pick(['Berlin', 'Bonn', 'Erfurt', null, ''], i),
        country: pick(['DE', 'AT', null], i),
        tags: pick([[], ['vip'], ['blocked'], ['vip', 'blocked']], i),
        attributes: pick<CustomerSnapshot['attributes']>(
          [{}, { size: 42, since: '2020-05-01', tier: 'gold' }, { size: '44', note: 'Vegan please', vip: 'true' }, { size: 38, since: '2022-01-01', tier: 'bronze', vip: true }, { note: null }],
          i,
        ),
        consents: pick<CustomerSnapshot['consents']>([{}, { email: 'given' }, { email: 'revoked', sms: 'given' }, { email: 'not_captured' }], i),
      }),
    );
    for (const c of customers) await publishCustomer(client, tenantId, c);
    for (const c of customers) await known(tenantId, c.id);

    const expected = (rule: unknown) =>
      customers
        .filter((c) =>
          evaluateRule(validateRule(rule).rule!, {
            tags: c.tags,
            groups: [],
            segments: [],
            interests: [],
            city: c.city,
            country: c.country,
            rfmSegment: null,
            purchaseCount: 0,
            purchaseTotal: 0,
            totalEventsBooked: 0,
            lastPurchaseAt: null,
            attributes: c.attributes,
            consents: c.consents,
            subscriptions: [],
          } satisfies CustomerFacts),
        )
        .map((c) => c.id)
        .sort();
    const incremental: string[][] = [];
    for (const [i, s] of segments.entries()) {
      incremental.push(await memberIds(tenantId, s.id));
      expect(incremental[i]).toEqual(expected(rules[i]));
    }
    // Each rule once more, written another way: a full recompute in SQL finds the same members.
    for (const [i, s] of segments.entries()) {
      await send(MarketingPatterns.updateSegment, tenantId, { id: s.id, input: { rule: { all: [rules[i]] } } });
      await ready(tenantId, s.id);
      expect(await memberIds(tenantId, s.id)).toEqual(incremental[i]);
      expect((await send<SegmentCountView>(MarketingPatterns.segmentCount, tenantId, { id: s.id })).count).toBe(incremental[i].length);
    }
    expect(incremental.some((ids) => ids.length > 0 && ids.length < customers.length)).toBe(true);
  });

  it('removes a deleted customer from every segment and keeps later events from bringing them back', async () => {
    const tenantId = aTenant();
    const c = aSnapshot({ tags: ['vip'] });
    await publishCustomer(client, tenantId, c);
    await known(tenantId, c.id);
    const { id } = await createSegment(tenantId, 'Everyone', { all: [] });
    await ready(tenantId, id);
    expect(await memberIds(tenantId, id)).toEqual([c.id]);

    await publishEvent<CustomerDeletedV1>(client.connection, { type: CustomerEvents.deleted, tenantId, data: { customerId: c.id, emails: [c.email!] } });
    await known(tenantId, c.id, (row) => row.deleted_at !== null);
    expect(await memberIds(tenantId, id)).toEqual([]);
    await publishEvent(client.connection, { type: LoyaltyEvents.metricsChanged, tenantId, data: { customerId: c.id, metrics: { purchaseCount: 3, purchaseTotal: 1, averagePurchase: 1, firstPurchaseAt: null, lastPurchaseAt: null, ltv: 1, rfmSegment: 'x' } } });
    await publishCustomer(client, tenantId, c, true);
    const erased = await waitFor(async () => {
      const rows = await query(db(), `SELECT 1 FROM outbox_events WHERE type = 'marketing.customer.erased' AND envelope->'data'->>'customerId' = $1`, [c.id]);
      return rows.length ? rows : undefined;
    });
    expect(erased).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    const [row] = await query(db(), `SELECT purchase_count, email, tags FROM customer_facts WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, c.id]);
    expect(row).toEqual({ purchase_count: 0, email: null, tags: [] });
    expect((await send<SegmentCountView>(MarketingPatterns.segmentCount, tenantId, { id })).count).toBe(0);
  });

  it('keeps the member count exact under concurrent changes to many customers', async () => {
    const tenantId = aTenant();
    const customers = Array.from({ length: 30 }, () => aSnapshot());
    for (const c of customers) await publishCustomer(client, tenantId, c);
    for (const c of customers) await known(tenantId, c.id);
    const { id } = await createSegment(tenantId, 'Camera fans', { all: [{ field: 'interests', op: 'contains', value: 'cameras' }] });
    await ready(tenantId, id);
    // Thirty concurrent requests, each making one customer join the segment.
    await Promise.all(customers.map((c) => send(MarketingPatterns.track, tenantId, { batch: false, events: [{ customerId: c.id, type: 'category_view', category: 'cameras' }] })));
    const [{ n }] = await query<{ n: number }>(db(), `SELECT count(*)::int AS n FROM segment_members WHERE tenant_id = $1 AND segment_id = $2`, [tenantId, id]);
    expect(n).toBe(30);
    expect((await send<SegmentCountView>(MarketingPatterns.segmentCount, tenantId, { id })).count).toBe(30);
  });

  it('recomputes interest segments when the tenant changes its interest window', async () => {
    const tenantId = aTenant();
    const c = aSnapshot();
    await publishCustomer(client, tenantId, c);
    await known(tenantId, c.id);
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString();
    await send(MarketingPatterns.track, tenantId, { events: [{ customerId: c.id, type: 'category_view', category: 'monitors', at: tenDaysAgo }], batch: false });
    const { id } = await createSegment(tenantId, 'Monitor fans', { all: [{ field: 'interests', op: 'contains', value: 'monitors' }] });
    await ready(tenantId, id);
    expect(await memberIds(tenantId, id)).toEqual([c.id]);

    // A 7-day window: the ten-day-old view no longer counts.
    await publishEvent<TenantSettingsChangedV1>(client.connection, {
      type: TenantEvents.settingsChanged,
      tenantId,
      data: { settings: { ...DEFAULT_TENANT_SETTINGS, interestWindowDays: 7 }, updatedAt: new Date().toISOString() },
    });
    await waitFor(async () => (await memberIds(tenantId, id)).length === 0, 20_000, 'interest to lapse with the shorter window');
  });
});
