import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@app/contracts';
import { signToken, TestSmtpServer, TestSystem, TestWebhookServer, waitFor } from '@app/testing';

/**
 * Marketing end to end: gateway → NATS → marketing, with customers (whose events feed
 * marketing's projection) and loyalty (asked before a deletion), a real SMTP server and an SMS
 * webhook in the test process. Push has no provider configured here.
 */
let system: TestSystem;
let smtp: TestSmtpServer;
let sms: TestWebhookServer;
const tenant = `mk-${randomUUID().slice(0, 8)}`;
const as = (role: Role, t = tenant) => `Bearer ${signToken({ tenant: t, role })}`;
const portal = (cid: string) => `Bearer ${signToken({ tenant, role: 'viewer', cid })}`;
const api = () => request(system.gatewayUrl);
const uniqueEmail = (name: string) => `${name}-${randomUUID().slice(0, 6)}@example.com`;

const expectProblem = (res: request.Response, status: number, code: string) => {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
};

async function createCustomer(body: Record<string, unknown>) {
  const res = await api().post('/v1/customers').set('Authorization', as('admin')).send(body);
  expect(res.status).toBe(201);
  return res.body as { id: string; email: string; firstName: string };
}

async function subscribe(customerId: string, channel: string, category = 'promotions') {
  const res = await api().put(`/v1/customers/${customerId}/subscriptions`).set('Authorization', as('staff')).send([{ channel, category, subscribed: true }]);
  expect(res.status).toBe(200);
  return res.body;
}

async function readySegment(rule: unknown, name = `seg-${randomUUID().slice(0, 6)}`) {
  const created = await api().post('/v1/segments').set('Authorization', as('staff')).send({ name, rule });
  expect(created.status).toBe(201);
  return waitFor(async () => {
    const res = await api().get(`/v1/segments/${created.body.id}`).set('Authorization', as('viewer'));
    return res.body.status === 'ready' ? res.body : undefined;
  }, 15_000, 'segment computed');
}

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  sms = await TestWebhookServer.start();
  system = await TestSystem.start({
    apps: ['customers', 'loyalty', 'marketing', 'gateway'],
    appEnv: {
      marketing: { SMTP_URL: smtp.url, SMS_WEBHOOK_URL: sms.url('/sms'), WORKER_POLL_MS: '100', DELIVERY_RETRY_BASE_MS: '100', DELIVERY_MAX_ATTEMPTS: '3' },
    },
  });
  const category = await api().put('/v1/subscription-categories/promotions').set('Authorization', as('admin')).send({ name: 'Promotions' });
  expect(category.status).toBe(200);
});

afterAll(async () => {
  await system?.stop();
  await smtp?.close();
  await sms?.close();
});

