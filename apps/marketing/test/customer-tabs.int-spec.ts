import { randomUUID } from 'node:crypto';
import {
  CustomerEvents,
  LoyaltyEvents,
  MarketingEvents,
  MarketingPatterns,
  type AbandonedCartItemView,
  type CustomerPollView,
  type InterestView,
  type MarketingCustomerExport,
  type MarketingCustomerSummary,
  type Page,
  type PollResultsView,
  type PollView,
  type PromoCodePoolView,
  type PurchaseRecordedV1,
  type PurchaseV1,
  type SegmentView,
  type SubscriptionView,
  type TrackResult,
  type WebActivityView,
} from '@app/contracts';
import { failureOf, publishEvent, query, RpcTestClient, TestSystem, waitFor } from '@app/testing';
import { aSnapshot, aTenant, publishCustomer, staff } from './marketing-test-kit';

/**
 * Subscriptions (M1), web activity (M6), interests (M7), abandoned cart (M8), polls (M5),
 * promo code redemption (M4), the profile summary and export, and erasure, over NATS.
 */
describe('customer tabs', () => {
  let system: TestSystem;
  let client: RpcTestClient;
  const send = <T>(pattern: string, tenantId: string, data: object = {}) => client.send<T>(pattern, { tenantId, actor: staff, ...data });
  const db = () => system.db('marketing');
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3600 * 1000).toISOString();

  beforeAll(async () => {
    system = await TestSystem.start({ apps: ['marketing'], appEnv: { marketing: { WORKER_POLL_MS: '100' } } });
    client = await RpcTestClient.connect(system.nats.url);
  });

  afterAll(async () => {
    await client?.close();
    await system?.stop();
  });

  async function aKnownCustomer(tenantId: string, overrides = {}) {
    const c = aSnapshot(overrides);
    await publishCustomer(client, tenantId, c);
    await waitFor(async () => (await query(db(), `SELECT 1 FROM customer_facts WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, c.id])).length, 15_000, 'customer projected');
    return c;
  }

  const purchase = (customerId: string, lines: Array<{ sku: string; category: string | null }>, overrides: Partial<PurchaseV1> = {}): PurchaseV1 => ({
    id: randomUUID(),
    customerId,
    kind: 'receipt',
    number: `R-${randomUUID().slice(0, 6)}`,
    storeId: 'web',
    storeName: 'Web shop',
    occurredAt: new Date().toISOString(),
    status: 'completed',
    currency: 'EUR',
    total: 19900,
    itemCount: lines.length,
    brand: null,
    season: null,
    year: null,
    lines: lines.map((l) => ({ ...l, name: l.sku, quantity: 1, price: 19900 })),
    ...overrides,
  });

  describe('subscriptions (M1)', () => {
    it('shows active categories on every channel with eligibility from contact validity, and publishes flips', async () => {
      const tenantId = aTenant();
      await send(MarketingPatterns.putCategory, tenantId, { key: 'news', input: { name: 'Newsletter' } });
      await send(MarketingPatterns.putCategory, tenantId, { key: 'old', input: { name: 'Old stuff', active: false } });
      const c = await aKnownCustomer(tenantId, {
        emails: [{ address: `x-${randomUUID().slice(0, 6)}@example.com`, status: 'bounced', primary: true }],
        phones: [{ number: '+4930123456', type: 'landline', status: 'valid', primary: true }],
      });
      const changed = await send<SubscriptionView[]>(MarketingPatterns.setSubscriptions, tenantId, {
        customerId: c.id,
        changes: [
          { channel: 'email', category: 'news', subscribed: true },
          { channel: 'sms', category: 'news', subscribed: true },
        ],
      });
      expect(changed).toEqual([
        expect.objectContaining({ channel: 'email', subscribed: true, eligible: false, reason: 'invalid_email' }),
        expect.objectContaining({ channel: 'sms', subscribed: true, eligible: false, reason: 'landline' }),
      ]);
      const tab = await send<Page<SubscriptionView>>(MarketingPatterns.customerSubscriptions, tenantId, { customerId: c.id, query: { limit: 2 } });
      expect(tab.items.map((s) => `${s.category}.${s.channel}`)).toEqual(['news.email', 'news.sms']);
      const rest = await send<Page<SubscriptionView>>(MarketingPatterns.customerSubscriptions, tenantId, { customerId: c.id, query: { cursor: tab.nextCursor } });
      expect(rest.items).toEqual([expect.objectContaining({ category: 'news', channel: 'push', subscribed: false, reason: 'unsubscribed', updatedAt: null })]);
      expect(rest.nextCursor).toBeNull();

      // A valid address makes email eligible.
      await publishCustomer(client, tenantId, { ...c, emails: [{ address: c.emails[0].address, status: 'valid', primary: true }] }, true);
      await waitFor(async () => {
        const page = await send<Page<SubscriptionView>>(MarketingPatterns.customerSubscriptions, tenantId, { customerId: c.id });
        return page.items.find((s) => s.channel === 'email')!.eligible;
      });

      // Setting the same value again publishes nothing new.
      await send(MarketingPatterns.setSubscriptions, tenantId, { customerId: c.id, changes: [{ channel: 'email', category: 'news', subscribed: true }] });
      await send(MarketingPatterns.setSubscriptions, tenantId, { customerId: c.id, changes: [{ channel: 'email', category: 'news', subscribed: false }] });
      const events = await query<{ envelope: { data: { channel: string; subscribed: boolean } } }>(
        db(),
        `SELECT envelope FROM outbox_events WHERE type = $1 AND envelope->'data'->>'customerId' = $2 ORDER BY seq`,
        [MarketingEvents.subscriptionChanged, c.id],
      );
      expect(events.map((e) => [e.envelope.data.channel, e.envelope.data.subscribed])).toEqual([
        ['email', true],
        ['sms', true],
        ['email', false],
      ]);
    });

    it('refuses unknown and inactive categories and duplicates; an id it cannot check while customers is away is 503', async () => {
      const tenantId = aTenant();
      await send(MarketingPatterns.putCategory, tenantId, { key: 'old', input: { name: 'Old', active: false } });
      const c = await aKnownCustomer(tenantId);
      const change = (category: string) => send(MarketingPatterns.setSubscriptions, tenantId, { customerId: c.id, changes: [{ channel: 'email', category, subscribed: true }] });
      expect(await failureOf(change('nope'))).toMatchObject({ status: 422, code: 'subscription_category_not_found' });
      expect(await failureOf(change('old'))).toMatchObject({ status: 422, code: 'subscription_category_inactive' });
      const twice = await failureOf(
        send(MarketingPatterns.setSubscriptions, tenantId, { customerId: c.id, changes: [{ channel: 'email', category: 'old', subscribed: true }, { channel: 'email', category: 'old', subscribed: false }] }),
      );
      expect(twice).toMatchObject({ status: 400, details: { errors: { '[1]': [expect.stringMatching(/twice/)] } } });
      expect(await failureOf(send(MarketingPatterns.setSubscriptions, tenantId, { customerId: c.id, changes: [{ channel: 'fax', category: 'old', subscribed: 1 }] }))).toMatchObject({
        status: 400,
        details: { errors: { '[0].channel': expect.any(Array), '[0].subscribed': expect.any(Array) } },
      });
      // The customers service is not part of this system: an id never seen is unknown.
      expect(await failureOf(send(MarketingPatterns.customerSubscriptions, tenantId, { customerId: randomUUID() }))).toMatchObject({ status: 503 });
      expect(await failureOf(send(MarketingPatterns.customerSubscriptions, aTenant(), { customerId: c.id }))).toMatchObject({ status: 503 });
    });
  });

  describe('web activity, interests and abandoned cart (M6-M8)', () => {
    it('stores the good events of a batch and reports the bad ones by index', async () => {
      const tenantId = aTenant();
      const c = await aKnownCustomer(tenantId);
      const result = await send<TrackResult>(MarketingPatterns.track, tenantId, {
        batch: true,
        events: [
          { customerId: c.id, type: 'visit', url: 'https://shop.example/' },
          { customerId: c.id, type: 'teleport' },
          { email: c.email!.toUpperCase(), type: 'page_view', url: 'https://shop.example/about' },
          { email: `nobody-${randomUUID().slice(0, 6)}@example.com`, type: 'visit' },
          'not an event',
          { customerId: c.id, type: 'category_view', category: 'Monitors', eventId: 'ev-1' },
        ],
      });
      expect(result.accepted).toBe(3);
      // The customers service is not part of this system: an email never seen cannot be checked now.
      expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
        [1, 'validation_failed'],
        [3, 'service_unavailable'],
        [4, 'validation_failed'],
      ]);
      expect(result.rejected[0].errors).toHaveProperty('type');
      expect(result.rejected[2].errors).toEqual({ event: ['must be an object'] });
      const stored = await query(db(), `SELECT type FROM web_events WHERE tenant_id = $1 ORDER BY id`, [tenantId]);
      expect(stored.map((r) => r.type)).toEqual(['visit', 'page_view', 'category_view']);
    });

    it('reports unknown customers per index when they cannot be found', async () => {
      const tenantId = aTenant();
      const c = await aKnownCustomer(tenantId);
      await publishEvent(client.connection, { type: CustomerEvents.deleted, tenantId, data: { customerId: c.id, emails: [c.email] } });
      await waitFor(async () => (await query(db(), `SELECT 1 FROM customer_refs WHERE tenant_id = $1 AND customer_id = $2 AND deleted_at IS NOT NULL`, [tenantId, c.id])).length);
      const result = await send<TrackResult>(MarketingPatterns.track, tenantId, { batch: true, events: [{ customerId: c.id, type: 'visit' }] });
      expect(result).toEqual({ accepted: 0, duplicates: 0, rejected: [{ index: 0, code: 'customer_not_found', errors: { customerId: ['no customer with this id'] } }] });
      expect(await failureOf(send(MarketingPatterns.track, tenantId, { batch: false, events: [{ customerId: c.id, type: 'visit' }] }))).toMatchObject({ status: 404 });
      expect(await failureOf(send(MarketingPatterns.track, tenantId, { batch: false, events: [{ customerId: c.id }] }))).toMatchObject({ status: 400 });
      expect(await failureOf(send(MarketingPatterns.track, tenantId, { batch: true, events: [] }))).toMatchObject({ status: 400 });
    });

    it('stores an event with an eventId once, and lists activity newest first with orders from purchases', async () => {
      const tenantId = aTenant();
      const c = await aKnownCustomer(tenantId);
      const event = { customerId: c.id, type: 'product_view', at: hoursAgo(3), eventId: 'pv-1', product: { sku: 'M-24', name: 'Monitor 24"', price: 19900, category: 'Monitors' } };
      expect(await send<TrackResult>(MarketingPatterns.track, tenantId, { batch: false, events: [event] })).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      expect(await send<TrackResult>(MarketingPatterns.track, tenantId, { batch: false, events: [event] })).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
      await send(MarketingPatterns.track, tenantId, { batch: true, events: [{ customerId: c.id, type: 'visit', at: hoursAgo(2) }, { customerId: c.id, type: 'page_view', url: '/a', at: hoursAgo(1) }] });
      const p = purchase(c.id, [{ sku: 'K-1', category: 'Keyboards' }]);
      await publishEvent<PurchaseRecordedV1>(client.connection, { type: LoyaltyEvents.purchaseRecorded, tenantId, data: { purchase: p } });
      await publishEvent<PurchaseRecordedV1>(client.connection, { type: LoyaltyEvents.purchaseRecorded, tenantId, data: { purchase: p } });

      const all = await waitFor(async () => {
        const page = await send<Page<WebActivityView>>(MarketingPatterns.customerActivity, tenantId, { customerId: c.id });
        return page.items.length === 4 ? page : undefined;
      });
      expect(all.items.map((a) => a.type)).toEqual(['order', 'page_view', 'visit', 'product_view']);
      expect(all.items[0].order).toEqual({ purchaseId: p.id, number: p.number, total: 19900, currency: 'EUR', status: 'completed' });
      const first = await send<Page<WebActivityView>>(MarketingPatterns.customerActivity, tenantId, { customerId: c.id, query: { limit: 3 } });
      const second = await send<Page<WebActivityView>>(MarketingPatterns.customerActivity, tenantId, { customerId: c.id, query: { limit: 3, cursor: first.nextCursor } });
      expect([...first.items, ...second.items].map((a) => a.id)).toEqual(all.items.map((a) => a.id));
      expect(second.nextCursor).toBeNull();
      const views = await send<Page<WebActivityView>>(MarketingPatterns.customerActivity, tenantId, { customerId: c.id, query: { type: 'product_view' } });
      expect(views.items).toEqual([expect.objectContaining({ product: expect.objectContaining({ sku: 'M-24', name: 'Monitor 24"' }), category: 'Monitors' })]);

      // One activity.tracked per call that stored something: the repeat stored nothing.
      const tracked = await query<{ envelope: { data: { events: Array<{ type: string }> } } }>(
        db(),
        `SELECT envelope FROM outbox_events WHERE type = $1 AND envelope->'data'->>'customerId' = $2 ORDER BY seq`,
        [MarketingEvents.activityTracked, c.id],
      );
      expect(tracked.map((t) => t.envelope.data.events.map((e) => e.type))).toEqual([['product_view'], ['visit', 'page_view']]);
    });

    it('ranks interests inside the window, lets old views lapse, and is satisfied by a purchase in the category', async () => {
      const tenantId = aTenant();
      const c = await aKnownCustomer(tenantId);
      const view = (category: string, at: string) => ({ customerId: c.id, type: 'category_view', category, at });
      await send(MarketingPatterns.track, tenantId, {
        batch: true,
        events: [
          view('Monitors', hoursAgo(5)),
          view('Monitors', hoursAgo(4)),
          { customerId: c.id, type: 'product_view', at: hoursAgo(3), product: { sku: 'M-27', category: 'Monitors' } },
          view('Laptops', hoursAgo(2)),
          view('Cameras', hoursAgo(40 * 24)),
          view('Phones', hoursAgo(30)),
        ],
      });
      const interests = async () => (await send<Page<InterestView>>(MarketingPatterns.customerInterests, tenantId, { customerId: c.id })).items;
      expect((await interests()).map((i) => [i.category, i.views])).toEqual([
        ['Monitors', 3],
        ['Laptops', 1],
        ['Phones', 1],
      ]);
      const monitors = (await interests())[0];
      expect(Date.parse(monitors.expiresAt) - Date.parse(monitors.lastViewedAt)).toBe(30 * 24 * 3600 * 1000);

      const segment = await send<SegmentView>(MarketingPatterns.createSegment, tenantId, { input: { name: 'Monitor fans', rule: { all: [{ field: 'interests', op: 'contains', value: 'Monitors' }] } } });
      const members = async () => (await send<Page<{ customerId: string }>>(MarketingPatterns.segmentMembers, tenantId, { id: segment.id })).items.map((m) => m.customerId);
      await waitFor(async () => (await members()).length === 1, 15_000, 'interest segment');

      await publishEvent<PurchaseRecordedV1>(client.connection, { type: LoyaltyEvents.purchaseRecorded, tenantId, data: { purchase: purchase(c.id, [{ sku: 'M-27', category: 'Monitors' }]) } });
      await waitFor(async () => !(await interests()).some((i) => i.category === 'Monitors'), 15_000, 'satisfied interest');
      await waitFor(async () => (await members()).length === 0, 15_000, 'left the interest segment');

      // A returned receipt satisfies nothing; a later view wakes the interest again.
      await publishEvent<PurchaseRecordedV1>(client.connection, {
        type: LoyaltyEvents.purchaseRecorded,
        tenantId,
        data: { purchase: purchase(c.id, [{ sku: 'L-1', category: 'Laptops' }], { status: 'returned' }) },
      });
      await send(MarketingPatterns.track, tenantId, { batch: false, events: [view('Monitors', new Date().toISOString())] });
      await waitFor(async () => (await members()).length === 1, 15_000, 'interest is back');
      expect((await interests()).map((i) => [i.category, i.views])).toEqual([
        ['Monitors', 1],
        ['Laptops', 1],
        ['Phones', 1],
      ]);
    });

    it('keeps products added to the cart and not bought, removes what was removed or bought', async () => {
      const tenantId = aTenant();
      const c = await aKnownCustomer(tenantId);
      const cart = (type: string, sku: string, at: string, extra = {}) => ({ customerId: c.id, type, at, product: { sku, name: `Product ${sku}`, price: 1000, currency: 'EUR', ...extra } });
      const lastAddOfA = hoursAgo(3);
      await send(MarketingPatterns.track, tenantId, {
        batch: true,
        // out of order on purpose: the removal of C happened last
        events: [cart('cart_remove', 'C', hoursAgo(1)), cart('cart_add', 'A', hoursAgo(5)), cart('cart_add', 'B', hoursAgo(4)), cart('cart_add', 'A', lastAddOfA, { quantity: 2 }), cart('cart_add', 'C', hoursAgo(2))],
      });
      const items = async () => (await send<Page<AbandonedCartItemView>>(MarketingPatterns.customerCart, tenantId, { customerId: c.id })).items;
      expect((await items()).map((i) => [i.sku, i.quantity])).toEqual([
        ['A', 3],
        ['B', 1],
      ]);
      expect((await items())[0]).toEqual({ sku: 'A', name: 'Product A', price: 1000, currency: 'EUR', quantity: 3, addedAt: lastAddOfA });
      await publishEvent<PurchaseRecordedV1>(client.connection, { type: LoyaltyEvents.purchaseRecorded, tenantId, data: { purchase: purchase(c.id, [{ sku: 'A', category: null }]) } });
      await waitFor(async () => (await items()).length === 1, 15_000, 'bought item out of the cart');
      expect((await items()).map((i) => i.sku)).toEqual(['B']);
    });
  });

  describe('polls (M5) and promo codes (M4)', () => {
    it('takes one response per customer, checks answers against questions, and shows results and the customer’s polls', async () => {
      const tenantId = aTenant();
      const [ann, bob] = [await aKnownCustomer(tenantId), await aKnownCustomer(tenantId)];
      const poll = await send<PollView>(MarketingPatterns.createPoll, tenantId, {
        input: {
          title: 'How was your visit?',
          questions: [
            { text: 'Rate us', type: 'rating' },
            { id: 'liked', text: 'What did you like?', type: 'multiple_choice', options: ['Staff', 'Price', 'Music'], required: false },
          ],
        },
      });
      expect(poll.questions.map((q) => q.id)).toEqual(['q1', 'liked']);
      expect(await failureOf(send(MarketingPatterns.createPoll, tenantId, { input: { title: 'Empty', questions: [] } }))).toMatchObject({ status: 400 });
      const bad = await failureOf(send(MarketingPatterns.respondPoll, tenantId, { id: poll.id, input: { customerId: ann.id, answers: { q1: 9, liked: ['Food'] } } }));
      expect(Object.keys((bad.details as { errors: object }).errors).sort()).toEqual(['answers.liked', 'answers.q1']);

      await send(MarketingPatterns.respondPoll, tenantId, { id: poll.id, input: { customerId: ann.id, answers: { q1: 5, liked: ['Staff', 'Music'] } } });
      await send(MarketingPatterns.respondPoll, tenantId, { id: poll.id, input: { customerId: bob.id, answers: { q1: 2 } } });
      expect(await failureOf(send(MarketingPatterns.respondPoll, tenantId, { id: poll.id, input: { customerId: ann.id, answers: { q1: 1 } } }))).toMatchObject({
        status: 409,
        code: 'poll_already_answered',
      });
      const results = await send<PollResultsView>(MarketingPatterns.pollResults, tenantId, { id: poll.id });
      expect(results).toEqual({
        pollId: poll.id,
        responses: 2,
        questions: [
          { id: 'q1', text: 'Rate us', type: 'rating', answered: 2, average: 3.5 },
          { id: 'liked', text: 'What did you like?', type: 'multiple_choice', answered: 1, options: { Staff: 1, Price: 0, Music: 1 } },
        ],
      });
      const tab = await send<Page<CustomerPollView>>(MarketingPatterns.customerPolls, tenantId, { customerId: ann.id });
      expect(tab.items).toEqual([
        expect.objectContaining({
          pollId: poll.id,
          title: 'How was your visit?',
          answers: [
            { questionId: 'q1', question: 'Rate us', answer: 5 },
            { questionId: 'liked', question: 'What did you like?', answer: ['Staff', 'Music'] },
          ],
        }),
      ]);
      expect(await failureOf(send(MarketingPatterns.pollResults, aTenant(), { id: poll.id }))).toMatchObject({ status: 404, code: 'poll_not_found' });
    });

    it('redeems a code once under twenty concurrent attempts, and refuses codes never issued', async () => {
      const tenantId = aTenant();
      const c = await aKnownCustomer(tenantId);
      const pool = await send<PromoCodePoolView>(MarketingPatterns.createPool, tenantId, { input: { name: 'Welcome', generate: { count: 50, prefix: 'WELCOME-', length: 8 } } });
      expect(pool.counts).toEqual({ total: 50, issued: 0, redeemed: 0, available: 50 });
      const issued = await send<{ code: string; reissued: boolean }>(MarketingPatterns.issueCode, tenantId, { id: pool.id, input: { customerId: c.id, campaign: 'Welcome' } });
      expect(issued.code).toMatch(/^WELCOME-[A-Z2-9]{8}$/);
      const again = await send<{ code: string; reissued: boolean }>(MarketingPatterns.issueCode, tenantId, { id: pool.id, input: { customerId: c.id, campaign: 'Welcome' } });
      expect(again).toMatchObject({ code: issued.code, reissued: true });

      const attempts = await Promise.allSettled(Array.from({ length: 20 }, () => send(MarketingPatterns.redeemCode, tenantId, { code: issued.code, input: { customerId: c.id } })));
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      expect(attempts.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason.body.code)).toEqual(Array(19).fill('promo_code_already_redeemed'));
      const redeemedEvents = await query(db(), `SELECT 1 FROM outbox_events WHERE type = $1 AND envelope->'data'->>'code' = $2`, [MarketingEvents.promoCodeRedeemed, issued.code]);
      expect(redeemedEvents).toHaveLength(1);

      const [free] = await query<{ code: string }>(db(), `SELECT code FROM promo_codes WHERE tenant_id = $1 AND issued_at IS NULL LIMIT 1`, [tenantId]);
      expect(await failureOf(send(MarketingPatterns.redeemCode, tenantId, { code: free.code, input: {} }))).toMatchObject({ status: 422, code: 'promo_code_not_issued' });
      expect(await failureOf(send(MarketingPatterns.redeemCode, tenantId, { code: 'NO-SUCH-CODE', input: {} }))).toMatchObject({ status: 404, code: 'promo_code_not_found' });
      expect(await failureOf(send(MarketingPatterns.redeemCode, aTenant(), { code: issued.code, input: {} }))).toMatchObject({ status: 404 });
      expect(await failureOf(send(MarketingPatterns.createPool, tenantId, { input: { name: 'Dup', codes: [free.code] } }))).toMatchObject({ status: 409, code: 'promo_code_exists' });
    });

    it('issues every free code exactly once under concurrent issues to different customers', async () => {
      const tenantId = aTenant();
      const pool = await send<PromoCodePoolView>(MarketingPatterns.createPool, tenantId, { input: { name: 'Few', codes: ['ONE-1', 'TWO-2', 'THREE-3'] } });
      const customers = [];
      for (let i = 0; i < 6; i++) customers.push(await aKnownCustomer(tenantId));
      const results = await Promise.allSettled(customers.map((c) => send<{ code: string }>(MarketingPatterns.issueCode, tenantId, { id: pool.id, input: { customerId: c.id } })));
      const codes = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ code: string }>).value.code);
      expect(codes.sort()).toEqual(['ONE-1', 'THREE-3', 'TWO-2']);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.body.code)).toEqual(Array(3).fill('promo_codes_exhausted'));
    });
  });

  describe('profile summary, export and erasure', () => {
    it("gives the profile every segment and subscription in its summary and, from the same reads, each tab's first page", async () => {
      const tenantId = aTenant();
      for (const key of ['news', 'offers']) await send(MarketingPatterns.putCategory, tenantId, { key, input: { name: key } });
      const c = await aKnownCustomer(tenantId, { tags: ['vip'] });
      const segments: SegmentView[] = [];
      for (const name of ['Charlie', 'alpha', 'Bravo']) {
        segments.push(await send<SegmentView>(MarketingPatterns.createSegment, tenantId, { input: { name, rule: { all: [{ field: 'tags', op: 'contains', value: 'vip' }] } } }));
      }
      for (const segment of segments) await waitFor(async () => (await send<SegmentView>(MarketingPatterns.getSegment, tenantId, { id: segment.id })).memberCount === 1);

      const profile = await send<{ summary: MarketingCustomerSummary; tabs: Record<string, Page<unknown>> }>(MarketingPatterns.customerProfile, tenantId, {
        customerId: c.id,
        tabLimit: 2,
      });
      expect(profile.summary.segments.map((s) => s.name)).toEqual(['alpha', 'Bravo', 'Charlie']);
      expect(profile.summary.subscriptions).toHaveLength(6); // two categories × email, sms, push
      for (const [tab, pattern] of [
        ['segments', MarketingPatterns.customerSegments],
        ['subscriptions', MarketingPatterns.customerSubscriptions],
      ] as const) {
        const page = await send<Page<unknown>>(pattern, tenantId, { customerId: c.id, query: { limit: 2 } });
        expect(page.nextCursor).not.toBeNull();
        expect([tab, profile.tabs[tab]]).toEqual([tab, page]);
      }
    });

    it('answers the summary and the export, then erases everything on deletion', async () => {
      const tenantId = aTenant();
      await send(MarketingPatterns.putCategory, tenantId, { key: 'news', input: { name: 'Newsletter' } });
      const c = await aKnownCustomer(tenantId, { tags: ['vip'] });
      const segment = await send<SegmentView>(MarketingPatterns.createSegment, tenantId, { input: { name: 'VIP', rule: { all: [{ field: 'tags', op: 'contains', value: 'vip' }] } } });
      await send(MarketingPatterns.setSubscriptions, tenantId, { customerId: c.id, changes: [{ channel: 'email', category: 'news', subscribed: true }] });
      await send(MarketingPatterns.track, tenantId, {
        batch: true,
        events: [
          { customerId: c.id, type: 'category_view', category: 'Shoes' },
          { customerId: c.id, type: 'cart_add', product: { sku: 'S-1', name: 'Sneaker' } },
        ],
      });
      const poll = await send<PollView>(MarketingPatterns.createPoll, tenantId, { input: { title: 'Q', questions: [{ text: 'Say', type: 'text' }] } });
      await send(MarketingPatterns.respondPoll, tenantId, { id: poll.id, input: { customerId: c.id, answers: { q1: 'my secret' } } });
      const pool = await send<PromoCodePoolView>(MarketingPatterns.createPool, tenantId, { input: { name: 'P', codes: ['PERSONAL-1'] } });
      await send(MarketingPatterns.issueCode, tenantId, { id: pool.id, input: { customerId: c.id }, idempotencyKey: 'issue-personal-1' });
      expect(await query(db(), `SELECT 1 FROM idempotency_keys WHERE tenant_id = $1`, [tenantId])).toHaveLength(1);
      await waitFor(async () => (await send<SegmentView>(MarketingPatterns.getSegment, tenantId, { id: segment.id })).memberCount === 1);

      const summary = await send<MarketingCustomerSummary>(MarketingPatterns.customerSummary, tenantId, { customerId: c.id });
      expect(summary.segments).toEqual([{ id: segment.id, name: 'VIP' }]);
      expect(summary.subscriptions.filter((s) => s.subscribed)).toEqual([expect.objectContaining({ channel: 'email', category: 'news', eligible: true })]);
      expect(summary.interests.map((i) => i.category)).toEqual(['Shoes']);
      const exported = await send<MarketingCustomerExport>(MarketingPatterns.customerExport, tenantId, { customerId: c.id });
      expect(exported).toMatchObject({
        customerId: c.id,
        contact: { email: c.email, emailState: 'ok', phoneState: 'mobile' },
        subscriptions: [expect.objectContaining({ channel: 'email', category: 'news', subscribed: true })],
        segments: [expect.objectContaining({ id: segment.id })],
        promoCodes: [expect.objectContaining({ code: 'PERSONAL-1' })],
        polls: [expect.objectContaining({ answers: [expect.objectContaining({ answer: 'my secret' })] })],
        abandonedCart: [expect.objectContaining({ sku: 'S-1' })],
      });
      expect(exported.webActivity).toHaveLength(2);

      await publishEvent(client.connection, { type: CustomerEvents.deleted, tenantId, data: { customerId: c.id, emails: [c.email] } });
      await waitFor(async () => (await query(db(), `SELECT 1 FROM outbox_events WHERE type = 'marketing.customer.erased' AND envelope->'data'->>'customerId' = $1`, [c.id])).length);
      for (const table of ['subscriptions', 'segment_members', 'poll_responses', 'web_events', 'customer_interests', 'cart_items', 'promo_code_issues', 'push_messages', 'customer_cards']) {
        expect([table, await query(db(), `SELECT 1 FROM ${table} WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, c.id])]).toEqual([table, []]);
      }
      expect(await query(db(), `SELECT email, city, tags, consents FROM customer_facts WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, c.id])).toEqual([
        { email: null, city: null, tags: [], consents: {} },
      ]);
      expect(await query(db(), `SELECT customer_id FROM promo_codes WHERE tenant_id = $1`, [tenantId])).toEqual([{ customer_id: null }]);
      expect(await query(db(), `SELECT 1 FROM idempotency_keys WHERE tenant_id = $1`, [tenantId])).toHaveLength(0);
      expect(await failureOf(send(MarketingPatterns.customerSummary, tenantId, { customerId: c.id }))).toMatchObject({ status: 404, code: 'customer_not_found' });
    });
  });
});
