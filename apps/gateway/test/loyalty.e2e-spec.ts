import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@app/contracts';
import { query, signToken, TestSystem, waitFor } from '@app/testing';

/** The loyalty API end to end: gateway → NATS → loyalty (and customers for customer ids, settings and deletion). */
let system: TestSystem;
const tenant = `loy-${randomUUID().slice(0, 8)}`;
const as = (role: Role, t = tenant, extra: { cid?: string } = {}) => `Bearer ${signToken({ tenant: t, role, ...extra })}`;
const portal = (customerId: string) => `Bearer ${signToken({ tenant, role: 'viewer', cid: customerId })}`;
const api = () => request(system.gatewayUrl);
const loyaltyDb = (sql: string, params: unknown[] = []) => query(system.db('loyalty'), sql, params);

async function customer(): Promise<{ id: string }> {
  const res = await api().post('/v1/customers').set('Authorization', as('admin')).send({ firstName: 'Lou', lastName: 'Yal', email: `lou-${randomUUID().slice(0, 8)}@example.com` });
  expect(res.status).toBe(201);
  return res.body;
}

async function card(customerId: string, body: object = {}): Promise<any> {
  const res = await api().post('/v1/loyalty-cards').set('Authorization', as('staff')).send({ customerId, device: 'pwa', ...body });
  expect(res.status).toBe(201);
  return res.body;
}

const visits = (cardId: string, body: object, key?: string) => {
  const req = api().post(`/v1/loyalty-cards/${cardId}/visits`).set('Authorization', as('staff'));
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
};
const bonus = (cardId: string, body: object) => api().post(`/v1/loyalty-cards/${cardId}/bonus`).set('Authorization', as('staff')).send(body);
const tab = (customerId: string, name: string, q: object = {}, auth = as('viewer')) => api().get(`/v1/customers/${customerId}/${name}`).query(q).set('Authorization', auth);
const ledgerCount = async (cardId: string) => (await loyaltyDb(`SELECT count(*)::int AS n FROM ledger_entries WHERE tenant_id = $1 AND card_id = $2`, [tenant, cardId]))[0].n;

function expectProblem(res: request.Response, status: number, code: string) {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
}

beforeAll(async () => {
  system = await TestSystem.start({
    apps: ['customers', 'loyalty', 'gateway'],
    appEnv: { gateway: { RPC_TIMEOUT_MS: '15000' }, loyalty: { LOYALTY_RFM_REFRESH_MS: '300' } },
  });
});

afterAll(async () => {
  await system?.stop();
});