describe('subscriptions (M1) and contact validity', () => {
  it('subscribes a customer created a moment ago, and follows an email marked invalid', async () => {
    const email = uniqueEmail('ann');
    const ann = await createCustomer({ firstName: 'Ann', email, phone: '+49 151 23456789' });
    // Straight after creation: marketing asks the customers service when its projection lags.
    const changed = await subscribe(ann.id, 'email');
    expect(changed).toEqual([expect.objectContaining({ channel: 'email', category: 'promotions', subscribed: true, eligible: true, reason: null })]);

    const invalid = await api().post(`/v1/customers/${ann.id}/emails/${encodeURIComponent(email)}/status`).set('Authorization', as('staff')).send({ status: 'invalid' });
    expect(invalid.status).toBe(200);
    await waitFor(async () => {
      const tab = await api().get(`/v1/customers/${ann.id}/subscriptions`).set('Authorization', as('viewer'));
      return tab.body.items?.find((s: { channel: string; reason: string }) => s.channel === 'email' && s.reason === 'invalid_email');
    }, 15_000, 'invalid email to reach marketing');
  });

  it('lets a customer manage their own subscriptions with a portal token, and no one else’s', async () => {
    const mine = await createCustomer({ firstName: 'Me', email: uniqueEmail('me') });
    const other = await createCustomer({ firstName: 'Other', email: uniqueEmail('other') });
    const put = await api().put(`/v1/customers/${mine.id}/subscriptions`).set('Authorization', portal(mine.id)).send([{ channel: 'sms', category: 'promotions', subscribed: true }]);
    expect(put.status).toBe(200);
    expect((await api().get(`/v1/customers/${mine.id}/subscriptions`).set('Authorization', portal(mine.id))).status).toBe(200);
    expectProblem(await api().get(`/v1/customers/${other.id}/subscriptions`).set('Authorization', portal(mine.id)), 404, 'customer_not_found');
    expectProblem(await api().get(`/v1/customers/${mine.id}/mailings`).set('Authorization', portal(mine.id)), 403, 'forbidden');
  });

  it('answers 400 for a body that is not a list or items that are wrong, 422 for an unknown category, 403 for viewers', async () => {
    const c = await createCustomer({ firstName: 'Bad', email: uniqueEmail('bad') });
    expectProblem(await api().put(`/v1/customers/${c.id}/subscriptions`).set('Authorization', as('staff')).send({ channel: 'email' }), 400, 'validation_failed');
    const items = await api().put(`/v1/customers/${c.id}/subscriptions`).set('Authorization', as('staff')).send([{ channel: 'fax', category: 'promotions', subscribed: 'yes' }]);
    expectProblem(items, 400, 'validation_failed');
    expect(Object.keys(items.body.errors).sort()).toEqual(['[0].channel', '[0].subscribed']);
    expectProblem(await api().put(`/v1/customers/${c.id}/subscriptions`).set('Authorization', as('staff')).send([{ channel: 'email', category: 'nope', subscribed: true }]), 422, 'subscription_category_not_found');
    expectProblem(await api().put(`/v1/customers/${c.id}/subscriptions`).set('Authorization', as('viewer')).send([]), 403, 'forbidden');
    expectProblem(await api().put('/v1/subscription-categories/news').set('Authorization', as('staff')).send({ name: 'News' }), 403, 'forbidden');
    expectProblem(await api().get(`/v1/customers/${randomUUID()}/subscriptions`).set('Authorization', as('viewer')), 404, 'customer_not_found');
  });
});

describe('segments (M9)', () => {
  it('refuses an unknown field or a wrong operator at save with the path of the condition', async () => {
    const res = await api()
      .post('/v1/segments')
      .set('Authorization', as('staff'))
      .send({ name: 'Broken', rule: { all: [{ field: 'shoeSize', op: 'eq', value: 42 }, { any: [{ field: 'city', op: 'gt', value: 'B' }] }] } });
    expectProblem(res, 400, 'validation_failed');
    expect(Object.keys(res.body.errors).sort()).toEqual(['rule.all[0].field', 'rule.all[1].any[0].op']);
    expectProblem(await api().post('/v1/segments').set('Authorization', as('staff')).send({ name: 'No rule' }), 400, 'validation_failed');
    expectProblem(await api().post('/v1/segments').set('Authorization', as('viewer')).send({ name: 'x', rule: { all: [] } }), 403, 'forbidden');
  });

  it('lists and counts members, shows a customer’s segments, and hides them from other tenants', async () => {
    const tag = `vip-${randomUUID().slice(0, 6)}`;
    const vip = await createCustomer({ firstName: 'Vic', email: uniqueEmail('vic'), city: 'Berlin', tags: [tag] });
    await createCustomer({ firstName: 'Norm', email: uniqueEmail('norm'), city: 'Berlin' });
    const segment = await readySegment({ all: [{ field: 'tags', op: 'contains', value: tag }] }, `VIP ${tag}`);
    await waitFor(async () => (await api().get(`/v1/segments/${segment.id}/count`).set('Authorization', as('viewer'))).body.count === 1, 15_000, 'member counted');
    const members = await api().get(`/v1/segments/${segment.id}/customers`).set('Authorization', as('viewer'));
    expect(members.body).toEqual({ items: [expect.objectContaining({ customerId: vip.id, firstName: 'Vic' })], nextCursor: null });
    const mine = await api().get(`/v1/customers/${vip.id}/segments`).set('Authorization', as('viewer'));
    expect(mine.body.items).toEqual([expect.objectContaining({ id: segment.id, name: `VIP ${tag}` })]);
    expectProblem(await api().get(`/v1/segments/${segment.id}/count`).set('Authorization', as('viewer', 'another-tenant')), 404, 'segment_not_found');
    expectProblem(await api().get('/v1/segments/not-a-uuid/count').set('Authorization', as('viewer')), 400, 'validation_failed');

    // A tag removed in the customers service moves the customer out.
    expect((await api().delete(`/v1/customers/${vip.id}/tags/${tag}`).set('Authorization', as('staff'))).status).toBe(200);
    await waitFor(async () => (await api().get(`/v1/segments/${segment.id}/count`).set('Authorization', as('viewer'))).body.count === 0, 15_000, 'member left');
  });
});

