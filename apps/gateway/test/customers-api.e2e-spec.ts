import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signToken, TestSystem } from '@app/testing';
import type { Role } from '@app/contracts';

/** The customers API end to end: gateway → NATS → customers (and loyalty for deletion). */
let system: TestSystem;
const tenant = `gw-${randomUUID().slice(0, 8)}`;
const as = (role: Role, t = tenant, extra: { cid?: string } = {}) => `Bearer ${signToken({ tenant: t, role, ...extra })}`;
const api = () => request(system.gatewayUrl);
const uniqueEmail = (name: string) => `${name}-${randomUUID().slice(0, 6)}@example.com`;

async function createCustomer(body: Record<string, unknown>) {
  const res = await api().post('/v1/customers').set('Authorization', as('admin')).send(body);
  expect(res.status).toBe(201);
  return res.body;
}

beforeAll(async () => {
  system = await TestSystem.start({ apps: ['customers', 'loyalty', 'gateway'] });
});

afterAll(async () => {
  await system?.stop();
});

it('creates a customer, then finds it by id and by email, with the request id echoed', async () => {
  const email = uniqueEmail('ada');
  const created = await api()
    .post('/v1/customers')
    .set('Authorization', as('staff'))
    .set('x-request-id', 'create-ada-1')
    .send({ firstName: 'Ada', lastName: 'Lovelace', email, phone: '+49 151 23456789', utm: { source: 'newsletter' } });
  expect(created.status).toBe(201);
  expect(created.headers['x-request-id']).toBe('create-ada-1');
  expect(created.body).toMatchObject({ firstName: 'Ada', email, phones: [expect.objectContaining({ type: 'mobile' })], utm: { source: 'newsletter' } });

  const byId = await api().get(`/v1/customers/${created.body.id}`).set('Authorization', as('viewer'));
  expect(byId.status).toBe(200);
  expect(byId.body.id).toBe(created.body.id);

  const byEmail = await api().get(`/v1/customers/by-email/${encodeURIComponent(email.toUpperCase())}`).set('Authorization', as('viewer'));
  expect(byEmail.status).toBe(200);
  expect(byEmail.body.id).toBe(created.body.id);
});

it('answers 409 email_taken for a duplicate email and 404 for another tenant’s customer', async () => {
  const email = uniqueEmail('dup');
  const first = await createCustomer({ firstName: 'One', email });
  const again = await api().post('/v1/customers').set('Authorization', as('admin')).send({ firstName: 'Two', email });
  expect(again.status).toBe(409);
  expect(again.headers['content-type']).toMatch(/problem\+json/);
  expect(again.body.code).toBe('email_taken');

  const otherTenant = await api().get(`/v1/customers/${first.id}`).set('Authorization', as('admin', 'someone-else'));
  expect(otherTenant.status).toBe(404);
  expect(otherTenant.body.code).toBe('customer_not_found');
  expect((await api().get(`/v1/customers/${randomUUID()}`).set('Authorization', as('admin'))).status).toBe(404);
});

it('answers 400 with per-field errors from the gateway and from the service', async () => {
  const shape = await api().post('/v1/customers').set('Authorization', as('admin')).send({ email: 'nope', firstName: 7, favouriteColour: 'red' });
  expect(shape.status).toBe(400);
  expect(Object.keys(shape.body.errors).sort()).toEqual(['email', 'favouriteColour', 'firstName']);

  // The shape is fine, but libphonenumber in the customers service says it is no real number.
  const phone = await api().post('/v1/customers').set('Authorization', as('admin')).send({ firstName: 'Bad', phone: '+49 000' });
  expect(phone.status).toBe(400);
  expect(phone.body.code).toBe('validation_failed');
  expect(phone.body.errors).toHaveProperty('phone');
});

it('refuses writes by viewers with 403', async () => {
  const res = await api().post('/v1/customers').set('Authorization', as('viewer')).send({ firstName: 'No' });
  expect(res.status).toBe(403);
  expect(res.body.code).toBe('forbidden');
});

