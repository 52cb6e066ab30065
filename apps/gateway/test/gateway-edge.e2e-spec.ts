import { spawn } from 'node:child_process';
import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import request from 'supertest';
import { appEntry, signToken, TestSystem } from '@app/testing';
import type { Role } from '@app/contracts';

/**
 * The gateway alone on a private NATS: everything it decides by itself (auth, roles, validation,
 * limits, errors, docs, health), and its RPC behaviour against a fake service on NATS.
 */
let system: TestSystem;
let nc: NatsConnection;
let tenantCounter = 0;
const newTenant = () => `edge${++tenantCounter}`;
const bearer = (role: Role, tenant = newTenant(), extra: { cid?: string; sub?: string } = {}) =>
  `Bearer ${signToken({ tenant, role, ...extra })}`;
const CID = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

/** Answers a pattern the way a Nest NATS service does, and records what it received. */
async function fakeService(pattern: string, answer: (data: any) => { response?: unknown; err?: unknown } | null) {
  const received: { data: any; requestId: string | undefined }[] = [];
  const sub = nc.subscribe(pattern, {
    callback: (_err, msg: Msg) => {
      const packet = msg.json<{ id: string; data: any }>();
      received.push({ data: packet.data, requestId: msg.headers?.get('x-request-id') });
      const reply = answer(packet.data);
      if (reply) msg.respond(JSON.stringify({ id: packet.id, ...reply, isDisposed: true }));
    },
  });
  await nc.flush(); // the subscription is known to the server before the gateway sends
  return { received, stop: () => sub.unsubscribe() };
}

const expectProblem = (res: request.Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
};

beforeAll(async () => {
  system = await TestSystem.start({
    apps: ['gateway'],
    appEnv: { gateway: { BODY_LIMIT_BYTES: '4096', RATE_LIMIT_PER_MINUTE: '30' } },
  });
  nc = await connect({ servers: system.nats.url });
});

afterAll(async () => {
  await nc?.close();
  await system?.stop();
});

describe('authentication', () => {
  it('answers 401 problem+json without, with a bad and with an expired token', async () => {
    const api = request(system.gatewayUrl);
    expectProblem(await api.get('/v1/customers'), 401, 'unauthorized');
    expectProblem(await api.get('/v1/customers').set('Authorization', 'Bearer nope'), 401, 'unauthorized');
    const forged = `Bearer ${signToken({ tenant: 't1', role: 'admin', secret: 'another-secret' })}`;
    expectProblem(await api.get('/v1/customers').set('Authorization', forged), 401, 'unauthorized');
    const expired = await api.get('/v1/customers').set('Authorization', `Bearer ${signToken({ tenant: 't1', role: 'admin', expiresIn: -60 })}`);
    expectProblem(expired, 401, 'unauthorized');
    expect(expired.body.detail).toMatch(/expired/);
  });

  it('refuses a token with a bad tenant id', async () => {
    const res = await request(system.gatewayUrl).get('/v1/customers').set('Authorization', bearer('admin', 'no spaces allowed'));
    expectProblem(res, 401, 'unauthorized');
    expect(res.body.detail).toMatch(/tid/);
  });
});

describe('roles and portal tokens', () => {
  it('keeps viewers read-only and owner/admin routes for owners and admins', async () => {
    const api = request(system.gatewayUrl);
    expectProblem(await api.post('/v1/customers').set('Authorization', bearer('viewer')).send({ firstName: 'A' }), 403, 'forbidden');
    expectProblem(await api.delete(`/v1/customers/${OTHER}`).set('Authorization', bearer('staff')), 403, 'forbidden');
    expectProblem(await api.post('/v1/attributes').set('Authorization', bearer('staff')).send({ key: 'k', label: 'K', type: 'string' }), 403, 'forbidden');
  });

  it('keeps a portal token to its own customer', async () => {
    const api = request(system.gatewayUrl);
    const portal = bearer('viewer', newTenant(), { cid: CID });
    expectProblem(await api.get('/v1/customers').set('Authorization', portal), 403, 'forbidden');
    expectProblem(await api.get('/v1/attributes').set('Authorization', portal), 403, 'forbidden');
    expectProblem(await api.post(`/v1/customers/${CID}/tags`).set('Authorization', portal).send({ tag: 'x' }), 403, 'forbidden');
    expectProblem(await api.get(`/v1/customers/${OTHER}`).set('Authorization', portal), 404, 'customer_not_found');
    expectProblem(await api.patch(`/v1/customers/${OTHER}`).set('Authorization', portal).send({ city: 'X' }), 404, 'customer_not_found');
  });

  it('lets a portal token find itself by email, and nobody else', async () => {
    const service = await fakeService('customers.customer.getByEmail', (data) => ({
      response: { id: data.email.startsWith('me@') ? CID : OTHER, email: data.email },
    }));
    try {
      const api = request(system.gatewayUrl);
      const portal = bearer('viewer', newTenant(), { cid: CID });
      const mine = await api.get('/v1/customers/by-email/me@example.com').set('Authorization', portal);
      expect(mine.status).toBe(200);
      expect(mine.body.id).toBe(CID);
      expectProblem(await api.get('/v1/customers/by-email/someone@example.com').set('Authorization', portal), 404, 'customer_not_found');
      expect(service.received[0].data.actor).toEqual({ type: 'customer', id: CID });
    } finally {
      service.stop();
    }
  });
});