describe('mailings (M2) and push (M3)', () => {
  it('sends an email mailing once through SMTP, records the excluded with their reason, and refuses a second send', async () => {
    const tag = `mail-${randomUUID().slice(0, 6)}`;
    const reader = await createCustomer({ firstName: 'Rita', email: uniqueEmail('rita'), tags: [tag] });
    const silent = await createCustomer({ firstName: 'Sam', email: uniqueEmail('sam'), tags: [tag] });
    await subscribe(reader.id, 'email');
    const segment = await readySegment({ all: [{ field: 'tags', op: 'contains', value: tag }] });
    await waitFor(async () => (await api().get(`/v1/segments/${segment.id}/count`).set('Authorization', as('viewer'))).body.count === 2);

    const created = await api()
      .post('/v1/mailings')
      .set('Authorization', as('staff'))
      .send({ name: 'Autumn news', segmentId: segment.id, channel: 'email', category: 'promotions', subject: 'Autumn', body: 'Dear {{firstName}}' });
    expect(created.status).toBe(201);
    expectProblem(await api().post(`/v1/mailings/${created.body.id}/send`).set('Authorization', as('staff')), 403, 'forbidden');
    const sent = await api().post(`/v1/mailings/${created.body.id}/send`).set('Authorization', as('admin'));
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ status: 'sending', counts: { audience: 2, excluded: 1 } });
    expectProblem(await api().post(`/v1/mailings/${created.body.id}/send`).set('Authorization', as('admin')), 409, 'mailing_already_sent');

    const done = await waitFor(async () => {
      const res = await api().get(`/v1/mailings/${created.body.id}`).set('Authorization', as('viewer'));
      return res.body.status === 'sent' ? res.body : undefined;
    }, 20_000, 'mailing sent');
    expect(done.counts).toMatchObject({ sent: 1, excluded: 1, failed: 0 });
    expect(done.excludedByReason).toEqual({ unsubscribed: 1 });
    expect(smtp.to(reader.email)).toEqual([expect.stringContaining('Dear Rita')]);
    expect(smtp.to(silent.email)).toHaveLength(0);

    const excluded = await api().get(`/v1/mailings/${created.body.id}/recipients`).query({ outcome: 'excluded' }).set('Authorization', as('viewer'));
    expect(excluded.body.items).toEqual([expect.objectContaining({ customerId: silent.id, reason: 'unsubscribed' })]);
    const tab = await api().get(`/v1/customers/${reader.id}/mailings`).set('Authorization', as('viewer'));
    expect(tab.body.items).toEqual([expect.objectContaining({ mailingId: created.body.id, outcome: 'sent', controlGroup: false })]);
  });

  it('sends nothing to an empty segment and says so, refuses an unconfigured channel and bad input', async () => {
    const empty = await readySegment({ all: [{ field: 'tags', op: 'contains', value: `none-${randomUUID()}` }] });
    const mailing = await api()
      .post('/v1/mailings')
      .set('Authorization', as('staff'))
      .send({ name: 'Into the void', segmentId: empty.id, channel: 'email', category: 'promotions', subject: 'Hi', body: 'Hi' });
    expectProblem(await api().post(`/v1/mailings/${mailing.body.id}/send`).set('Authorization', as('owner')), 422, 'mailing_audience_empty');
    expect((await api().get(`/v1/mailings/${mailing.body.id}`).set('Authorization', as('viewer'))).body.status).toBe('draft');

    const everyone = await readySegment({ all: [] });
    const push = await api()
      .post('/v1/mailings')
      .set('Authorization', as('staff'))
      .send({ name: 'Push', segmentId: everyone.id, channel: 'push', category: 'promotions', subject: 'Hi', body: 'Hi' });
    expectProblem(await api().post(`/v1/mailings/${push.body.id}/send`).set('Authorization', as('owner')), 422, 'channel_not_configured');

    const bad = await api()
      .post('/v1/mailings')
      .set('Authorization', as('staff'))
      .send({ name: '', segmentId: 'x', channel: 'fax', category: 'Promotions!', controlGroupPercent: 150, body: 'x', extra: 1 });
    expectProblem(bad, 400, 'validation_failed');
    expect(Object.keys(bad.body.errors).sort()).toEqual(['category', 'channel', 'controlGroupPercent', 'extra', 'name', 'segmentId']);
    const c = await createCustomer({ firstName: 'Pat', email: uniqueEmail('pat') });
    expectProblem(await api().post(`/v1/customers/${c.id}/push`).set('Authorization', as('staff')).send({ title: 'Hi', body: 'There' }), 422, 'channel_not_configured');
  });

  it('leaves a landline out of SMS, and retries the webhook until it accepts', async () => {
    const tag = `sms-${randomUUID().slice(0, 6)}`;
    const mobile = await createCustomer({ firstName: 'Mo', email: uniqueEmail('mo'), phone: '+49 151 55512345', tags: [tag] });
    const landline = await createCustomer({ firstName: 'Lan', email: uniqueEmail('lan'), phone: '+49 30 1234567', tags: [tag] });
    await subscribe(mobile.id, 'sms');
    await subscribe(landline.id, 'sms');
    const landlineTab = await api().get(`/v1/customers/${landline.id}/subscriptions`).set('Authorization', as('viewer'));
    expect(landlineTab.body.items.find((s: { channel: string }) => s.channel === 'sms')).toMatchObject({ subscribed: true, eligible: false, reason: 'landline' });

    const segment = await readySegment({ all: [{ field: 'tags', op: 'contains', value: tag }] });
    await waitFor(async () => (await api().get(`/v1/segments/${segment.id}/count`).set('Authorization', as('viewer'))).body.count === 2);
    sms.statuses.push(503);
    const mailing = await api().post('/v1/mailings').set('Authorization', as('staff')).send({ name: 'Text', segmentId: segment.id, channel: 'sms', category: 'promotions', body: 'Hi {{firstName}}' });
    expect((await api().post(`/v1/mailings/${mailing.body.id}/send`).set('Authorization', as('admin'))).status).toBe(202);
    const done = await waitFor(async () => {
      const res = await api().get(`/v1/mailings/${mailing.body.id}`).set('Authorization', as('viewer'));
      return res.body.status === 'sent' ? res.body : undefined;
    }, 20_000, 'SMS mailing sent');
    expect(done.counts).toMatchObject({ sent: 1, excluded: 1 });
    expect(done.excludedByReason).toEqual({ landline: 1 });
    expect(sms.callsTo('+4915155512345').map((c) => [c.status, c.body.text])).toEqual([
      [503, 'Hi Mo'],
      [202, 'Hi Mo'],
    ]);
  });
});

