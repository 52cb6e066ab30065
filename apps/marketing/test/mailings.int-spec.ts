import { randomUUID } from 'node:crypto';
import {
  CustomerEvents,
  LoyaltyEvents,
  MarketingEvents,
  MarketingPatterns,
  type CustomerMailingView,
  type CustomerPromoCodeView,
  type CustomerSnapshot,
  type LoyaltyCardV1,
  type MailingSentV1,
  type MailingView,
  type Page,
  type PromoCodePoolView,
  type PushMessageView,
  type SegmentView,
} from '@app/contracts';
import { inControlGroup } from '../src/mailings/control-group';
import { failureOf, publishEvent, query, RpcTestClient, TestSmtpServer, TestSystem, TestWebhookServer, waitFor } from '@app/testing';
import { aSnapshot, aTenant, publishCustomer, staff } from './marketing-test-kit';

/**
 * Mailings (M2), personal push (M3) and promo codes issued by mailings (M4) over NATS, with a
 * real SMTP server and webhook receivers in the test process.
 */
describe('mailings and push', () => {
  const SECRET = 'webhook-secret-for-tests';
  let system: TestSystem;
  let client: RpcTestClient;
  let smtp: TestSmtpServer;
  let sms: TestWebhookServer;
  let push: TestWebhookServer;
  const send = <T>(pattern: string, tenantId: string, data: object = {}) => client.send<T>(pattern, { tenantId, actor: staff, ...data });
  const db = () => system.db('marketing');

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    sms = await TestWebhookServer.start();
    push = await TestWebhookServer.start();
    system = await TestSystem.start({
      apps: ['marketing'],
      appEnv: {
        marketing: {
          SMTP_URL: smtp.url,
          MAIL_FROM: 'Shop <news@shop.example>',
          SMS_WEBHOOK_URL: sms.url('/sms'),
          PUSH_WEBHOOK_URL: push.url('/push'),
          WEBHOOK_SECRET: SECRET,
          WORKER_POLL_MS: '50',
          DELIVERY_RETRY_BASE_MS: '100',
          DELIVERY_MAX_ATTEMPTS: '3',
          DELIVERY_TIMEOUT_MS: '5000',
        },
      },
    });
    client = await RpcTestClient.connect(system.nats.url);
  });

  afterAll(async () => {
    await client?.close();
    await system?.stop();
    await smtp?.close().catch(() => undefined);
    await sms?.close();
    await push?.close();
  });

  /** A tenant with a category, customers (published as events, all subscribed unless `unsubscribed`) and an everyone segment. */
  async function setUp(people: Array<Partial<CustomerSnapshot> & { unsubscribed?: boolean }>, channel: 'email' | 'sms' | 'push' = 'email') {
    const tenantId = aTenant();
    await send(MarketingPatterns.putCategory, tenantId, { key: 'promotions', input: { name: 'Promotions' } });
    const customers = people.map(({ unsubscribed: _u, ...p }) => aSnapshot(p));
    for (const c of customers) await publishCustomer(client, tenantId, c);
    await waitFor(async () => {
      const [{ n }] = await query<{ n: number }>(db(), `SELECT count(*)::int AS n FROM customer_facts WHERE tenant_id = $1 AND snapshot_at IS NOT NULL`, [tenantId]);
      return n === customers.length;
    }, 15_000, 'customers projected');
    for (const [i, c] of customers.entries()) {
      await send(MarketingPatterns.setSubscriptions, tenantId, { customerId: c.id, changes: [{ channel, category: 'promotions', subscribed: !people[i].unsubscribed }] });
    }
    const segment = await send<SegmentView>(MarketingPatterns.createSegment, tenantId, { input: { name: 'Everyone', rule: { all: [] } } });
    await waitFor(async () => (await send<SegmentView>(MarketingPatterns.getSegment, tenantId, { id: segment.id })).status === 'ready');
    return { tenantId, customers, segmentId: segment.id };
  }

  const createMailing = (tenantId: string, input: object) =>
    send<MailingView>(MarketingPatterns.createMailing, tenantId, { input: { name: 'Summer sale', channel: 'email', category: 'promotions', subject: 'Summer!', body: 'Hello {{firstName}}, use {{promoCode}}', ...input } });
  const finished = (tenantId: string, id: string) =>
    waitFor(async () => {
      const m = await send<MailingView>(MarketingPatterns.getMailing, tenantId, { id });
      return m.status === 'sent' ? m : undefined;
    }, 20_000, `mailing ${id} to finish`);
  const recipients = (tenantId: string, mailingId: string) =>
    query<{ customer_id: string; outcome: string; reason: string | null; attempts: number; last_error: string | null; promo_code: string | null }>(
      db(),
      `SELECT customer_id, outcome, reason, attempts, last_error, promo_code FROM mailing_recipients WHERE tenant_id = $1 AND mailing_id = $2`,
      [tenantId, mailingId],
    );
  const attempts = (tenantId: string, mailingId: string, customerId: string) =>
    query<{ attempt: number; ok: boolean; error: string | null }>(
      db(),
      `SELECT attempt, ok, error FROM delivery_attempts WHERE tenant_id = $1 AND message_id = $2 AND customer_id = $3 ORDER BY attempt`,
      [tenantId, mailingId, customerId],
    );

  it('sends email over SMTP to the eligible, records the control group and why others were left out', async () => {
    const people = [
      ...Array.from({ length: 12 }, () => ({})),
      { unsubscribed: true },
      { emails: [{ address: `bad-${randomUUID().slice(0, 6)}@example.com`, status: 'invalid' as const, primary: true }] },
      { emails: [{ address: `gone-${randomUUID().slice(0, 6)}@example.com`, status: 'bounced' as const, primary: true }] },
      { emails: [], email: null },
      { consents: { news: 'revoked' as const } },
      // Enough eligible people that a 30 % draw puts some in the control group and leaves some out
      // (with 13, none was drawn about once in a hundred runs).
      ...Array.from({ length: 28 }, () => ({})),
    ];
    const { tenantId, customers, segmentId } = await setUp(people);
    const mailing = await createMailing(tenantId, { segmentId, controlGroupPercent: 30, requiredConsent: null });
    expect(mailing).toMatchObject({ status: 'draft', controlGroupPercent: 30 });
    const sending = await send<MailingView>(MarketingPatterns.sendMailing, tenantId, { id: mailing.id });
    expect(sending.counts).toMatchObject({ audience: customers.length, excluded: 4 });
    const done = await finished(tenantId, mailing.id);

    const eligible = customers.slice(0, 12).concat(customers.slice(16));
    const control = eligible.filter((c) => inControlGroup(mailing.id, c.id, 30));
    const sent = eligible.filter((c) => !control.includes(c));
    expect(control.length).toBeGreaterThan(0);
    expect(done.counts).toEqual({ audience: customers.length, pending: 0, sent: sent.length, controlGroup: control.length, excluded: 4, failed: 0 });
    expect(done.excludedByReason).toEqual({ invalid_email: 2, no_email: 1, unsubscribed: 1 });

    const rows = new Map((await recipients(tenantId, mailing.id)).map((r) => [r.customer_id, r]));
    expect(rows.get(customers[12].id)).toMatchObject({ outcome: 'excluded', reason: 'unsubscribed' });
    expect(rows.get(customers[13].id)).toMatchObject({ outcome: 'excluded', reason: 'invalid_email' });
    expect(rows.get(customers[15].id)).toMatchObject({ outcome: 'excluded', reason: 'no_email' });
    for (const c of control) expect(rows.get(c.id)!.outcome).toBe('control_group');
    for (const c of sent) {
      expect(rows.get(c.id)!.outcome).toBe('sent');
      const mails = smtp.to(c.email!);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toContain('Subject: Summer!');
      expect(mails[0]).toContain(`Hello ${c.firstName}, use `);
    }
    for (const c of [...control, customers[12], customers[13]]) expect(smtp.to(c.email!)).toHaveLength(0);

    // marketing.mailing.sent tells what happened to every recipient, once.
    const events = await waitFor(async () => {
      const list = await query<{ envelope: { data: MailingSentV1 } }>(db(), `SELECT envelope FROM outbox_events WHERE type = $1 AND envelope->'data'->>'mailingId' = $2`, [
        MarketingEvents.mailingSent,
        mailing.id,
      ]);
      const reported = list.flatMap((e) => e.envelope.data.recipients);
      return reported.length === customers.length ? reported : undefined;
    });
    expect(new Set(events.map((r) => r.customerId)).size).toBe(customers.length);
    expect(events.find((r) => r.customerId === customers[14].id)).toMatchObject({ outcome: 'excluded', reason: 'invalid_email' });

    // The customer's mailings tab marks the control group.
    const tab = await send<Page<CustomerMailingView>>(MarketingPatterns.customerMailings, tenantId, { customerId: control[0].id });
    expect(tab.items).toEqual([expect.objectContaining({ mailingId: mailing.id, name: 'Summer sale', outcome: 'control_group', controlGroup: true })]);
  });

  it('sends nothing at a 100 % control group and is done at once; 0 % sends everyone eligible', async () => {
    const { tenantId, customers, segmentId } = await setUp([{}, {}, {}]);
    const all = await createMailing(tenantId, { segmentId, controlGroupPercent: 100 });
    const sent = await send<MailingView>(MarketingPatterns.sendMailing, tenantId, { id: all.id });
    expect(sent).toMatchObject({ status: 'sent', counts: { audience: 3, controlGroup: 3, sent: 0, pending: 0 } });
    const none = await createMailing(tenantId, { segmentId, controlGroupPercent: 0, name: 'Everyone' });
    await send(MarketingPatterns.sendMailing, tenantId, { id: none.id });
    expect((await finished(tenantId, none.id)).counts).toMatchObject({ sent: 3, controlGroup: 0 });
    for (const c of customers) expect(smtp.to(c.email!)).toHaveLength(1);
  });

  it('needs a given consent when the mailing asks for one', async () => {
    const { tenantId, customers, segmentId } = await setUp([{ consents: { news: 'given' } }, { consents: { news: 'revoked' } }, {}]);
    const mailing = await createMailing(tenantId, { segmentId, requiredConsent: 'news' });
    await send(MarketingPatterns.sendMailing, tenantId, { id: mailing.id });
    const done = await finished(tenantId, mailing.id);
    expect(done.excludedByReason).toEqual({ no_consent: 2 });
    expect(smtp.to(customers[0].email!)).toHaveLength(1);
  });

  it('sends a mailing once: a second send is 409, concurrent sends deliver once, a repeated key answers the first result', async () => {
    const { tenantId, customers, segmentId } = await setUp([{}, {}]);
    const mailing = await createMailing(tenantId, { segmentId });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => send<MailingView>(MarketingPatterns.sendMailing, tenantId, { id: mailing.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason.body).toMatchObject({ status: 409, code: 'mailing_already_sent' });
    await finished(tenantId, mailing.id);
    expect(await failureOf(send(MarketingPatterns.sendMailing, tenantId, { id: mailing.id }))).toMatchObject({ status: 409, code: 'mailing_already_sent' });
    for (const c of customers) expect(smtp.to(c.email!)).toHaveLength(1);

    const other = await createMailing(tenantId, { segmentId, name: 'With a key' });
    const first = await send<MailingView>(MarketingPatterns.sendMailing, tenantId, { id: other.id, idempotencyKey: 'send-1' });
    const again = await send<MailingView>(MarketingPatterns.sendMailing, tenantId, { id: other.id, idempotencyKey: 'send-1' });
    expect(again).toEqual(first);
    await finished(tenantId, other.id);
    for (const c of customers) expect(smtp.to(c.email!)).toHaveLength(2);
  });

  it('sends nothing to an empty segment and says so; the mailing stays a draft', async () => {
    const tenantId = aTenant();
    await send(MarketingPatterns.putCategory, tenantId, { key: 'promotions', input: { name: 'Promotions' } });
    const segment = await send<SegmentView>(MarketingPatterns.createSegment, tenantId, { input: { name: 'Nobody', rule: { all: [{ field: 'tags', op: 'contains', value: 'x' }] } } });
    await waitFor(async () => (await send<SegmentView>(MarketingPatterns.getSegment, tenantId, { id: segment.id })).status === 'ready');
    const mailing = await createMailing(tenantId, { segmentId: segment.id });
    expect(await failureOf(send(MarketingPatterns.sendMailing, tenantId, { id: mailing.id }))).toMatchObject({ status: 422, code: 'mailing_audience_empty' });
    expect((await send<MailingView>(MarketingPatterns.getMailing, tenantId, { id: mailing.id })).status).toBe('draft');
    expect(await recipients(tenantId, mailing.id)).toHaveLength(0);
  });

  it('refuses bad mailings: unknown segment, inactive category, missing subject', async () => {
    const { tenantId, segmentId } = await setUp([{}]);
    expect(await failureOf(createMailing(tenantId, { segmentId: randomUUID() }))).toMatchObject({ status: 422, code: 'segment_not_found' });
    expect(await failureOf(createMailing(tenantId, { segmentId, subject: undefined }))).toMatchObject({ status: 400 });
    expect(await failureOf(createMailing(tenantId, { segmentId, controlGroupPercent: 100.001 }))).toMatchObject({ status: 400 });
    await send(MarketingPatterns.putCategory, tenantId, { key: 'promotions', input: { name: 'Promotions', active: false } });
    expect(await failureOf(createMailing(tenantId, { segmentId }))).toMatchObject({ status: 422, code: 'subscription_category_inactive' });
  });

  it('retries a passing SMTP failure and records every attempt', async () => {
    const { tenantId, customers, segmentId } = await setUp([{}]);
    const mailing = await createMailing(tenantId, { segmentId });
    smtp.failNext = 1;
    await send(MarketingPatterns.sendMailing, tenantId, { id: mailing.id });
    const done = await finished(tenantId, mailing.id);
    expect(done.counts).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.to(customers[0].email!)).toHaveLength(1);
    const tries = await attempts(tenantId, mailing.id, customers[0].id);
    expect(tries.map((t) => t.ok)).toEqual([false, true]);
    expect(tries[0].error).toMatch(/451/);
  });

  it('records a permanent SMTP refusal as failed at once, never as sent', async () => {
    const { tenantId, customers, segmentId } = await setUp([{}, {}]);
    smtp.rejected.add(customers[0].email!.toLowerCase());
    const mailing = await createMailing(tenantId, { segmentId });
    await send(MarketingPatterns.sendMailing, tenantId, { id: mailing.id });
    const done = await finished(tenantId, mailing.id);
    expect(done.counts).toMatchObject({ sent: 1, failed: 1 });
    const row = (await recipients(tenantId, mailing.id)).find((r) => r.customer_id === customers[0].id)!;
    expect(row).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/550/);
  });

  it('sends SMS to mobiles through the signed webhook, never to a landline, and retries a 503', async () => {
    const mobile = `+49151${String(Date.now()).slice(-8)}`;
    const { tenantId, customers, segmentId } = await setUp(
      [
        { phones: [{ number: mobile, type: 'mobile', status: 'valid', primary: true }] },
        { phones: [{ number: '+4930123456', type: 'landline', status: 'valid', primary: true }] },
        { phones: [] },
      ],
      'sms',
    );
    sms.statuses.push(503);
    const mailing = await createMailing(tenantId, { segmentId, channel: 'sms', subject: null, body: 'Sale today, {{firstName}}!' });
    await send(MarketingPatterns.sendMailing, tenantId, { id: mailing.id });
    const done = await finished(tenantId, mailing.id);
    expect(done.counts).toMatchObject({ sent: 1, excluded: 2 });
    expect(done.excludedByReason).toEqual({ landline: 1, no_phone: 1 });
    const calls = sms.callsTo(mobile);
    expect(calls.map((c) => c.status)).toEqual([503, 202]);
    expect(calls[1].body).toMatchObject({ channel: 'sms', to: mobile, text: `Sale today, ${customers[0].firstName}!`, customerId: customers[0].id });
    expect(calls[1].headers['x-signature']).toBe(TestWebhookServer.signatureOf(calls[1].raw, SECRET));
    expect(calls[1].headers['idempotency-key']).toBe(calls[0].headers['idempotency-key']);
    expect(sms.calls.filter((c) => c.body.to === '+4930123456')).toHaveLength(0);
  });

  it('gives up after the last attempt when the webhook keeps failing, and records it as failed', async () => {
    const mobile = `+49152${String(Date.now()).slice(-8)}`;
    const { tenantId, customers, segmentId } = await setUp([{ phones: [{ number: mobile, type: 'mobile', status: 'valid', primary: true }] }], 'sms');
    sms.statuses.push(500, 500, 500);
    const mailing = await createMailing(tenantId, { segmentId, channel: 'sms', subject: null, body: 'Hi' });
    await send(MarketingPatterns.sendMailing, tenantId, { id: mailing.id });
    const done = await finished(tenantId, mailing.id);
    expect(done.counts).toMatchObject({ sent: 0, failed: 1 });
    expect((await attempts(tenantId, mailing.id, customers[0].id)).map((a) => a.ok)).toEqual([false, false, false]);
    expect(sms.callsTo(mobile).map((c) => c.status)).toEqual([500, 500, 500]);
  });

  it('pushes to installed cards only, for mailings and for one customer', async () => {
    const { tenantId, customers, segmentId } = await setUp([{}, {}, {}], 'push');
    const card = (customerId: string, status: LoyaltyCardV1['status']): LoyaltyCardV1 => ({
      id: randomUUID(),
      serialNumber: `SN-${randomUUID().slice(0, 8)}`,
      customerId,
      status,
      device: 'apple_wallet',
      issuedOn: '2024-01-01',
      expiresOn: null,
      referralCode: null,
      referrerCustomerId: null,
    });
    const installed = card(customers[0].id, 'installed');
    await publishEvent(client.connection, { type: LoyaltyEvents.cardIssued, tenantId, data: { card: installed } });
    await publishEvent(client.connection, { type: LoyaltyEvents.cardIssued, tenantId, data: { card: card(customers[1].id, 'not_installed') } });
    await waitFor(async () => (await query(db(), `SELECT 1 FROM customer_cards WHERE tenant_id = $1`, [tenantId])).length === 2);

    const mailing = await createMailing(tenantId, { segmentId, channel: 'push', subject: 'Flash sale', body: 'Now!' });
    await send(MarketingPatterns.sendMailing, tenantId, { id: mailing.id });
    const done = await finished(tenantId, mailing.id);
    expect(done.excludedByReason).toEqual({ card_not_installed: 1, no_card: 1 });
    expect(push.callsTo(installed.serialNumber).map((c) => c.body)).toEqual([expect.objectContaining({ kind: 'mailing', title: 'Flash sale', text: 'Now!' })]);

    const message = await send<PushMessageView>(MarketingPatterns.sendPush, tenantId, { customerId: customers[0].id, input: { title: 'Just for you', body: 'A gift' } });
    expect(message).toMatchObject({ status: 'pending', cardSerialNumber: installed.serialNumber });
    const sent = await waitFor(async () => {
      const page = await send<Page<PushMessageView>>(MarketingPatterns.customerPushMessages, tenantId, { customerId: customers[0].id });
      return page.items[0]?.status === 'sent' ? page.items[0] : undefined;
    });
    expect(sent.sentAt).not.toBeNull();
    expect(push.calls.filter((c) => c.body.kind === 'push' && c.body.customerId === customers[0].id)).toHaveLength(1);
    expect(push.calls.filter((c) => c.body.customerId === customers[2].id)).toHaveLength(0);
    expect(await failureOf(send(MarketingPatterns.sendPush, tenantId, { customerId: customers[1].id, input: { title: 'x', body: 'y' } }))).toMatchObject({
      status: 422,
      code: 'no_push_card',
    });

    // The card is deleted: no more pushes.
    await publishEvent(client.connection, { type: LoyaltyEvents.cardChanged, tenantId, data: { card: { ...installed, status: 'deleted' }, changed: ['status'] } });
    await waitFor(async () => (await query(db(), `SELECT card_state FROM customer_facts WHERE tenant_id = $1 AND customer_id = $2 AND card_state = 'none'`, [tenantId, customers[0].id])).length);
    expect(await failureOf(send(MarketingPatterns.sendPush, tenantId, { customerId: customers[0].id, input: { title: 'x', body: 'y' } }))).toMatchObject({ code: 'no_push_card' });
  });

  it('issues one promo code per sent recipient, re-issues a held one, and refuses a pool too small', async () => {
    const { tenantId, customers, segmentId } = await setUp([{}, {}, {}, { unsubscribed: true }]);
    const pool = await send<PromoCodePoolView>(MarketingPatterns.createPool, tenantId, { input: { name: 'Summer', codes: ['SUMMER-A', 'summer-b', 'SUMMER-C', 'SUMMER-D'] } });
    expect(pool.counts).toEqual({ total: 4, issued: 0, redeemed: 0, available: 4 });
    const first = await createMailing(tenantId, { segmentId, promoCodePoolId: pool.id });
    await send(MarketingPatterns.sendMailing, tenantId, { id: first.id });
    await finished(tenantId, first.id);
    const codes = new Map((await recipients(tenantId, first.id)).map((r) => [r.customer_id, r.promo_code]));
    expect(codes.get(customers[3].id)).toBeNull();
    const given = customers.slice(0, 3).map((c) => codes.get(c.id)!);
    expect(new Set(given).size).toBe(3);
    for (const [i, c] of customers.slice(0, 3).entries()) expect(smtp.to(c.email!).at(-1)).toContain(`use ${given[i]}`);

    // Customer 0 redeems; a second mailing re-issues the others' codes and gives customer 0 the last free one.
    await send(MarketingPatterns.redeemCode, tenantId, { code: given[0].toLowerCase(), input: { customerId: customers[0].id } });
    expect(await failureOf(send(MarketingPatterns.redeemCode, tenantId, { code: given[0], input: {} }))).toMatchObject({ status: 409, code: 'promo_code_already_redeemed' });
    const second = await createMailing(tenantId, { segmentId, promoCodePoolId: pool.id, name: 'Reminder', kind: 'campaign', campaign: 'Summer 2024' });
    await send(MarketingPatterns.sendMailing, tenantId, { id: second.id });
    await finished(tenantId, second.id);
    const tab = await send<Page<CustomerPromoCodeView>>(MarketingPatterns.customerPromoCodes, tenantId, { customerId: customers[1].id });
    expect(tab.items.map((i) => [i.code, i.reissued, i.mailingName, i.campaign])).toEqual([
      [given[1], true, 'Reminder', 'Summer 2024'],
      [given[1], false, 'Summer sale', null],
    ]);
    const zero = await send<Page<CustomerPromoCodeView>>(MarketingPatterns.customerPromoCodes, tenantId, { customerId: customers[0].id });
    expect(zero.items[0]).toMatchObject({ reissued: false, redeemedAt: null });
    expect(zero.items[1]).toMatchObject({ code: given[0], redeemedAt: expect.any(String) });
    expect((await send<PromoCodePoolView>(MarketingPatterns.getPool, tenantId, { id: pool.id })).counts).toEqual({ total: 4, issued: 4, redeemed: 1, available: 0 });

    // Customer 1 redeems too: a third mailing needs a new code for them, and the pool is empty.
    await send(MarketingPatterns.redeemCode, tenantId, { code: given[1], input: {} });
    const third = await createMailing(tenantId, { segmentId, promoCodePoolId: pool.id, name: 'Last call' });
    const refused = await failureOf(send(MarketingPatterns.sendMailing, tenantId, { id: third.id }));
    expect(refused).toMatchObject({ status: 422, code: 'promo_codes_exhausted', details: { needed: 1, available: 0 } });
    expect((await send<MailingView>(MarketingPatterns.getMailing, tenantId, { id: third.id })).status).toBe('draft');
    expect(await recipients(tenantId, third.id)).toHaveLength(0);
  });

  it('cancels the delivery of a customer deleted while it is under way, and records no send', async () => {
    const mobile = `+49153${String(Date.now()).slice(-8)}`;
    const { tenantId, customers, segmentId } = await setUp([{ phones: [{ number: mobile, type: 'mobile', status: 'valid', primary: true }] }], 'sms');
    sms.delayMs = 3000;
    try {
      const mailing = await createMailing(tenantId, { segmentId, channel: 'sms', subject: null, body: 'Hi' });
      await send(MarketingPatterns.sendMailing, tenantId, { id: mailing.id });
      await waitFor(async () => sms.callsTo(mobile).length === 1, 10_000, 'the delivery to start');
      await publishEvent(client.connection, { type: CustomerEvents.deleted, tenantId, data: { customerId: customers[0].id, emails: [customers[0].email] } });
      const done = await finished(tenantId, mailing.id);
      expect(done.counts).toMatchObject({ sent: 0, excluded: 1, pending: 0 });
      const [row] = await recipients(tenantId, mailing.id);
      expect(row).toMatchObject({ outcome: 'excluded', reason: 'customer_deleted', last_error: null });
    } finally {
      sms.delayMs = 0;
    }
  });
});
