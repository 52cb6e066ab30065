import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { ErrorCodes, eventSubject, LoyaltyEvents, Streams, LoyaltyPatterns, type DeletionCheck, type LedgerEntryView, type LoyaltyCardView, type Page } from '@app/contracts';
import { encodeCursor, localDate } from '@app/common';
import { failureOf, waitFor } from '@app/testing';
import { visitCountersFromLedger, visitFigures } from '../src/ledger/visit-rules';
import { aTenant, LoyaltyKit } from './loyalty-test-kit';

/** Cards (L1, L9, L10) and the ledger (L2-L5) over NATS, with the customers service for customer ids and settings. */
describe('loyalty cards and ledger', () => {
  let kit: LoyaltyKit;

  beforeAll(async () => {
    kit = await LoyaltyKit.start();
  });

  afterAll(() => kit?.stop());

  const ledgerRows = (tenantId: string, cardId: string) =>
    kit.db(`SELECT operation, value, reason, purchase_amount, at FROM ledger_entries WHERE tenant_id = $1 AND card_id = $2 ORDER BY seq`, [tenantId, cardId]);

  describe('cards (L1, L10)', () => {
    it('issues a card to a customer the directory has not seen yet, with a serial number, invite code and an issued event', async () => {
      const tenantId = aTenant();
      // Created a moment ago: loyalty's directory may lag, so it asks the customers service.
      const customer = await kit.customer(tenantId);
      const card = await kit.card(tenantId, customer.id, { utm: { source: 'flyer', campaign: 'spring' }, expiresOn: '2099-12-31' });
      expect(card).toMatchObject({
        customerId: customer.id,
        status: 'installed',
        device: 'apple_wallet',
        issuedOn: localDate(new Date(), 'UTC'),
        expiresOn: '2099-12-31',
        expired: false,
        utm: { source: 'flyer', campaign: 'spring' },
        referralCode: null,
        referrerCustomerId: null,
        visitsSold: 0,
        visitsAvailable: 0,
        bonusBalance: 0,
        ltv: 0,
        currency: 'EUR',
        links: { setup: null, referral: null },
      });
      expect(card.serialNumber).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(card.inviteCode).toMatch(/^[0-9A-Z]{8}$/);
      const issued = await kit.events(tenantId, LoyaltyEvents.cardIssued);
      expect(issued).toHaveLength(1);
      expect(issued[0].data.card).toMatchObject({ id: card.id, serialNumber: card.serialNumber, customerId: customer.id, status: 'installed', inviteCode: card.inviteCode });

      const bySerial = await kit.send<LoyaltyCardView>(LoyaltyPatterns.getCardBySerial, tenantId, { serialNumber: card.serialNumber.toLowerCase().replace(/-/g, ' ') });
      expect(bySerial.id).toBe(card.id);
    });

    it('publishes its events from the outbox to the LOYALTY stream', async () => {
      const tenantId = aTenant();
      const card = await kit.card(tenantId, (await kit.customer(tenantId)).id);
      const [issued] = await kit.db<{ envelope: { id: string } }>(`SELECT envelope FROM outbox_events WHERE tenant_id = $1 AND type = $2`, [tenantId, LoyaltyEvents.cardIssued]);
      const jsm = await jetstreamManager(kit.rpc.connection);
      const stored = await waitFor(async () => {
        const msg = await jsm.streams.getMessage(Streams.loyalty.name, { last_by_subj: eventSubject(LoyaltyEvents.cardIssued) }).catch(() => null);
        return msg?.json<{ id: string }>().id === issued.envelope.id ? msg : null;
      }, 15_000, 'card.issued on JetStream');
      expect(stored.json<{ tenantId: string; data: { card: { id: string } } }>()).toMatchObject({ tenantId, data: { card: { id: card.id } } });
    });

    it('builds personal links from the tenant’s public URL once it is set', async () => {
      const tenantId = aTenant();
      const customer = await kit.customer(tenantId);
      const card = await kit.card(tenantId, customer.id, { device: undefined });
      expect(card.status).toBe('not_installed');
      await kit.settings(tenantId, { publicUrl: 'https://studio.example.com/' });
      const again = await kit.send<LoyaltyCardView>(LoyaltyPatterns.getCard, tenantId, { id: card.id });
      expect(again.links).toEqual({
        setup: `https://studio.example.com/card/${card.serialNumber}`,
        referral: `https://studio.example.com/join?ref=${card.inviteCode}`,
      });
    });

    it('refuses a second card while one is not deleted, an unknown customer, and an expiry before the issue date', async () => {
      const tenantId = aTenant();
      const customer = await kit.customer(tenantId);
      await kit.card(tenantId, customer.id);
      expect(await failureOf(kit.card(tenantId, customer.id))).toMatchObject({ status: 409, code: 'card_exists' });
      expect(await failureOf(kit.card(tenantId, randomUUID()))).toMatchObject({ status: 404, code: ErrorCodes.customerNotFound });
      // Another tenant's customer does not exist here.
      expect(await failureOf(kit.card(aTenant(), customer.id))).toMatchObject({ status: 404, code: ErrorCodes.customerNotFound });
      const other = await kit.customer(tenantId);
      expect(await failureOf(kit.card(tenantId, other.id, { issuedOn: '2025-03-10', expiresOn: '2025-03-09' }))).toMatchObject({
        status: 422,
        code: 'expiry_before_issue',
      });
      expect(await failureOf(kit.card(tenantId, other.id, { device: 'fax' }))).toMatchObject({ status: 400, code: 'validation_failed', details: { errors: { device: expect.any(Array) } } });
      const cards = await kit.db(`SELECT id FROM loyalty_cards WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, other.id]);
      expect(cards).toHaveLength(0);
      // Expiry on the issue day itself is fine.
      expect((await kit.card(tenantId, other.id, { issuedOn: '2025-03-10', expiresOn: '2025-03-10' })).expiresOn).toBe('2025-03-10');
    });

    it('links a referred card to its referrer and counts the visits that came through the referral', async () => {
      const tenantId = aTenant();
      const [anna, ben] = [await kit.customer(tenantId), await kit.customer(tenantId)];
      const annaCard = await kit.card(tenantId, anna.id);
      const benCard = await kit.card(tenantId, ben.id, { referralCode: annaCard.inviteCode!.toLowerCase() });
      expect(benCard).toMatchObject({ referralCode: annaCard.inviteCode!.toLowerCase(), referrerCustomerId: anna.id });
      await kit.visits(tenantId, benCard.id, { operation: 'add', value: 4 });
      const annaNow = await kit.send<LoyaltyCardView>(LoyaltyPatterns.getCard, tenantId, { id: annaCard.id });
      expect(annaNow).toMatchObject({ referrals: 1, referralVisits: 4 });
      // A campaign code that is no card's invite code is kept, without a referrer.
      const cleo = await kit.customer(tenantId);
      expect(await kit.card(tenantId, cleo.id, { referralCode: 'SUMMER24' })).toMatchObject({ referralCode: 'SUMMER24', referrerCustomerId: null });
    });

    it('changes expiry and status with events; a deleted card takes no operation or change; then the customer may be deleted (L9)', async () => {
      const tenantId = aTenant();
      const customer = await kit.customer(tenantId);
      const card = await kit.card(tenantId, customer.id, { issuedOn: '2025-01-15' });
      const check = () => kit.send<DeletionCheck>(LoyaltyPatterns.deletionCheck, tenantId, { customerId: customer.id });
      expect(await check()).toEqual({ allowed: false, code: 'active_loyalty_card', reason: expect.any(String) });

      expect(await failureOf(kit.send(LoyaltyPatterns.updateCard, tenantId, { id: card.id, input: { expiresOn: '2025-01-14' } }))).toMatchObject({
        status: 422,
        code: 'expiry_before_issue',
      });
      const extended = await kit.send<LoyaltyCardView>(LoyaltyPatterns.updateCard, tenantId, { id: card.id, input: { expiresOn: '2030-01-31', device: 'google_wallet' } });
      expect(extended).toMatchObject({ expiresOn: '2030-01-31', device: 'google_wallet', status: 'installed' });
      const deleted = await kit.send<LoyaltyCardView>(LoyaltyPatterns.updateCard, tenantId, { id: card.id, input: { status: 'deleted' } });
      expect(deleted.status).toBe('deleted');
      const changed = await kit.events(tenantId, LoyaltyEvents.cardChanged);
      expect(changed.map((e) => e.data.changed)).toEqual([['expiresOn', 'device'], ['status']]);

      expect(await check()).toEqual({ allowed: true });
      expect(await failureOf(kit.visits(tenantId, card.id, { operation: 'add', value: 1 }))).toMatchObject({ status: 409, code: 'card_deleted' });
      expect(await failureOf(kit.bonus(tenantId, card.id, { operation: 'add', value: 1 }))).toMatchObject({ status: 409, code: 'card_deleted' });
      expect(await failureOf(kit.send(LoyaltyPatterns.updateCard, tenantId, { id: card.id, input: { status: 'installed' } }))).toMatchObject({
        status: 409,
        code: 'card_deleted',
      });
      expect(await ledgerRows(tenantId, card.id)).toHaveLength(0);
      // A new card may be issued once the old one is deleted.
      expect((await kit.card(tenantId, customer.id)).status).toBe('installed');
    });

    it('answers 404 card_not_found for an unknown id and for another tenant’s card', async () => {
      const tenantId = aTenant();
      const card = await kit.card(tenantId, (await kit.customer(tenantId)).id);
      expect(await failureOf(kit.send(LoyaltyPatterns.getCard, aTenant(), { id: card.id }))).toMatchObject({ status: 404, code: 'card_not_found' });
      expect(await failureOf(kit.visits(aTenant(), card.id, { operation: 'add', value: 1 }))).toMatchObject({ status: 404, code: 'card_not_found' });
      expect(await failureOf(kit.send(LoyaltyPatterns.getCard, tenantId, { id: 'not-a-uuid' }))).toMatchObject({ status: 404, code: 'card_not_found' });
    });
  });

  describe('visits (L2, L5)', () => {
    it('keeps sold, available, redeemed, total visits, dates and LTV from the ledger', async () => {
      const tenantId = aTenant();
      const customer = await kit.customer(tenantId);
      const card = await kit.card(tenantId, customer.id);
      const added = await kit.visits(tenantId, card.id, { operation: 'add', value: 10, purchaseAmount: 5000, comment: '10-visit pass' });
      expect(added.entry).toMatchObject({ kind: 'visits', operation: 'add', value: 10, purchaseAmount: 5000, currency: 'EUR', comment: '10-visit pass', reason: null });
      expect(added.card).toMatchObject({ visitsSold: 10, visitsAvailable: 10, visitsRedeemed: 0, totalVisits: 0, ltv: 5000, lastVisitAddedAt: added.entry.at });

      await kit.visits(tenantId, card.id, { operation: 'subtract', value: 3 });
      const corrected = await kit.visits(tenantId, card.id, { operation: 'subtract', value: 2, reason: 'correction', purchaseAmount: 700 });
      expect(corrected.card).toMatchObject({ visitsSold: 10, visitsAvailable: 5, visitsRedeemed: 3, totalVisits: 5, ltv: 5700, lastVisitRefundedAt: corrected.entry.at });

      const rows = await ledgerRows(tenantId, card.id);
      const fromLedger = visitFigures(
        visitCountersFromLedger(rows.map((r) => ({ operation: r.operation, value: r.value, reason: r.reason, at: new Date(r.at).toISOString() }))),
      );
      expect(fromLedger).toMatchObject({
        visitsSold: corrected.card.visitsSold,
        visitsAvailable: corrected.card.visitsAvailable,
        visitsRedeemed: corrected.card.visitsRedeemed,
        totalVisits: corrected.card.totalVisits,
      });
      expect(rows.reduce((sum, r) => sum + Number(r.purchase_amount ?? 0), 0)).toBe(corrected.card.ltv);

      const ledgerEvents = await kit.events(tenantId, LoyaltyEvents.ledgerRecorded);
      expect(ledgerEvents.map((e) => [e.data.operation, e.data.value, e.data.reason])).toEqual([
        ['add', 10, null],
        ['subtract', 3, 'use'],
        ['subtract', 2, 'correction'],
      ]);
      const metrics = await kit.events(tenantId, LoyaltyEvents.metricsChanged);
      expect(metrics.map((e) => e.data.metrics.ltv)).toEqual([5000, 5700]);
    });

    it('refuses to subtract more than available, zero, negative or fractional values, writing nothing', async () => {
      const tenantId = aTenant();
      const card = await kit.card(tenantId, (await kit.customer(tenantId)).id);
      await kit.visits(tenantId, card.id, { operation: 'add', value: 2 });
      expect(await failureOf(kit.visits(tenantId, card.id, { operation: 'subtract', value: 3, purchaseAmount: 100 }))).toMatchObject({
        status: 422,
        code: 'insufficient_visits',
        details: { available: 2 },
      });
      for (const value of [0, -1, 1.5]) {
        expect(await failureOf(kit.visits(tenantId, card.id, { operation: 'add', value }))).toMatchObject({ status: 400, code: 'validation_failed' });
      }
      expect(await ledgerRows(tenantId, card.id)).toHaveLength(1);
      const [row] = await kit.db(`SELECT visits_available, ltv FROM loyalty_cards WHERE tenant_id = $1 AND id = $2`, [tenantId, card.id]);
      expect(row).toMatchObject({ visits_available: '2', ltv: '0' });
      expect(await kit.db(`SELECT 1 FROM customer_metrics WHERE tenant_id = $1`, [tenantId])).toHaveLength(0);
    });

    it('refuses an amount in another currency than the customer’s, writing nothing', async () => {
      const tenantId = aTenant();
      const card = await kit.card(tenantId, (await kit.customer(tenantId)).id);
      await kit.visits(tenantId, card.id, { operation: 'add', value: 1, purchaseAmount: 100 });
      expect(await failureOf(kit.visits(tenantId, card.id, { operation: 'add', value: 1, purchaseAmount: 100, currency: 'USD' }))).toMatchObject({
        status: 422,
        code: 'currency_mismatch',
      });
      expect(await ledgerRows(tenantId, card.id)).toHaveLength(1);
    });

    it('refuses operations on an expired card (409 card_expired) until its expiry is extended', async () => {
      const tenantId = aTenant();
      const card = await kit.card(tenantId, (await kit.customer(tenantId)).id, { issuedOn: '2024-01-01', expiresOn: '2024-12-31' });
      expect(card.expired).toBe(true);
      expect(await failureOf(kit.visits(tenantId, card.id, { operation: 'add', value: 1 }))).toMatchObject({ status: 409, code: 'card_expired' });
      await kit.send(LoyaltyPatterns.updateCard, tenantId, { id: card.id, input: { expiresOn: null } });
      expect((await kit.visits(tenantId, card.id, { operation: 'add', value: 1 })).card.visitsAvailable).toBe(1);
    });

    it('applies a repeated operation with the same Idempotency-Key once, and refuses the key with another body', async () => {
      const tenantId = aTenant();
      const card = await kit.card(tenantId, (await kit.customer(tenantId)).id);
      const key = `op-${randomUUID()}`;
      const first = await kit.visits(tenantId, card.id, { operation: 'add', value: 5 }, key);
      const again = await kit.visits(tenantId, card.id, { operation: 'add', value: 5 }, key);
      expect(again).toEqual(first);
      expect(await ledgerRows(tenantId, card.id)).toHaveLength(1);
      expect(await failureOf(kit.visits(tenantId, card.id, { operation: 'add', value: 6 }, key))).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
      expect((await kit.send<LoyaltyCardView>(LoyaltyPatterns.getCard, tenantId, { id: card.id })).visitsAvailable).toBe(5);
    });

    it('never overdraws under 200 concurrent subtractions', async () => {
      const tenantId = aTenant();
      const card = await kit.card(tenantId, (await kit.customer(tenantId)).id);
      await kit.visits(tenantId, card.id, { operation: 'add', value: 37 });
      const results = await Promise.allSettled(Array.from({ length: 200 }, () => kit.visits(tenantId, card.id, { operation: 'subtract', value: 1 })));
      const ok = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.body?.code);
      expect(ok).toHaveLength(37);
      expect(new Set(refused)).toEqual(new Set(['insufficient_visits']));
      const after = await kit.send<LoyaltyCardView>(LoyaltyPatterns.getCard, tenantId, { id: card.id });
      expect(after).toMatchObject({ visitsSold: 37, visitsAvailable: 0, visitsRedeemed: 37, totalVisits: 37 });
      expect((await ledgerRows(tenantId, card.id)).filter((r) => r.operation === 'subtract')).toHaveLength(37);
    });
  });

  describe('bonus points (L3, L4)', () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

    it('keeps points pending until their activation instant; only active points can be spent', async () => {
      const tenantId = aTenant();
      const card = await kit.card(tenantId, (await kit.customer(tenantId)).id);
      const activatesAt = new Date(Date.now() + 3000).toISOString();
      const added = await kit.bonus(tenantId, card.id, { operation: 'add', value: 40, activatesAt });
      expect(added.card).toMatchObject({ bonusBalance: 0, bonusPendingActivation: 40 });
      expect(added.entry).toMatchObject({ remaining: 40, state: 'pending_activation', activatesAt });
      expect(await failureOf(kit.bonus(tenantId, card.id, { operation: 'subtract', value: 1 }))).toMatchObject({
        status: 422,
        code: 'insufficient_bonus',
        details: { available: 0 },
      });
      await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(activatesAt) - Date.now()) + 50));
      const now = await kit.send<LoyaltyCardView>(LoyaltyPatterns.getCard, tenantId, { id: card.id });
      expect(now).toMatchObject({ bonusBalance: 40, bonusPendingActivation: 0 });
      expect((await kit.bonus(tenantId, card.id, { operation: 'subtract', value: 40 })).card.bonusBalance).toBe(0);
    });

    it('spends the soonest-expiring points first and shows pending deactivation within the tenant’s window', async () => {
      const tenantId = aTenant();
      await kit.settings(tenantId, { bonusDeactivationWindowDays: 14 });
      const customer = await kit.customer(tenantId);
      const card = await kit.card(tenantId, customer.id);
      const never = await kit.bonus(tenantId, card.id, { operation: 'add', value: 100 });
      const late = await kit.bonus(tenantId, card.id, { operation: 'add', value: 30, expiresAt: inDays(90) });
      const soon = await kit.bonus(tenantId, card.id, { operation: 'add', value: 20, expiresAt: inDays(7), purchaseAmount: 2000 });
      expect(soon.card).toMatchObject({
        bonusBalance: 150,
        bonusPendingDeactivation: 20,
        nextDeactivationAt: soon.entry.expiresAt,
        nextDeactivationAmount: 20,
        ltv: 2000,
      });
      expect(soon.entry.state).toBe('pending_deactivation');

      const spent = await kit.bonus(tenantId, card.id, { operation: 'subtract', value: 35, comment: 'redeemed a coffee' });
      expect(spent.card).toMatchObject({ bonusBalance: 115, bonusPendingDeactivation: 0, nextDeactivationAt: late.entry.expiresAt, nextDeactivationAmount: 15 });
      const lots = await kit.db<{ id: string; remaining: number }>(`SELECT id, remaining FROM bonus_lots WHERE tenant_id = $1 AND card_id = $2`, [tenantId, card.id]);
      expect(Object.fromEntries(lots.map((l) => [l.id, l.remaining]))).toEqual({ [never.entry.id]: 100, [late.entry.id]: 15, [soon.entry.id]: 0 });
      const allocations = await kit.db(`SELECT lot_id, amount FROM bonus_allocations WHERE tenant_id = $1 AND entry_id = $2 ORDER BY amount`, [tenantId, spent.entry.id]);
      expect(allocations).toEqual([
        { lot_id: late.entry.id, amount: 15 },
        { lot_id: soon.entry.id, amount: 20 },
      ]);

      const page = await kit.send<Page<LedgerEntryView>>(LoyaltyPatterns.listLedger, tenantId, { customerId: customer.id, query: { kind: 'bonus' } });
      expect(page.items.map((e) => [e.operation, e.value, e.state, e.remaining])).toEqual([
        ['subtract', 35, null, null],
        ['add', 20, 'spent', 0],
        ['add', 30, 'active', 15],
        ['add', 100, 'active', 100],
      ]);
    });

    it('refuses a subtraction larger than the active balance, lifecycle dates in the past or in the wrong order, writing nothing', async () => {
      const tenantId = aTenant();
      const card = await kit.card(tenantId, (await kit.customer(tenantId)).id);
      await kit.bonus(tenantId, card.id, { operation: 'add', value: 10 });
      await kit.bonus(tenantId, card.id, { operation: 'add', value: 50, activatesAt: inDays(1) });
      expect(await failureOf(kit.bonus(tenantId, card.id, { operation: 'subtract', value: 11 }))).toMatchObject({ status: 422, code: 'insufficient_bonus', details: { available: 10 } });
      expect(await failureOf(kit.bonus(tenantId, card.id, { operation: 'add', value: 5, expiresAt: inDays(-1) }))).toMatchObject({ status: 400 });
      expect(await failureOf(kit.bonus(tenantId, card.id, { operation: 'add', value: 5, activatesAt: inDays(2), expiresAt: inDays(1) }))).toMatchObject({ status: 400 });
      expect(await failureOf(kit.bonus(tenantId, card.id, { operation: 'add', value: 2.5 }))).toMatchObject({ status: 400, code: 'validation_failed' });
      const [counts] = await kit.db(
        `SELECT (SELECT count(*)::int FROM ledger_entries WHERE tenant_id = $1) AS entries, (SELECT coalesce(sum(remaining), 0)::int FROM bonus_lots WHERE tenant_id = $1) AS points`,
        [tenantId],
      );
      expect(counts).toEqual({ entries: 2, points: 60 });
    });

    it('never goes below zero under 200 concurrent subtractions', async () => {
      const tenantId = aTenant();
      const card = await kit.card(tenantId, (await kit.customer(tenantId)).id);
      await kit.bonus(tenantId, card.id, { operation: 'add', value: 25, expiresAt: inDays(30) });
      await kit.bonus(tenantId, card.id, { operation: 'add', value: 35 });
      const results = await Promise.allSettled(Array.from({ length: 200 }, () => kit.bonus(tenantId, card.id, { operation: 'subtract', value: 2 })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(30);
      const after = await kit.send<LoyaltyCardView>(LoyaltyPatterns.getCard, tenantId, { id: card.id });
      expect(after.bonusBalance).toBe(0);
      const [sums] = await kit.db(
        `SELECT (SELECT sum(remaining)::int FROM bonus_lots WHERE tenant_id = $1) AS remaining, (SELECT sum(amount)::int FROM bonus_allocations WHERE tenant_id = $1) AS allocated,
                (SELECT bonus_spent::int FROM loyalty_cards WHERE tenant_id = $1) AS spent`,
        [tenantId],
      );
      expect(sums).toEqual({ remaining: 0, allocated: 60, spent: 60 });
    });
  });

  describe('ledger tab', () => {
    it('pages newest first with a cursor and filters by kind and card; another tenant’s customer is 404', async () => {
      const tenantId = aTenant();
      const customer = await kit.customer(tenantId);
      const card = await kit.card(tenantId, customer.id);
      for (let i = 1; i <= 3; i++) await kit.visits(tenantId, card.id, { operation: 'add', value: i });
      await kit.bonus(tenantId, card.id, { operation: 'add', value: 9 });
      const first = await kit.send<Page<LedgerEntryView>>(LoyaltyPatterns.listLedger, tenantId, { customerId: customer.id, query: { limit: 3 } });
      expect(first.items.map((e) => [e.kind, e.value])).toEqual([
        ['bonus', 9],
        ['visits', 3],
        ['visits', 2],
      ]);
      const second = await kit.send<Page<LedgerEntryView>>(LoyaltyPatterns.listLedger, tenantId, { customerId: customer.id, query: { limit: 3, cursor: first.nextCursor } });
      expect(second.items.map((e) => e.value)).toEqual([1]);
      expect(second.nextCursor).toBeNull();
      const visits = await kit.send<Page<LedgerEntryView>>(LoyaltyPatterns.listLedger, tenantId, { customerId: customer.id, query: { kind: 'visits', cardId: card.id } });
      expect(visits.items).toHaveLength(3);
      expect(visits.items[0].actor).toEqual({ type: 'user', id: 'u-staff', role: 'staff' });
      expect(await failureOf(kit.send(LoyaltyPatterns.listLedger, aTenant(), { customerId: customer.id, query: {} }))).toMatchObject({ status: 404, code: 'customer_not_found' });
      expect(await failureOf(kit.send(LoyaltyPatterns.listLedger, tenantId, { customerId: customer.id, query: { kind: 'stamps' } }))).toMatchObject({ status: 400 });
      const tampered = encodeCursor('ledger', { value: 'DROP', id: 'x' });
      expect(await failureOf(kit.send(LoyaltyPatterns.listLedger, tenantId, { customerId: customer.id, query: { cursor: tampered } }))).toMatchObject({
        status: 400,
        details: { errors: { cursor: expect.any(Array) } },
      });
    });
  });
});