describe('web activity (M6), interests (M7), abandoned cart (M8)', () => {
  it('stores the good events of a batch and reports the bad ones by index', async () => {
    const c = await createCustomer({ firstName: 'Tia', email: uniqueEmail('tia') });
    const res = await api()
      .post('/v1/track')
      .set('Authorization', as('staff'))
      .send([
        { customerId: c.id, type: 'category_view', category: 'Monitors' },
        { customerId: c.id, type: 'product_view' },
        { email: c.email, type: 'cart_add', product: { sku: 'M-1', name: 'Monitor', price: 19900, currency: 'EUR' } },
        { email: uniqueEmail('nobody'), type: 'visit' },
        { customerId: randomUUID(), type: 'visit' },
      ]);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'validation_failed'],
      [3, 'customer_not_found'],
      [4, 'customer_not_found'],
    ]);
    expect(res.body.rejected[0].errors).toHaveProperty('product');

    const interests = await api().get(`/v1/customers/${c.id}/interests`).set('Authorization', as('viewer'));
    expect(interests.body.items).toEqual([expect.objectContaining({ category: 'Monitors', views: 1 })]);
    const cart = await api().get(`/v1/customers/${c.id}/abandoned-cart`).set('Authorization', as('viewer'));
    expect(cart.body.items).toEqual([expect.objectContaining({ sku: 'M-1', name: 'Monitor', price: 19900 })]);
    const activity = await api().get(`/v1/customers/${c.id}/web-activity`).query({ type: 'cart_add' }).set('Authorization', as('viewer'));
    expect(activity.body.items).toHaveLength(1);
  });

  it('answers a single bad event with 400 and an unknown customer with 404; refuses a body that is no event', async () => {
    const c = await createCustomer({ firstName: 'Uma', email: uniqueEmail('uma') });
    const bad = await api().post('/v1/track').set('Authorization', as('staff')).send({ customerId: c.id, type: 'teleport', at: 'soon' });
    expectProblem(bad, 400, 'validation_failed');
    expect(Object.keys(bad.body.errors).sort()).toEqual(['at', 'type']);
    expectProblem(await api().post('/v1/track').set('Authorization', as('staff')).send({ customerId: randomUUID(), type: 'visit' }), 404, 'customer_not_found');
    expectProblem(await api().post('/v1/track').set('Authorization', as('staff')).send([]), 400, 'validation_failed');
    const single = await api().post('/v1/track').set('Authorization', as('staff')).send({ customerId: c.id, type: 'visit' });
    expect(single.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });
});

