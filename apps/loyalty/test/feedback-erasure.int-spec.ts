import {
  customerErasedEvent,
  CustomersPatterns,
  ErrorCodes,
  LoyaltyEvents,
  LoyaltyPatterns,
  type FeedbackPage,
  type FeedbackView,
  type LoyaltyExport,
  type LoyaltySummary,
} from '@app/contracts';
import { failureOf, waitFor } from '@app/testing';
import { admin, aTenant, LoyaltyKit } from './loyalty-test-kit';

/** Feedback (L8), the profile summary and export, and erasure on customer.deleted (C18), over NATS. */
describe('loyalty feedback, summary, export and erasure', () => {
  let kit: LoyaltyKit;

  beforeAll(async () => {
    kit = await LoyaltyKit.start();
  });

  afterAll(() => kit?.stop());

  const feedback = (tenantId: string, input: object, idempotencyKey?: string) => kit.send<FeedbackView>(LoyaltyPatterns.createFeedback, tenantId, { input, idempotencyKey });
  const list = (tenantId: string, customerId: string, query: object = {}) => kit.send<FeedbackPage>(LoyaltyPatterns.listFeedback, tenantId, { customerId, query });

  describe('feedback (L8)', () => {
    it('records ratings with comments, keeps the average and publishes both', async () => {
      const tenantId = aTenant();
      const customer = await kit.customer(tenantId);
      const five = await feedback(tenantId, { customerId: customer.id, rating: 5, comment: 'Lovely staff' });
      expect(five).toMatchObject({ customerId: customer.id, rating: 5, comment: 'Lovely staff' });
      await feedback(tenantId, { customerId: customer.id, rating: 2, comment: '  ' });
      await feedback(tenantId, { customerId: customer.id, rating: 4 });
      const summary = await kit.send<LoyaltySummary>(LoyaltyPatterns.summary, tenantId, { customerId: customer.id });
      expect(summary).toMatchObject({ averageRating: 3.67, feedbackCount: 3 });
      const received = await kit.events(tenantId, LoyaltyEvents.feedbackReceived);
      expect(received.map((e) => [e.data.rating, e.data.comment])).toEqual([
        [5, 'Lovely staff'],
        [2, null],
        [4, null],
      ]);
      const metrics = await kit.events(tenantId, LoyaltyEvents.metricsChanged);
      expect(metrics.map((e) => e.data.metrics.averageRating)).toEqual([5, 3.5, 3.67]);
      const page = await list(tenantId, customer.id, { withComments: 'true' });
      expect(page).toMatchObject({ count: 1, averageRating: 5, nextCursor: null });
      expect(page.items.map((f) => f.id)).toEqual([five.id]);
    });

    it('refuses ratings outside 1-5, fractions and unknown customers, writing nothing', async () => {
      const tenantId = aTenant();
      const customer = await kit.customer(tenantId);
      for (const rating of [0, 6, 3.5]) {
        expect(await failureOf(feedback(tenantId, { customerId: customer.id, rating }))).toMatchObject({ status: 400, details: { errors: { rating: expect.any(Array) } } });
      }
      expect(await failureOf(feedback(tenantId, { customerId: '00000000-0000-4000-8000-000000000000', rating: 3 }))).toMatchObject({
        status: 404,
        code: ErrorCodes.customerNotFound,
      });
      expect(await kit.db(`SELECT 1 FROM feedback WHERE tenant_id = $1`, [tenantId])).toHaveLength(0);
    });

    it('filters by day, week, month, year and custom periods in the tenant’s time zone, newest first with a cursor', async () => {
      const tenantId = aTenant();
      await kit.settings(tenantId, { timeZone: 'Europe/Berlin' });
      const customer = await kit.customer(tenantId);
      const at = ['2025-05-31T21:30:00Z', '2025-05-31T22:30:00Z', '2025-06-02T09:00:00Z', '2025-04-15T10:00:00Z', '2024-12-31T23:30:00Z'];
      for (const [i, when] of at.entries()) await feedback(tenantId, { customerId: customer.id, rating: 1 + i, at: when });
      const ratings = async (query: object) => (await list(tenantId, customer.id, query)).items.map((f) => f.rating);
      // 2025-05-31T22:30Z is already 1 June in Berlin; 2024-12-31T23:30Z is 1 January 2025.
      expect(await ratings({ period: 'day', date: '2025-06-01' })).toEqual([2]);
      expect(await ratings({ period: 'day', date: '2025-05-31' })).toEqual([1]);
      expect(await ratings({ period: 'week', date: '2025-06-01' })).toEqual([2, 1]); // Monday 26 May to Sunday 1 June
      expect(await ratings({ period: 'month', date: '2025-06-15' })).toEqual([3, 2]);
      expect(await ratings({ period: 'year', date: '2025-01-01' })).toEqual([3, 2, 1, 4, 5]);
      expect(await ratings({ period: 'custom', from: '2025-04-15', to: '2025-05-31' })).toEqual([1, 4]);
      const filtered = await list(tenantId, customer.id, { period: 'custom', from: '2025-04-01', to: '2025-06-30', limit: 2 });
      expect(filtered).toMatchObject({ count: 4, averageRating: 2.5 });
      const next = await list(tenantId, customer.id, { period: 'custom', from: '2025-04-01', to: '2025-06-30', limit: 2, cursor: filtered.nextCursor });
      expect(next.items.map((f) => f.rating)).toEqual([1, 4]);
      expect(next.nextCursor).toBeNull();
      expect(await failureOf(list(tenantId, customer.id, { period: 'custom', from: '2025-06-30', to: '2025-04-01' }))).toMatchObject({ status: 400 });
    });
  });

  describe('summary and export', () => {
    it('answers the profile figures under their API names, and everything loyalty holds as the export', async () => {
      const tenantId = aTenant();
      const customer = await kit.customer(tenantId);
      const card = await kit.card(tenantId, customer.id);
      await kit.visits(tenantId, card.id, { operation: 'add', value: 5, purchaseAmount: 2500 });
      await kit.visits(tenantId, card.id, { operation: 'subtract', value: 1 });
      await kit.bonus(tenantId, card.id, { operation: 'add', value: 70, expiresAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
      await kit.purchase(tenantId, customer.id, { number: 'R-1' });
      await feedback(tenantId, { customerId: customer.id, rating: 4, comment: 'ok' });
      const summary = await kit.send<LoyaltySummary>(LoyaltyPatterns.summary, tenantId, { customerId: customer.id });
      expect(summary).toMatchObject({
        customerId: customer.id,
        card: { id: card.id, serialNumber: card.serialNumber },
        visitsSold: 5,
        visitsAvailable: 4,
        visitsRedeemed: 1,
        totalVisits: 1,
        bonusBalance: 70,
        bonusPendingActivation: 0,
        bonusPendingDeactivation: 70,
        nextDeactivationAmount: 70,
        ltv: 2500,
        currency: 'EUR',
        purchaseCount: 1,
        purchaseTotal: 2000,
        averagePurchase: 2000,
        averageItems: 2,
        lastPurchaseTotal: 2000,
        rfmSegment: expect.any(String),
        averageRating: 4,
      });
      for (const name of ['nextDeactivationAt', 'firstPurchaseAt', 'lastPurchaseAt']) expect(summary).toHaveProperty(name, expect.any(String));

      const exported = await kit.send<LoyaltyExport>(LoyaltyPatterns.export, tenantId, { customerId: customer.id });
      expect(exported.summary).toEqual({ ...summary });
      expect(exported.cards.map((c) => c.id)).toEqual([card.id]);
      expect(exported.ledger.map((e) => [e.kind, e.operation, e.value])).toEqual([
        ['visits', 'add', 5],
        ['visits', 'subtract', 1],
        ['bonus', 'add', 70],
      ]);
      expect(exported.purchases.map((p) => [p.number, p.lines.length])).toEqual([['R-1', 1]]);
      expect(exported.stores).toHaveLength(1);
      expect(exported.sales).toHaveLength(1);
      expect(exported.feedback.map((f) => f.comment)).toEqual(['ok']);
    });

    it('answers 404 customer_not_found for another tenant’s customer', async () => {
      const tenantId = aTenant();
      const customer = await kit.customer(tenantId);
      expect(await failureOf(kit.send(LoyaltyPatterns.summary, aTenant(), { customerId: customer.id }))).toMatchObject({ status: 404, code: ErrorCodes.customerNotFound });
    });
  });

  describe('erasure on customer.deleted (C18)', () => {
    it('erases comments, codes, links and stored answers, deletes the cards and keeps the figures', async () => {
      const tenantId = aTenant();
      const [anna, ben] = [await kit.customer(tenantId), await kit.customer(tenantId)];
      const card = await kit.card(tenantId, anna.id, { referralCode: 'FRIEND-OF-X' });
      const benCard = await kit.card(tenantId, ben.id, { referralCode: card.inviteCode });
      await kit.visits(tenantId, card.id, { operation: 'add', value: 3, purchaseAmount: 900, comment: 'Anna prefers oat milk' }, 'erase-key-1');
      await kit.bonus(tenantId, card.id, { operation: 'add', value: 10, comment: 'birthday' });
      await kit.purchase(tenantId, anna.id, { number: 'R-9', attributes: { deliveryAddress: 'Hauptstr. 1' } });
      await feedback(tenantId, { customerId: anna.id, rating: 5, comment: 'Ask for Anna at the desk' });
      // Deleted while the card is active (the gateway would have refused; the event still wins).
      await kit.send(CustomersPatterns.delete, tenantId, { id: anna.id }, admin);

      await waitFor(async () => (await kit.events(tenantId, customerErasedEvent('loyalty'))).length > 0, 15_000, 'loyalty.customer.erased');
      const [erased] = await kit.events(tenantId, customerErasedEvent('loyalty'));
      expect(erased.data.customerId).toBe(anna.id);

      const cards = await kit.db(`SELECT id, status, invite_code, referral_code, referrer_customer_id, visits_sold, ltv FROM loyalty_cards WHERE tenant_id = $1 ORDER BY created_at`, [tenantId]);
      expect(cards).toEqual([
        { id: card.id, status: 'deleted', invite_code: null, referral_code: null, referrer_customer_id: null, visits_sold: '3', ltv: '900' },
        expect.objectContaining({ id: benCard.id, status: 'installed', referral_code: card.inviteCode, referrer_customer_id: null }),
      ]);
      expect(await kit.db(`SELECT comment FROM ledger_entries WHERE tenant_id = $1 AND comment IS NOT NULL`, [tenantId])).toEqual([]);
      expect(await kit.db(`SELECT comment FROM feedback WHERE tenant_id = $1 AND comment IS NOT NULL`, [tenantId])).toEqual([]);
      expect(await kit.db(`SELECT attributes FROM purchases WHERE tenant_id = $1`, [tenantId])).toEqual([{ attributes: {} }]);
      expect(await kit.db(`SELECT key FROM idempotency_keys WHERE tenant_id = $1`, [tenantId])).toEqual([]);
      const [metrics] = await kit.db(`SELECT ltv, purchase_count, rating_count FROM customer_metrics WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, anna.id]);
      expect(metrics).toEqual({ ltv: '900', purchase_count: 1, rating_count: 1 });
      const changed = await kit.events(tenantId, LoyaltyEvents.cardChanged);
      expect(changed[changed.length - 1].data).toMatchObject({ card: { id: card.id, status: 'deleted', inviteCode: null }, changed: expect.arrayContaining(['status']) });
      // The customer is gone for loyalty's reads too.
      expect(await failureOf(kit.send(LoyaltyPatterns.summary, tenantId, { customerId: anna.id }))).toMatchObject({ status: 404, code: ErrorCodes.customerNotFound });
    });
  });
});
