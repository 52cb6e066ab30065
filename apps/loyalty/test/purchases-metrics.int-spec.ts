import { randomUUID } from 'node:crypto';
import {
  ErrorCodes,
  LoyaltyEvents,
  LoyaltyPatterns,
  type CustomerView,
  type LoyaltySummary,
  type Page,
  type PurchaseListItem,
  type PurchaseView,
  type SalesYearView,
  type StoreView,
} from '@app/contracts';
import { failureOf, waitFor } from '@app/testing';
import { aTenant, LoyaltyKit } from './loyalty-test-kit';

/** Purchases (L6), metrics kept current as they arrive (L5, L7) and RFM within the tenant, over NATS. */
describe('loyalty purchases and metrics', () => {
  let kit: LoyaltyKit;

  beforeAll(async () => {
    kit = await LoyaltyKit.start();
  });

  afterAll(() => kit?.stop());

  const daysAgo = (days: number, hour = 12) => {
    const d = new Date(Date.now() - days * 86_400_000);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  const summary = (tenantId: string, customerId: string) => kit.send<LoyaltySummary>(LoyaltyPatterns.summary, tenantId, { customerId });
  const line = (price: number, quantity = 1, sku = 'SKU') => ({ sku, name: `Item ${sku}`, category: 'misc', quantity, price });

  it('records a receipt with lines and attributes, and publishes it with the customer’s new figures', async () => {
    const tenantId = aTenant();
    const customer = await kit.customer(tenantId);
    const receipt = await kit.purchase(tenantId, customer.id, {
      number: 'R-1001',
      occurredAt: daysAgo(3),
      deliveryCost: 490,
      attributes: { payment: 'card', cashier: 'Lea' },
      lines: [line(1250, 2, 'A'), line(399, 1, 'B')],
    });
    expect(receipt).toMatchObject({
      kind: 'receipt',
      number: 'R-1001',
      status: 'completed',
      counted: true,
      currency: 'EUR',
      deliveryCost: 490,
      total: 2 * 1250 + 399 + 490,
      itemCount: 3,
      attributes: { payment: 'card', cashier: 'Lea' },
    });
    expect(receipt.lines).toEqual([
      { sku: 'A', name: 'Item A', category: 'misc', quantity: 2, price: 1250, amount: 2500 },
      { sku: 'B', name: 'Item B', category: 'misc', quantity: 1, price: 399, amount: 399 },
    ]);
    expect(await kit.send<PurchaseView>(LoyaltyPatterns.getPurchase, tenantId, { id: receipt.id })).toEqual(receipt);

    const [recorded] = await kit.events(tenantId, LoyaltyEvents.purchaseRecorded);
    expect(recorded.data.purchase).toMatchObject({ id: receipt.id, total: 3389, itemCount: 3, lines: [expect.objectContaining({ sku: 'A', price: 1250 }), expect.anything()] });
    const [metrics] = await kit.events(tenantId, LoyaltyEvents.metricsChanged);
    expect(metrics.data).toMatchObject({ customerId: customer.id, metrics: { purchaseCount: 1, purchaseTotal: 3389, averagePurchase: 3389, lastPurchaseAt: receipt.occurredAt } });
  });

  it('keeps count, total, averages, first and last purchase current as purchases arrive, late ones included', async () => {
    const tenantId = aTenant();
    const customer = await kit.customer(tenantId);
    await kit.purchase(tenantId, customer.id, { occurredAt: daysAgo(10), storeId: 's1', storeName: 'Mitte', lines: [line(1000, 2)] });
    const last = await kit.purchase(tenantId, customer.id, { occurredAt: daysAgo(2), storeId: 's2', storeName: 'Kreuzberg', lines: [line(3000, 1)] });
    // Arrives last, happened first.
    const first = await kit.purchase(tenantId, customer.id, { occurredAt: daysAgo(30), storeId: 's1', storeName: 'Mitte (new name)', lines: [line(500, 4)] });
    const s = await summary(tenantId, customer.id);
    expect(s).toMatchObject({
      purchaseCount: 3,
      purchaseTotal: 2000 + 3000 + 2000,
      averagePurchase: 2333,
      averageItems: 2.33,
      lastPurchaseTotal: 3000,
      firstPurchaseAt: first.occurredAt,
      lastPurchaseAt: last.occurredAt,
      daysSinceFirstPurchase: 30,
      daysSinceLastPurchase: 2,
      currency: 'EUR',
      card: null,
      visitsAvailable: 0,
      bonusBalance: 0,
    });
    expect(s.rfmSegment).toEqual(expect.any(String));
    const stores = await kit.send<Page<StoreView>>(LoyaltyPatterns.listStores, tenantId, { customerId: customer.id, query: {} });
    expect(stores.items).toEqual([
      { storeId: 's1', storeName: 'Mitte', purchaseCount: 2, purchaseTotal: 4000, lastPurchaseAt: daysAgo(10) },
      { storeId: 's2', storeName: 'Kreuzberg', purchaseCount: 1, purchaseTotal: 3000, lastPurchaseAt: last.occurredAt },
    ]);
  });

  it('takes a returned receipt out of the metrics and stores, and moves it in the sales summary', async () => {
    const tenantId = aTenant();
    const customer = await kit.customer(tenantId);
    const older = await kit.purchase(tenantId, customer.id, { occurredAt: '2025-03-10T12:00:00.000Z', storeId: 's1', lines: [line(1000)] });
    const newer = await kit.purchase(tenantId, customer.id, { occurredAt: '2025-03-14T12:00:00.000Z', storeId: 's2', lines: [line(4000, 2)] });
    const returned = await kit.send<PurchaseView>(LoyaltyPatterns.updatePurchase, tenantId, { id: newer.id, input: { status: 'returned' } });
    expect(returned).toMatchObject({ status: 'returned', counted: false });
    expect(await summary(tenantId, customer.id)).toMatchObject({
      purchaseCount: 1,
      purchaseTotal: 1000,
      averageItems: 1,
      lastPurchaseAt: older.occurredAt,
      lastPurchaseTotal: 1000,
    });
    const stores = await kit.send<Page<StoreView>>(LoyaltyPatterns.listStores, tenantId, { customerId: customer.id, query: {} });
    expect(stores.items.map((s) => s.storeId)).toEqual(['s1']);
    const sales = await kit.send<Page<SalesYearView>>(LoyaltyPatterns.salesSummary, tenantId, { customerId: customer.id, query: { year: 2025 } });
    expect(sales.items).toEqual([
      { year: 2025, currency: 'EUR', active: 0, booked: 0, cancelled: 0, shipped: 0, completed: 1000, returned: 8000, total: 1000, purchaseCount: 1 },
    ]);
    const changed = await kit.events(tenantId, LoyaltyEvents.purchaseChanged);
    expect(changed.map((e) => [e.data.purchase.id, e.data.changed])).toEqual([[newer.id, ['status']]]);
    const metrics = await kit.events(tenantId, LoyaltyEvents.metricsChanged);
    expect(metrics[metrics.length - 1].data.metrics).toMatchObject({ purchaseCount: 1, purchaseTotal: 1000 });

    // Back to completed: it counts again.
    await kit.send(LoyaltyPatterns.updatePurchase, tenantId, { id: newer.id, input: { status: 'completed' } });
    expect(await summary(tenantId, customer.id)).toMatchObject({ purchaseCount: 2, purchaseTotal: 9000, lastPurchaseAt: newer.occurredAt, lastPurchaseTotal: 8000 });
  });

  it('sums orders by year and status for the sales summary; cancelled orders do not count as purchases', async () => {
    const tenantId = aTenant();
    const customer = await kit.customer(tenantId);
    const order = (status: string, year: number, price: number) =>
      kit.purchase(tenantId, customer.id, { kind: 'order', number: `PO-${randomUUID().slice(0, 6)}`, status, brand: 'Acme', season: 'Spring', year, lines: [line(price)] });
    await order('active', 2026, 1000);
    await order('booked', 2026, 2000);
    const cancelled = await order('cancelled', 2026, 4000);
    await order('shipped', 2025, 8000);
    const sales = await kit.send<Page<SalesYearView>>(LoyaltyPatterns.salesSummary, tenantId, { customerId: customer.id, query: {} });
    expect(sales.items).toEqual([
      { year: 2026, currency: 'EUR', active: 1000, booked: 2000, cancelled: 4000, shipped: 0, completed: 0, returned: 0, total: 3000, purchaseCount: 2 },
      { year: 2025, currency: 'EUR', active: 0, booked: 0, cancelled: 0, shipped: 8000, completed: 0, returned: 0, total: 8000, purchaseCount: 1 },
    ]);
    const paged = await kit.send<Page<SalesYearView>>(LoyaltyPatterns.salesSummary, tenantId, { customerId: customer.id, query: { limit: 1 } });
    expect(paged.items.map((y) => y.year)).toEqual([2026]);
    const rest = await kit.send<Page<SalesYearView>>(LoyaltyPatterns.salesSummary, tenantId, { customerId: customer.id, query: { limit: 1, cursor: paged.nextCursor } });
    expect(rest.items.map((y) => y.year)).toEqual([2025]);
    expect(await summary(tenantId, customer.id)).toMatchObject({ purchaseCount: 3, purchaseTotal: 11000 });

    await kit.send(LoyaltyPatterns.updatePurchase, tenantId, { id: cancelled.id, input: { status: 'shipped' } });
    const after = await kit.send<Page<SalesYearView>>(LoyaltyPatterns.salesSummary, tenantId, { customerId: customer.id, query: { year: 2026 } });
    expect(after.items[0]).toMatchObject({ cancelled: 0, shipped: 4000, total: 7000, purchaseCount: 3 });
    expect(await failureOf(kit.send(LoyaltyPatterns.updatePurchase, tenantId, { id: cancelled.id, input: { status: 'returned' } }))).toMatchObject({
      status: 400,
      details: { errors: { status: expect.any(Array) } },
    });

    const orders = await kit.send<Page<PurchaseListItem>>(LoyaltyPatterns.listOrders, tenantId, { customerId: customer.id, query: { status: 'shipped' } });
    expect(orders.items).toHaveLength(2);
    expect(orders.items.every((o) => o.kind === 'order' && o.brand === 'Acme')).toBe(true);
    const receipts = await kit.send<Page<PurchaseListItem>>(LoyaltyPatterns.listReceipts, tenantId, { customerId: customer.id, query: {} });
    expect(receipts.items).toEqual([]);
  });

  it('pages receipts newest first', async () => {
    const tenantId = aTenant();
    const customer = await kit.customer(tenantId);
    for (const d of [4, 1, 3, 2]) await kit.purchase(tenantId, customer.id, { number: `R-${d}`, occurredAt: daysAgo(d) });
    const first = await kit.send<Page<PurchaseListItem>>(LoyaltyPatterns.listReceipts, tenantId, { customerId: customer.id, query: { limit: 3 } });
    expect(first.items.map((r) => r.number)).toEqual(['R-1', 'R-2', 'R-3']);
    const second = await kit.send<Page<PurchaseListItem>>(LoyaltyPatterns.listReceipts, tenantId, { customerId: customer.id, query: { limit: 3, cursor: first.nextCursor } });
    expect(second.items.map((r) => r.number)).toEqual(['R-4']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a duplicate number, an unknown customer, a status of the other kind and another currency, writing nothing', async () => {
    const tenantId = aTenant();
    const customer = await kit.customer(tenantId);
    await kit.purchase(tenantId, customer.id, { number: 'R-7' });
    expect(await failureOf(kit.purchase(tenantId, customer.id, { number: 'R-7' }))).toMatchObject({ status: 409, code: 'purchase_exists' });
    // The same number as an order is another document.
    await kit.purchase(tenantId, customer.id, { number: 'R-7', kind: 'order', status: 'booked' });
    expect(await failureOf(kit.purchase(tenantId, randomUUID()))).toMatchObject({ status: 404, code: ErrorCodes.customerNotFound });
    expect(await failureOf(kit.purchase(tenantId, customer.id, { status: 'shipped' }))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await failureOf(kit.purchase(tenantId, customer.id, { currency: 'USD' }))).toMatchObject({ status: 422, code: 'currency_mismatch' });
    expect(await failureOf(kit.purchase(tenantId, customer.id, { lines: [line(-1)] }))).toMatchObject({ status: 400 });
    const [counts] = await kit.db(
      `SELECT (SELECT count(*)::int FROM purchases WHERE tenant_id = $1) AS purchases, (SELECT count(*)::int FROM purchase_lines WHERE tenant_id = $1) AS lines`,
      [tenantId],
    );
    expect(counts).toEqual({ purchases: 2, lines: 2 });
    expect(await summary(tenantId, customer.id)).toMatchObject({ purchaseCount: 2 });
  });

  it('records a purchase once for a repeated Idempotency-Key', async () => {
    const tenantId = aTenant();
    const customer = await kit.customer(tenantId);
    const input = { customerId: customer.id, kind: 'receipt', number: 'R-1', occurredAt: daysAgo(1), status: 'completed', lines: [line(100)] };
    const first = await kit.send<PurchaseView>(LoyaltyPatterns.recordPurchase, tenantId, { input, idempotencyKey: 'till-7:R-1' });
    const again = await kit.send<PurchaseView>(LoyaltyPatterns.recordPurchase, tenantId, { input, idempotencyKey: 'till-7:R-1' });
    expect(again).toEqual(first);
    expect(await summary(tenantId, customer.id)).toMatchObject({ purchaseCount: 1, purchaseTotal: 100 });
  });

  it('scores RFM within the tenant from quintile cut points and names the documented segments', async () => {
    const tenantId = aTenant();
    // recency (days ago), number of purchases and total per customer
    const plan = [
      { days: 200, count: 1, total: 1000, segment: 'lost', score: '121' },
      { days: 100, count: 1, total: 2000, segment: 'hibernating', score: '222' },
      { days: 50, count: 2, total: 3000, segment: 'need_attention', score: '333' },
      { days: 10, count: 3, total: 4200, segment: 'loyal_customers', score: '444' },
      { days: 1, count: 5, total: 10000, segment: 'champions', score: '555' },
    ];
    const customers: CustomerView[] = [];
    for (const p of plan) {
      const c = await kit.customer(tenantId);
      customers.push(c);
      for (let i = 0; i < p.count; i++) {
        await kit.purchase(tenantId, c.id, { occurredAt: daysAgo(p.days + (p.count - 1 - i)), lines: [line(p.total / p.count)] });
      }
    }
    // The refresher recomputes the cut points once these purchases are in, and rescores everyone.
    const scored = await waitFor(async () => {
      const [refreshed] = await kit.db(
        `SELECT (SELECT customers FROM rfm_thresholds WHERE tenant_id = $1) AS customers, (SELECT count(*)::int FROM rfm_refresh_queue WHERE tenant_id = $1) AS queued`,
        [tenantId],
      );
      if (refreshed.customers !== 5 || refreshed.queued !== 0) return null;
      const all = await Promise.all(customers.map((c) => summary(tenantId, c.id)));
      return all.every((s, i) => s.rfmSegment === plan[i].segment) ? all : null;
    }, 15_000, 'RFM segments');
    expect(scored.map((s) => s.rfmScore)).toEqual(plan.map((p) => p.score));
    const [thresholds] = await kit.db(`SELECT frequency, monetary, customers FROM rfm_thresholds WHERE tenant_id = $1`, [tenantId]);
    expect(thresholds).toEqual({ frequency: [1, 1, 2, 3], monetary: ['1000', '2000', '3000', '4200'], customers: 5 });
    const events = await kit.events(tenantId, LoyaltyEvents.metricsChanged);
    const lastOf = (customerId: string) => events.filter((e) => e.data.customerId === customerId).pop()!.data.metrics;
    expect(customers.map((c) => lastOf(c.id).rfmSegment)).toEqual(plan.map((p) => p.segment));

    // A newcomer is scored at once against the current cut points: today's big spender with one
    // purchase (frequency 1 sits on two cuts: score 2) is R5, FM round(3.5) = 4.
    const newcomer = await kit.customer(tenantId);
    await kit.purchase(tenantId, newcomer.id, { lines: [line(50_000)] });
    expect(await summary(tenantId, newcomer.id)).toMatchObject({ rfmScore: '525', rfmSegment: 'champions' });
  });
});