describe('validation', () => {
  it('answers 400 with errors per field for unknown fields, wrong types, bad email and bad phone shape', async () => {
    const res = await request(system.gatewayUrl)
      .post('/v1/customers')
      .set('Authorization', bearer('admin'))
      .send({ firstName: 42, email: 'not-an-email', phone: 'call me', nickname: 'x', tenantId: 'other', utm: { source: 1, extra: 'x' } });
    expectProblem(res, 400, 'validation_failed');
    expect(Object.keys(res.body.errors).sort()).toEqual(['email', 'firstName', 'nickname', 'phone', 'tenantId', 'utm.extra', 'utm.source']);
    expect(res.body.errors.email).toEqual(['email must be an email']);
  });

  it('checks ids, query parameters and bodies of every route', async () => {
    const api = request(system.gatewayUrl);
    const admin = bearer('admin');
    const notUuid = await api.get('/v1/customers/42').set('Authorization', admin);
    expectProblem(notUuid, 400, 'validation_failed');
    expect(notUuid.body.errors).toEqual({ id: ['id must be a UUID'] });
    const query = await api.get('/v1/customers?limit=101&sort=age&unknown=1').set('Authorization', admin);
    expectProblem(query, 400, 'validation_failed');
    expect(Object.keys(query.body.errors).sort()).toEqual(['limit', 'sort', 'unknown']);
    expectProblem(await api.get('/v1/customers/by-email/not-an-email').set('Authorization', admin), 400, 'validation_failed');
    expectProblem(await api.post(`/v1/customers/${OTHER}/consents`).set('Authorization', admin).send({ key: 'news', status: 'maybe' }), 400, 'validation_failed');
    expectProblem(await api.post('/v1/attributes').set('Authorization', admin).send({ key: '1bad', label: 'x', type: 'colour' }), 400, 'validation_failed');
    expectProblem(await api.post(`/v1/customers/${OTHER}/emails/a@b.co/status`).set('Authorization', admin).send({ status: 'great' }), 400, 'validation_failed');
  });

  it('answers 400 for invalid JSON, 415 for other content types and 413 over the body limit', async () => {
    const api = request(system.gatewayUrl);
    const admin = bearer('admin');
    expectProblem(await api.post('/v1/customers').set('Authorization', admin).set('Content-Type', 'application/json').send('{"firstName":'), 400, 'bad_request');
    expectProblem(await api.post('/v1/customers').set('Authorization', admin).set('Content-Type', 'text/plain').send('hello'), 415, 'unsupported_media_type');
    const big = await api.post('/v1/customers').set('Authorization', admin).send({ firstName: 'x'.repeat(5000) });
    expectProblem(big, 413, 'payload_too_large');
  });
});