describe('cards and ledger (L1-L5, L10)', () => {
  it('issues a card, adds and uses visits and points, and shows it all in the tabs and the summary', async () => {
    const c = await customer();
    const issued = await card(c.id, { utm: { source: 'qr' }, expiresOn: '2099-01-01' });
    expect(issued).toMatchObject({ customerId: c.id, status: 'installed', device: 'pwa', utm: { source: 'qr' }, links: { setup: null, referral: null } });

    const added = await visits(issued.id, { operation: 'add', value: 10, purchaseAmount: 4990, comment: 'ten-pack' });
    expect(added.status).toBe(201);
    expect(added.body.card).toMatchObject({ visitsSold: 10, visitsAvailable: 10, ltv: 4990 });
    const used = await visits(issued.id, { operation: 'subtract', value: 2 });
    expect(used.body.card).toMatchObject({ visitsAvailable: 8, visitsRedeemed: 2, totalVisits: 2 });
    const points = await bonus(issued.id, { operation: 'add', value: 120, expiresAt: new Date(Date.now() + 10 * 86_400_000).toISOString() });
    expect(points.status).toBe(201);
    expect((await bonus(issued.id, { operation: 'subtract', value: 20 })).body.card).toMatchObject({ bonusBalance: 100, bonusPendingDeactivation: 100, nextDeactivationAmount: 100 });

    const cards = await tab(c.id, 'loyalty-card');
    expect(cards.status).toBe(200);
    expect(cards.body.items.map((x: { id: string }) => x.id)).toEqual([issued.id]);
    const ledger = await tab(c.id, 'loyalty-ledger', { limit: 3 });
    expect(ledger.body.items.map((e: { kind: string; operation: string }) => `${e.kind}:${e.operation}`)).toEqual(['bonus:subtract', 'bonus:add', 'visits:subtract']);
    const rest = await tab(c.id, 'loyalty-ledger', { limit: 3, cursor: ledger.body.nextCursor });
    expect(rest.body).toEqual({ items: [expect.objectContaining({ comment: 'ten-pack', purchaseAmount: 4990 })], nextCursor: null });

    const summary = await tab(c.id, 'loyalty-summary');
    expect(summary.body).toMatchObject({
      card: { id: issued.id },
      visitsSold: 10,
      visitsAvailable: 8,
      visitsRedeemed: 2,
      totalVisits: 2,
      bonusBalance: 100,
      bonusPendingActivation: 0,
      bonusPendingDeactivation: 100,
      nextDeactivationAmount: 100,
      ltv: 4990,
      purchaseCount: 0,
      rfmSegment: null,
      averageRating: null,
    });
    const bySerial = await api().get(`/v1/loyalty-cards/by-serial/${issued.serialNumber}`).set('Authorization', as('viewer'));
    expect(bySerial.body.id).toBe(issued.id);
  });

  it('builds personal links from the tenant’s public URL, and null without one', async () => {
    const t = `loy-links-${randomUUID().slice(0, 6)}`;
    const c = await api().post('/v1/customers').set('Authorization', as('admin', t)).send({ firstName: 'Link' });
    const issued = await api().post('/v1/loyalty-cards').set('Authorization', as('staff', t)).send({ customerId: c.body.id });
    expect(issued.body.links).toEqual({ setup: null, referral: null });
    expect((await api().patch('/v1/settings').set('Authorization', as('owner', t)).send({ publicUrl: 'https://club.example.com' })).status).toBe(200);
    const links = await waitFor(async () => {
      const res = await api().get(`/v1/loyalty-cards/${issued.body.id}`).set('Authorization', as('viewer', t));
      return res.body.links.setup ? res.body.links : null;
    }, 15_000, 'links');
    expect(links).toEqual({ setup: `https://club.example.com/card/${issued.body.serialNumber}`, referral: `https://club.example.com/join?ref=${issued.body.inviteCode}` });
  });

  it('answers every bad input with its own 4xx problem and writes nothing', async () => {
    const c = await customer();
    const issued = await card(c.id);
    await visits(issued.id, { operation: 'add', value: 3 });
    await bonus(issued.id, { operation: 'add', value: 5 });
    const before = await ledgerCount(issued.id);

    expectProblem(await visits(issued.id, { operation: 'subtract', value: 4 }), 422, 'insufficient_visits');
    expectProblem(await bonus(issued.id, { operation: 'subtract', value: 6 }), 422, 'insufficient_bonus');
    for (const value of [-1, 0]) {
      const res = await visits(issued.id, { operation: 'add', value });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toHaveProperty('value');
    }
    const fractional = await bonus(issued.id, { operation: 'add', value: 2.5 });
    expectProblem(fractional, 400, 'validation_failed');
    expect(fractional.body.errors).toHaveProperty('value');
    expectProblem(await visits(randomUUID(), { operation: 'add', value: 1 }), 404, 'card_not_found');
    expectProblem(await visits('not-a-uuid', { operation: 'add', value: 1 }), 400, 'validation_failed');
    expectProblem(await bonus(issued.id, { operation: 'add', value: 1, activatesAt: '2030-01-02T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' }), 400, 'validation_failed');
    expectProblem(await visits(issued.id, { operation: 'add', value: 1, purchaseAmount: 100, currency: 'usd' }), 400, 'validation_failed');
    expect(await ledgerCount(issued.id)).toBe(before);
    const unchanged = await api().get(`/v1/loyalty-cards/${issued.id}`).set('Authorization', as('viewer'));
    expect(unchanged.body).toMatchObject({ visitsAvailable: 3, bonusBalance: 5 });

    // Expiry before the issue date, on issue and on change.
    const other = await customer();
    expectProblem(await api().post('/v1/loyalty-cards').set('Authorization', as('staff')).send({ customerId: other.id, issuedOn: '2025-05-01', expiresOn: '2025-04-30' }), 422, 'expiry_before_issue');
    expectProblem(await api().patch(`/v1/loyalty-cards/${issued.id}`).set('Authorization', as('staff')).send({ expiresOn: '2000-01-01' }), 422, 'expiry_before_issue');
    expectProblem(await api().post('/v1/loyalty-cards').set('Authorization', as('staff')).send({ customerId: randomUUID() }), 404, 'customer_not_found');
    expectProblem(await api().post('/v1/loyalty-cards').set('Authorization', as('staff')).send({ customerId: c.id }), 409, 'card_exists');
    expect(await loyaltyDb(`SELECT 1 FROM loyalty_cards WHERE tenant_id = $1 AND customer_id = $2`, [tenant, other.id])).toHaveLength(0);

    // A deleted card's operations.
    expect((await api().patch(`/v1/loyalty-cards/${issued.id}`).set('Authorization', as('staff')).send({ status: 'deleted' })).body.status).toBe('deleted');
    expectProblem(await visits(issued.id, { operation: 'add', value: 1 }), 409, 'card_deleted');
    expectProblem(await bonus(issued.id, { operation: 'subtract', value: 1 }), 409, 'card_deleted');
    expectProblem(await api().patch(`/v1/loyalty-cards/${issued.id}`).set('Authorization', as('staff')).send({ status: 'installed' }), 409, 'card_deleted');
    expect(await ledgerCount(issued.id)).toBe(before);

    // Roles and tenants.
    expectProblem(await api().post('/v1/loyalty-cards').set('Authorization', as('viewer')).send({ customerId: other.id }), 403, 'forbidden');
    expectProblem(await api().get(`/v1/loyalty-cards/${issued.id}`).set('Authorization', as('admin', 'someone-else')), 404, 'card_not_found');
    expectProblem(await tab(c.id, 'loyalty-ledger', {}, as('admin', 'someone-else')), 404, 'customer_not_found');
  });

  it('applies a repeated Idempotency-Key once and refuses it with another body', async () => {
    const issued = await card((await customer()).id);
    const key = `pos-7-${randomUUID()}`;
    const first = await visits(issued.id, { operation: 'add', value: 4 }, key);
    const again = await visits(issued.id, { operation: 'add', value: 4 }, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await ledgerCount(issued.id)).toBe(1);
    expectProblem(await visits(issued.id, { operation: 'add', value: 5 }, key), 422, 'idempotency_key_reused');
    expectProblem(await visits(issued.id, { operation: 'add', value: 5 }, 'bad key'), 400, 'validation_failed');
    expect((await api().get(`/v1/loyalty-cards/${issued.id}`).set('Authorization', as('viewer'))).body.visitsAvailable).toBe(4);
  });

  it('never overdraws under 200 concurrent subtractions through the gateway', async () => {
    const issued = await card((await customer()).id);
    await visits(issued.id, { operation: 'add', value: 23 });
    const answers = await Promise.all(Array.from({ length: 200 }, () => visits(issued.id, { operation: 'subtract', value: 1 })));
    const byStatus = answers.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 201: 23, 422: 177 });
    expect(new Set(answers.filter((r) => r.status === 422).map((r) => r.body.code))).toEqual(new Set(['insufficient_visits']));
    const after = await api().get(`/v1/loyalty-cards/${issued.id}`).set('Authorization', as('viewer'));
    expect(after.body).toMatchObject({ visitsAvailable: 0, visitsRedeemed: 23 });
    expect(await ledgerCount(issued.id)).toBe(24);
  });
});