describe('promo codes (M4) and polls (M5)', () => {
  it('issues and redeems a code once; a repeat with the same Idempotency-Key answers the first result', async () => {
    const c = await createCustomer({ firstName: 'Ole', email: uniqueEmail('ole') });
    const pool = await api().post('/v1/promo-code-pools').set('Authorization', as('staff')).send({ name: `Pool ${randomUUID().slice(0, 6)}`, generate: { count: 3, prefix: 'E2E-' } });
    expect(pool.status).toBe(201);
    expect(pool.body.counts).toEqual({ total: 3, issued: 0, redeemed: 0, available: 3 });
    const issued = await api().post(`/v1/promo-code-pools/${pool.body.id}/issue`).set('Authorization', as('staff')).send({ customerId: c.id, campaign: 'Welcome' });
    expect(issued.status).toBe(200);
    const code = issued.body.code as string;
    const key = `redeem-${randomUUID()}`;
    const first = await api().post(`/v1/promo-codes/${code.toLowerCase()}/redeem`).set('Authorization', as('staff')).set('Idempotency-Key', key).send({ customerId: c.id });
    expect(first.status).toBe(200);
    const repeat = await api().post(`/v1/promo-codes/${code}/redeem`).set('Authorization', as('staff')).set('Idempotency-Key', key).send({ customerId: c.id });
    expect(repeat.body).toEqual(first.body);
    expectProblem(await api().post(`/v1/promo-codes/${code}/redeem`).set('Authorization', as('staff')).send({}), 409, 'promo_code_already_redeemed');
    expectProblem(await api().post('/v1/promo-codes/NOPE-123/redeem').set('Authorization', as('staff')).send({}), 404, 'promo_code_not_found');
    const tab = await api().get(`/v1/customers/${c.id}/promo-codes`).set('Authorization', as('viewer'));
    expect(tab.body.items).toEqual([expect.objectContaining({ code, campaign: 'Welcome', reissued: false, redeemedAt: expect.any(String) })]);
  });

  it('takes a poll response once, checks the answers, and shows the customer’s polls', async () => {
    const c = await createCustomer({ firstName: 'Pia', email: uniqueEmail('pia') });
    const poll = await api()
      .post('/v1/polls')
      .set('Authorization', as('staff'))
      .send({ title: 'Visit', questions: [{ text: 'Rate us', type: 'rating' }, { text: 'Again?', type: 'single_choice', options: ['Yes', 'No'] }] });
    expect(poll.status).toBe(201);
    const bad = await api().post(`/v1/polls/${poll.body.id}/responses`).set('Authorization', as('staff')).send({ customerId: c.id, answers: { q1: 7 } });
    expectProblem(bad, 400, 'validation_failed');
    expect(Object.keys(bad.body.errors).sort()).toEqual(['answers.q1', 'answers.q2']);
    const ok = await api().post(`/v1/polls/${poll.body.id}/responses`).set('Authorization', as('staff')).send({ customerId: c.id, answers: { q1: 4, q2: 'Yes' } });
    expect(ok.status).toBe(201);
    expectProblem(await api().post(`/v1/polls/${poll.body.id}/responses`).set('Authorization', as('staff')).send({ customerId: c.id, answers: { q1: 1, q2: 'No' } }), 409, 'poll_already_answered');
    const tab = await api().get(`/v1/customers/${c.id}/polls`).set('Authorization', as('viewer'));
    expect(tab.body.items).toEqual([expect.objectContaining({ pollId: poll.body.id, title: 'Visit' })]);
    const results = await api().get(`/v1/polls/${poll.body.id}/results`).set('Authorization', as('viewer'));
    expect(results.body.questions[1].options).toEqual({ Yes: 1, No: 0 });
  });
});