describe('calls to services', () => {
  it('sends the tenant and actor from the token and the request id in NATS headers', async () => {
    const service = await fakeService('customers.attribute.list', () => ({ response: [] }));
    try {
      const tenant = newTenant();
      const res = await request(system.gatewayUrl)
        .get('/v1/attributes')
        .set('Authorization', bearer('staff', tenant, { sub: 'user-7' }))
        .set('x-request-id', 'trace-abc.1');
      expect(res.status).toBe(200);
      expect(res.headers['x-request-id']).toBe('trace-abc.1');
      expect(service.received).toEqual([{ data: { tenantId: tenant, actor: { type: 'user', id: 'user-7', role: 'staff' } }, requestId: 'trace-abc.1' }]);
    } finally {
      service.stop();
    }
  });

  it('gives a service error back as problem+json with its code and field errors', async () => {
    const service = await fakeService('customers.customer.create', () => ({
      err: { status: 400, code: 'validation_failed', message: 'The request has invalid fields', details: { errors: { phone: ['phone is not a valid number'] } } },
    }));
    try {
      const res = await request(system.gatewayUrl).post('/v1/customers').set('Authorization', bearer('admin')).send({ phone: '+1 000' });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual({ phone: ['phone is not a valid number'] });
    } finally {
      service.stop();
    }
  });

  it('answers 503 when no service listens, and within RPC_TIMEOUT_MS when it does not answer', async () => {
    const api = request(system.gatewayUrl);
    expectProblem(await api.get(`/v1/customers/${OTHER}`).set('Authorization', bearer('admin')), 503, 'service_unavailable');
    const silent = await fakeService('customers.customer.list', () => null);
    try {
      const started = Date.now();
      expectProblem(await api.get('/v1/customers').set('Authorization', bearer('admin')), 503, 'service_unavailable');
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      silent.stop();
    }
  });

  it('does not delete when loyalty refuses (409 with its code) or does not answer (503)', async () => {
    const deletes = await fakeService('customers.customer.delete', (data) => ({ response: { id: data.id, deleted: true } }));
    const api = request(system.gatewayUrl);
    try {
      expectProblem(await api.delete(`/v1/customers/${OTHER}`).set('Authorization', bearer('owner')), 503, 'service_unavailable');
      const loyalty = await fakeService('loyalty.customer.deletionCheck', () => ({ response: { allowed: false, code: 'active_loyalty_card', reason: 'Delete the loyalty card first' } }));
      const refused = await api.delete(`/v1/customers/${OTHER}`).set('Authorization', bearer('owner'));
      loyalty.stop();
      expectProblem(refused, 409, 'active_loyalty_card');
      expect(deletes.received).toHaveLength(0);

      const agreeing = await fakeService('loyalty.customer.deletionCheck', () => ({ response: { allowed: true } }));
      const accepted = await api.delete(`/v1/customers/${OTHER}`).set('Authorization', bearer('admin'));
      agreeing.stop();
      expect(accepted.status).toBe(202);
      expect(accepted.body).toEqual({ id: OTHER, status: 'deleted' });
      expect(agreeing.received[0].data.customerId).toBe(OTHER);
      expect(deletes.received).toHaveLength(1);
    } finally {
      deletes.stop();
    }
  });
});

describe('rate limit', () => {
  it('limits each tenant on its own with 429 problem+json', async () => {
    const api = request(system.gatewayUrl);
    const busy = bearer('admin');
    for (let i = 0; i < 30; i++) expect((await api.get('/v1/customers/x').set('Authorization', busy)).status).toBe(400);
    const limited = await api.get('/v1/customers/x').set('Authorization', busy);
    expectProblem(limited, 429, 'rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await api.get('/v1/customers/x').set('Authorization', bearer('admin'))).status).toBe(400);
    expect((await api.get('/health/live')).status).toBe(200);
  });
});

describe('docs, health and metrics', () => {
  it('serves the OpenAPI document and the UI without a token', async () => {
    const api = request(system.gatewayUrl);
    const doc = await api.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const path of ['/v1/customers', '/v1/customers/{id}', '/v1/customers/by-email/{email}', '/v1/customers/{id}/emails/{address}/status',
      '/v1/customers/{id}/tags', '/v1/customers/{id}/tags/{tag}', '/v1/tags/{tag}/customers', '/v1/attributes', '/v1/customers/{id}/consents']) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
    expect(doc.body.paths['/v1/customers'].post.responses['400'].content).toHaveProperty(['application/problem+json']);
    expect(doc.body.components.schemas.CreateCustomerDto.properties).toHaveProperty('email');
    const ui = await api.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('answers liveness, readiness and Prometheus metrics by route', async () => {
    const api = request(system.gatewayUrl);
    expect((await api.get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await api.get('/health/ready')).body).toMatchObject({ status: 'ok' });
    const metrics = await api.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/v1\/customers\/:id"/);
    expect(metrics.text).toMatch(/process_cpu_seconds_total/);
  });
});

describe('configuration', () => {
  it('refuses to start in production without a JWT secret or public key', async () => {
    const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'production', JWT_SECRET: '', JWT_PUBLIC_KEY: '', PORT: '0' };
    const child = spawn(process.execPath, [appEntry('gateway')], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(78);
    expect(output).toMatch(/JWT_SECRET or JWT_PUBLIC_KEY is required in production/);
  });
});