it('searches with q and pages with a cursor', async () => {
  const marker = `Zed${randomUUID().slice(0, 6)}`;
  for (let i = 0; i < 3; i++) await createCustomer({ firstName: marker, lastName: `N${i}`, email: uniqueEmail(`z${i}`) });
  const first = await api().get('/v1/customers').query({ q: marker, limit: 2, sort: 'name' }).set('Authorization', as('viewer'));
  expect(first.status).toBe(200);
  expect(first.body.items).toHaveLength(2);
  expect(first.body.nextCursor).toEqual(expect.any(String));
  const second = await api().get('/v1/customers').query({ q: marker, limit: 2, sort: 'name', cursor: first.body.nextCursor }).set('Authorization', as('viewer'));
  expect(second.body.items).toHaveLength(1);
  expect(second.body.nextCursor).toBeNull();
});

it('adds and removes tags and lists customers by tag', async () => {
  const customer = await createCustomer({ firstName: 'Tagged', email: uniqueEmail('tag') });
  const tag = `vip-${randomUUID().slice(0, 6)}`;
  const added = await api().post(`/v1/customers/${customer.id}/tags`).set('Authorization', as('staff')).send({ tag });
  expect(added.status).toBe(200);
  expect(added.body.tags).toContain(tag);
  const listed = await api().get(`/v1/tags/${tag}/customers`).set('Authorization', as('viewer'));
  expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([customer.id]);
  const removed = await api().delete(`/v1/customers/${customer.id}/tags/${tag}`).set('Authorization', as('staff'));
  expect(removed.status).toBe(200);
  expect(removed.body.tags).not.toContain(tag);
});

it('defines attributes (owner/admin) and validates values against them', async () => {
  const key = `size${randomUUID().slice(0, 4)}`;
  expect((await api().post('/v1/attributes').set('Authorization', as('staff')).send({ key, label: 'Size', type: 'number' })).status).toBe(403);
  const defined = await api().post('/v1/attributes').set('Authorization', as('owner')).send({ key, label: 'Size', type: 'number' });
  expect(defined.status).toBe(201);
  expect(defined.body).toMatchObject({ key, type: 'number' });
  const list = await api().get('/v1/attributes').set('Authorization', as('viewer'));
  expect(list.body.map((a: { key: string }) => a.key)).toContain(key);
  const customer = await createCustomer({ firstName: 'Attr', email: uniqueEmail('attr'), attributes: { [key]: 42 } });
  expect(customer.attributes[key]).toBe(42);
  const wrong = await api().post('/v1/customers').set('Authorization', as('admin')).send({ firstName: 'Attr', attributes: { [key]: 'big' } });
  expect(wrong.status).toBe(400);
});

it('records consents with history; a portal token manages its own and reaches no one else', async () => {
  const customer = await createCustomer({ firstName: 'Con', email: uniqueEmail('con') });
  const other = await createCustomer({ firstName: 'Other', email: uniqueEmail('other') });
  const given = await api().post(`/v1/customers/${customer.id}/consents`).set('Authorization', as('staff')).send({ key: 'newsletter', status: 'given' });
  expect(given.status).toBe(200);
  const portal = as('viewer', tenant, { cid: customer.id });
  const revoked = await api().post(`/v1/customers/${customer.id}/consents`).set('Authorization', portal).send({ key: 'newsletter', status: 'revoked' });
  expect(revoked.status).toBe(200);
  expect(revoked.body).toMatchObject({ key: 'newsletter', status: 'revoked' });
  expect(revoked.body.history).toHaveLength(2);

  const list = await api().get(`/v1/customers/${customer.id}/consents`).set('Authorization', portal);
  expect(list.body.items).toEqual([expect.objectContaining({ key: 'newsletter', status: 'revoked' })]);
  expect((await api().get(`/v1/customers/${customer.id}`).set('Authorization', portal)).status).toBe(200);
  expect((await api().get(`/v1/customers/${other.id}`).set('Authorization', portal)).status).toBe(404);
  expect((await api().get(`/v1/customers/by-email/${other.email}`).set('Authorization', portal)).status).toBe(404);
  expect((await api().get('/v1/customers').set('Authorization', portal)).status).toBe(403);
});