describe('customer deletion', () => {
  it('erases the customer’s marketing data when the customer is deleted', async () => {
    const c = await createCustomer({ firstName: 'Del', email: uniqueEmail('del') });
    await subscribe(c.id, 'email');
    await api().post('/v1/track').set('Authorization', as('staff')).send({ customerId: c.id, type: 'category_view', category: 'Shoes' });
    expect((await api().get(`/v1/customers/${c.id}/interests`).set('Authorization', as('viewer'))).body.items).toHaveLength(1);
    expect((await api().delete(`/v1/customers/${c.id}`).set('Authorization', as('admin'))).status).toBe(202);
    await waitFor(async () => (await api().get(`/v1/customers/${c.id}/interests`).set('Authorization', as('viewer'))).status === 404, 15_000, 'marketing to erase');
    expectProblem(await api().get(`/v1/customers/${c.id}/subscriptions`).set('Authorization', as('viewer')), 404, 'customer_not_found');
  });
});

it('documents the marketing routes in OpenAPI', async () => {
  const doc = await api().get('/docs-json');
  for (const path of ['/v1/segments', '/v1/segments/{id}/count', '/v1/mailings/{id}/send', '/v1/track', '/v1/customers/{id}/subscriptions', '/v1/promo-codes/{code}/redeem', '/v1/polls/{id}/responses']) {
    expect(doc.body.paths).toHaveProperty([path]);
  }
});