it('documents the loyalty routes in the OpenAPI document', async () => {
  const res = await api().get('/docs-json');
  expect(res.status).toBe(200);
  for (const path of [
    '/v1/loyalty-cards',
    '/v1/loyalty-cards/{id}',
    '/v1/loyalty-cards/{id}/visits',
    '/v1/loyalty-cards/{id}/bonus',
    '/v1/purchases',
    '/v1/feedback',
    '/v1/customers/{id}/loyalty-card',
    '/v1/customers/{id}/loyalty-ledger',
    '/v1/customers/{id}/receipts',
    '/v1/customers/{id}/orders',
    '/v1/customers/{id}/sales-summary',
    '/v1/customers/{id}/stores',
    '/v1/customers/{id}/feedback',
  ]) {
    expect(res.body.paths).toHaveProperty([path]);
  }
  expect(res.body.paths['/v1/loyalty-cards/{id}/visits'].post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
});

describe('purchases and metrics (L6, L7)', () => {
  const receipt = (customerId: string, body: object = {}) =>
    api()
      .post('/v1/purchases')
      .set('Authorization', as('staff'))
      .send({
        customerId,
        kind: 'receipt',
        number: `R-${randomUUID().slice(0, 8)}`,
        storeId: 'hh-1',
        storeName: 'Hamburg',
        occurredAt: '2025-04-02T10:00:00Z',
        status: 'completed',
        lines: [{ sku: 'TEA', name: 'Green tea', category: 'tea', quantity: 3, price: 450 }],
        ...body,
      });

  it('records receipts and orders and shows them in the tabs, with metrics kept current', async () => {
    const c = await customer();
    const first = await receipt(c.id, { number: 'R-100', deliveryCost: 300, attributes: { payment: 'cash' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ total: 1650, itemCount: 3, counted: true, currency: 'EUR' });
    const second = await receipt(c.id, { number: 'R-101', occurredAt: '2025-04-20T10:00:00Z', storeId: 'hh-2', storeName: 'Altona' });
    const order = await api()
      .post('/v1/purchases')
      .set('Authorization', as('staff'))
      .send({ customerId: c.id, kind: 'order', number: 'PO-1', occurredAt: '2025-02-01T09:00:00Z', status: 'booked', brand: 'Acme', season: 'Fall', year: 2025, lines: [{ sku: 'X', name: 'Crate', quantity: 1, price: 10000 }] });
    expect(order.status).toBe(201);

    const detail = await api().get(`/v1/purchases/${first.body.id}`).set('Authorization', as('viewer'));
    expect(detail.body).toMatchObject({ number: 'R-100', attributes: { payment: 'cash' }, lines: [{ sku: 'TEA', quantity: 3, price: 450, amount: 1350 }] });
    expect((await tab(c.id, 'receipts')).body.items.map((r: { number: string }) => r.number)).toEqual(['R-101', 'R-100']);
    expect((await tab(c.id, 'orders')).body.items.map((r: { number: string }) => r.number)).toEqual(['PO-1']);
    expect((await tab(c.id, 'stores')).body.items.map((s: { storeId: string; purchaseCount: number }) => [s.storeId, s.purchaseCount])).toEqual([
      ['hh-1', 1],
      ['hh-2', 1],
    ]);
    expect((await tab(c.id, 'sales-summary', { year: 2025 })).body.items).toEqual([
      { year: 2025, currency: 'EUR', active: 0, booked: 10000, cancelled: 0, shipped: 0, completed: 1650 + 1350, returned: 0, total: 13000, purchaseCount: 3 },
    ]);
    const summary = (await tab(c.id, 'loyalty-summary')).body;
    expect(summary).toMatchObject({
      purchaseCount: 3,
      purchaseTotal: 13000,
      averagePurchase: 4333,
      averageItems: 2.33,
      lastPurchaseTotal: 1350,
      firstPurchaseAt: '2025-02-01T09:00:00.000Z',
      lastPurchaseAt: '2025-04-20T10:00:00.000Z',
    });
    expect(summary.rfmSegment).toEqual(expect.any(String));

    const returned = await api().patch(`/v1/purchases/${second.body.id}`).set('Authorization', as('staff')).send({ status: 'returned' });
    expect(returned.body).toMatchObject({ status: 'returned', counted: false });
    expect((await tab(c.id, 'loyalty-summary')).body).toMatchObject({ purchaseCount: 2, purchaseTotal: 11650, lastPurchaseAt: '2025-04-02T10:00:00.000Z' });
  });

  it('refuses bad purchases with their own codes and records a repeated key once', async () => {
    const c = await customer();
    const key = `till-${randomUUID()}`;
    const body = { customerId: c.id, kind: 'receipt', number: 'R-1', occurredAt: '2025-04-02T10:00:00Z', status: 'completed', lines: [{ sku: 'A', name: 'A', quantity: 1, price: 100 }] };
    const first = await api().post('/v1/purchases').set('Authorization', as('staff')).set('Idempotency-Key', key).send(body);
    const again = await api().post('/v1/purchases').set('Authorization', as('staff')).set('Idempotency-Key', key).send(body);
    expect(again.body).toEqual(first.body);
    expectProblem(await api().post('/v1/purchases').set('Authorization', as('staff')).send(body), 409, 'purchase_exists');
    expectProblem(await receipt(c.id, { status: 'shipped' }), 400, 'validation_failed');
    expectProblem(await receipt(c.id, { lines: [] }), 400, 'validation_failed');
    expectProblem(await receipt(c.id, { lines: [{ sku: 'A', name: 'A', quantity: 0, price: 1 }] }), 400, 'validation_failed');
    expectProblem(await receipt(randomUUID()), 404, 'customer_not_found');
    expectProblem(await receipt(c.id, { currency: 'CHF' }), 422, 'currency_mismatch');
    expect((await loyaltyDb(`SELECT count(*)::int AS n FROM purchases WHERE tenant_id = $1 AND customer_id = $2`, [tenant, c.id]))[0].n).toBe(1);
  });
});

describe('feedback (L8)', () => {
  it('records ratings, filters them and averages them; ratings outside 1-5 are refused', async () => {
    const c = await customer();
    const post = (body: object) => api().post('/v1/feedback').set('Authorization', as('staff')).send({ customerId: c.id, ...body });
    expect((await post({ rating: 5, comment: 'Great', at: '2025-06-02T08:00:00Z' })).status).toBe(201);
    expect((await post({ rating: 3, at: '2025-06-03T08:00:00Z' })).status).toBe(201);
    expect((await post({ rating: 1, comment: 'Cold coffee', at: '2025-05-20T08:00:00Z' })).status).toBe(201);
    for (const rating of [0, 6, 4.5]) {
      const res = await post({ rating });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toHaveProperty('rating');
    }
    const week = await tab(c.id, 'feedback', { period: 'week', date: '2025-06-04' });
    expect(week.body).toMatchObject({ count: 2, averageRating: 4 });
    const commented = await tab(c.id, 'feedback', { withComments: 'true' });
    expect(commented.body.items.map((f: { rating: number }) => f.rating)).toEqual([5, 1]);
    const custom = await tab(c.id, 'feedback', { period: 'custom', from: '2025-05-01', to: '2025-05-31' });
    expect(custom.body.items.map((f: { rating: number }) => f.rating)).toEqual([1]);
    expectProblem(await tab(c.id, 'feedback', { period: 'custom', from: '2025-05-01' }), 400, 'validation_failed');
    expect((await tab(c.id, 'loyalty-summary')).body).toMatchObject({ averageRating: 3, feedbackCount: 3 });
  });

  it('lets a customer rate and read their own loyalty data with a portal token, and no one else’s', async () => {
    const [me, other] = [await customer(), await customer()];
    expect((await api().post('/v1/feedback').set('Authorization', portal(me.id)).send({ customerId: me.id, rating: 4 })).status).toBe(201);
    expectProblem(await api().post('/v1/feedback').set('Authorization', portal(me.id)).send({ customerId: other.id, rating: 1 }), 404, 'customer_not_found');
    expect((await tab(me.id, 'loyalty-summary', {}, portal(me.id))).body).toMatchObject({ averageRating: 4 });
    expectProblem(await tab(other.id, 'loyalty-summary', {}, portal(me.id)), 404, 'customer_not_found');
    expectProblem(await api().post('/v1/loyalty-cards').set('Authorization', portal(me.id)).send({ customerId: me.id }), 403, 'forbidden');
    expect(await loyaltyDb(`SELECT 1 FROM feedback WHERE tenant_id = $1 AND customer_id = $2`, [tenant, other.id])).toHaveLength(0);
  });
});

describe('customer deletion (L9, C18)', () => {
  it('is refused while a card is not deleted, then erases the customer’s loyalty data and keeps the figures', async () => {
    const c = await customer();
    const issued = await card(c.id);
    await visits(issued.id, { operation: 'add', value: 2, purchaseAmount: 800, comment: 'Call me Lou' });
    expectProblem(await api().delete(`/v1/customers/${c.id}`).set('Authorization', as('admin')), 409, 'active_loyalty_card');
    expect((await api().patch(`/v1/loyalty-cards/${issued.id}`).set('Authorization', as('staff')).send({ status: 'deleted' })).status).toBe(200);
    expect((await api().delete(`/v1/customers/${c.id}`).set('Authorization', as('admin'))).status).toBe(202);
    await waitFor(async () => (await loyaltyDb(`SELECT 1 FROM ledger_entries WHERE tenant_id = $1 AND card_id = $2 AND comment IS NULL`, [tenant, issued.id])).length === 1, 15_000, 'erasure');
    const [row] = await loyaltyDb(`SELECT visits_sold, ltv, invite_code FROM loyalty_cards WHERE tenant_id = $1 AND id = $2`, [tenant, issued.id]);
    expect(row).toEqual({ visits_sold: '2', ltv: '800', invite_code: null });
    expectProblem(await tab(c.id, 'loyalty-card'), 404, 'customer_not_found');
  });
});