it('marks an email bounced and lets staff change it only then (C3)', async () => {
  const email = uniqueEmail('bounce');
  const customer = await createCustomer({ firstName: 'Bo', email });
  const refused = await api().patch(`/v1/customers/${customer.id}`).set('Authorization', as('admin')).send({ email: uniqueEmail('new') });
  expect(refused.status).toBe(409);
  expect(refused.body.code).toBe('email_change_not_allowed');
  const bounced = await api().post(`/v1/customers/${customer.id}/emails/${email}/status`).set('Authorization', as('staff')).send({ status: 'bounced' });
  expect(bounced.status).toBe(200);
  const newEmail = uniqueEmail('new');
  const changed = await api().patch(`/v1/customers/${customer.id}`).set('Authorization', as('admin')).send({ email: newEmail, city: 'Berlin' });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ email: newEmail, city: 'Berlin' });
  const cleared = await api().patch(`/v1/customers/${customer.id}`).set('Authorization', as('admin')).send({ city: null });
  expect(cleared.status).toBe(200);
  expect(cleared.body.city).toBeNull();

  // The customer changes their own email through the portal, whatever its status.
  const portal = as('viewer', tenant, { cid: customer.id });
  const own = uniqueEmail('own');
  const byCustomer = await api().patch(`/v1/customers/${customer.id}`).set('Authorization', portal).send({ email: own });
  expect(byCustomer.status).toBe(200);
  expect(byCustomer.body.email).toBe(own);
});

it('deletes a customer (202) after loyalty agrees, and answers 503 without deleting when loyalty is down', async () => {
  const doomed = await createCustomer({ firstName: 'Gone', email: uniqueEmail('gone') });
  expect((await api().delete(`/v1/customers/${doomed.id}`).set('Authorization', as('staff'))).status).toBe(403);
  const deleted = await api().delete(`/v1/customers/${doomed.id}`).set('Authorization', as('owner'));
  expect(deleted.status).toBe(202);
  expect(deleted.body).toEqual({ id: doomed.id, status: 'deleted' });
  expect((await api().get(`/v1/customers/${doomed.id}`).set('Authorization', as('admin'))).status).toBe(404);

  const kept = await createCustomer({ firstName: 'Kept', email: uniqueEmail('kept') });
  await system.app('loyalty').stop();
  const unavailable = await api().delete(`/v1/customers/${kept.id}`).set('Authorization', as('owner'));
  expect(unavailable.status).toBe(503);
  expect(unavailable.body.code).toBe('service_unavailable');
  expect((await api().get(`/v1/customers/${kept.id}`).set('Authorization', as('admin'))).status).toBe(200);
});

it('reads and changes tenant settings (owner/admin), refusing bad values', async () => {
  const defaults = await api().get('/v1/settings').set('Authorization', as('viewer'));
  expect(defaults.status).toBe(200);
  expect(defaults.body).toMatchObject({ timeZone: 'UTC', currency: 'EUR', publicUrl: null });
  expect((await api().patch('/v1/settings').set('Authorization', as('staff')).send({ timeZone: 'Europe/Berlin' })).status).toBe(403);
  // The shape is checked at the gateway, the meaning (a real zone, a real currency) by the service.
  const shape = await api().patch('/v1/settings').set('Authorization', as('admin')).send({ currency: 'XYZW', interestWindowDays: 0 });
  expect(shape.status).toBe(400);
  expect(Object.keys(shape.body.errors).sort()).toEqual(['currency', 'interestWindowDays']);
  const meaning = await api().patch('/v1/settings').set('Authorization', as('admin')).send({ timeZone: 'Europe/Atlantis', currency: 'XYZ' });
  expect(meaning.status).toBe(400);
  expect(Object.keys(meaning.body.errors).sort()).toEqual(['currency', 'timeZone']);
  const changed = await api().patch('/v1/settings').set('Authorization', as('owner')).send({ timeZone: 'Europe/Berlin', publicUrl: 'https://studio.example.com' });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ timeZone: 'Europe/Berlin', publicUrl: 'https://studio.example.com', currency: 'EUR' });
  expect((await api().get('/v1/settings').set('Authorization', as('viewer'))).body.timeZone).toBe('Europe/Berlin');
});
