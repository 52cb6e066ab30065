import { createHash, randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@app/contracts';
import { query, signToken, TestSystem } from '@app/testing';

/** The B2B account sections (C9-C15) end to end: gateway → NATS → customers → Postgres. */
const MAX_BYTES = 600_000;
let system: TestSystem;
const tenant = `b2b-${randomUUID().slice(0, 8)}`;
const as = (role: Role, t = tenant, extra: { cid?: string; sub?: string } = {}) => `Bearer ${signToken({ tenant: t, role, ...extra })}`;
const api = () => request(system.gatewayUrl);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

async function aCompany(t = tenant): Promise<string> {
  const res = await api().post('/v1/customers').set('Authorization', as('admin', t)).send({ kind: 'company', companyName: `Shop ${randomUUID().slice(0, 6)}` });
  expect(res.status).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  system = await TestSystem.start({ apps: ['customers', 'gateway'], appEnv: { customers: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } } });
  await api().post('/v1/note-types').set('Authorization', as('admin')).send({ key: 'call', label: 'Phone call' }).expect(201);
});

afterAll(async () => {
  await system?.stop();
});

describe('notes (C9)', () => {
  it('adds notes with the caller as author, lists them filtered, and lets only the author or an admin edit', async () => {
    const id = await aCompany();
    const created = await api()
      .post(`/v1/customers/${id}/notes`)
      .set('Authorization', as('staff', tenant, { sub: 'rep-1' }))
      .send({ type: 'call', season: 'FW', year: 2025, callStatus: 'call_back', text: 'Call back Monday' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ customerId: id, type: 'call', author: { type: 'user', id: 'rep-1' }, callStatus: 'call_back' });
    await api().post(`/v1/customers/${id}/notes`).set('Authorization', as('staff')).send({ type: 'call', season: 'SS', year: 2026, text: 'Spring order' }).expect(201);

    const filtered = await api().get(`/v1/customers/${id}/notes`).query({ season: 'FW', year: 2025 }).set('Authorization', as('viewer'));
    expect(filtered.status).toBe(200);
    expect(filtered.body.items.map((n: { id: string }) => n.id)).toEqual([created.body.id]);
    expect(filtered.body.nextCursor).toBeNull();

    const other = await api().patch(`/v1/customers/${id}/notes/${created.body.id}`).set('Authorization', as('staff', tenant, { sub: 'rep-2' })).send({ text: 'mine now' });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('not_note_author');
    const own = await api().patch(`/v1/customers/${id}/notes/${created.body.id}`).set('Authorization', as('staff', tenant, { sub: 'rep-1' })).send({ text: 'Called back', callStatus: 'reached' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ text: 'Called back', callStatus: 'reached', updatedBy: { id: 'rep-1' } });
    const removed = await api().delete(`/v1/customers/${id}/notes/${created.body.id}`).set('Authorization', as('admin'));
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ id: created.body.id, deleted: true });
  });

  it('answers 400 per field for bad input, from the gateway and from the service', async () => {
    const id = await aCompany();
    const shape = await api().post(`/v1/customers/${id}/notes`).set('Authorization', as('staff')).send({ type: 'Call!', year: 20250, colour: 'red' });
    expect(shape.status).toBe(400);
    expect(Object.keys(shape.body.errors).sort()).toEqual(['colour', 'text', 'type', 'year']);
    const unknownType = await api().post(`/v1/customers/${id}/notes`).set('Authorization', as('staff')).send({ type: 'fax', text: 'x' });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.errors.type).toEqual([expect.stringContaining('note types')]);
    expect((await api().get(`/v1/customers/${id}/notes`).query({ callStatus: 'maybe' }).set('Authorization', as('staff'))).status).toBe(400);
  });

  it('keeps note types for owners and admins to change', async () => {
    expect((await api().post('/v1/note-types').set('Authorization', as('staff')).send({ key: 'visit', label: 'Visit' })).status).toBe(403);
    const types = await api().get('/v1/note-types').set('Authorization', as('viewer'));
    expect(types.body).toEqual([{ key: 'call', label: 'Phone call', position: 0 }]);
    expect((await api().delete('/v1/note-types/call').set('Authorization', as('admin'))).body.code).toBe('note_type_in_use');
  });
});

describe('tasks (C10) and appointments (C11)', () => {
  it('creates a task from the profile, completes it and lists open or done, also across customers', async () => {
    const id = await aCompany();
    const task = await api()
      .post(`/v1/customers/${id}/tasks`)
      .set('Authorization', as('staff'))
      .send({ category: 'Follow-up', assignee: 'rep-7', dueDate: '2025-06-30', description: 'Send the price list' });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ customerId: id, status: 'open', assignee: 'rep-7' });
    const done = await api().patch(`/v1/customers/${id}/tasks/${task.body.id}`).set('Authorization', as('staff', tenant, { sub: 'rep-7' })).send({ status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', completedBy: { id: 'rep-7' } });
    expect((await api().get(`/v1/customers/${id}/tasks?status=open`).set('Authorization', as('viewer'))).body.items).toEqual([]);
    expect((await api().get(`/v1/customers/${id}/tasks?status=done`).set('Authorization', as('viewer'))).body.items).toHaveLength(1);
    const mine = await api().get('/v1/tasks').query({ assignee: 'rep-7' }).set('Authorization', as('staff'));
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([task.body.id]);
    expect((await api().get('/v1/tasks?status=closed').set('Authorization', as('staff'))).status).toBe(400);
  });

  it('lists appointments of every year and season, filtered', async () => {
    const id = await aCompany();
    for (const [season, year, startsAt] of [
      ['SS', 2024, '2024-02-01T09:00:00Z'],
      ['FW', 2025, '2025-08-01T09:00:00+02:00'],
    ] as const) {
      const res = await api().post(`/v1/customers/${id}/appointments`).set('Authorization', as('staff')).send({ type: 'Showroom', season, year, startsAt, notes: 'Samples' });
      expect(res.status).toBe(201);
    }
    const all = await api().get(`/v1/customers/${id}/appointments`).set('Authorization', as('viewer'));
    expect(all.body.items.map((a: { year: number }) => a.year)).toEqual([2025, 2024]);
    expect(all.body.items[0].startsAt).toBe('2025-08-01T07:00:00.000Z');
    const fw = await api().get(`/v1/customers/${id}/appointments?season=FW&year=2025`).set('Authorization', as('viewer'));
    expect(fw.body.items).toHaveLength(1);
    const bad = await api().post(`/v1/customers/${id}/appointments`).set('Authorization', as('staff')).send({ type: 'x', startsAt: '2025-08-01T09:00:00' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('startsAt');
  });
});

describe('locations (C12) and contacts (C13)', () => {
  const address = { line1: 'Torstraße 1', city: 'Berlin', country: 'DE' };

  it('keeps exactly one primary location under concurrent creates, switches and deletes through the API', async () => {
    const id = await aCompany();
    const creates = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api().post(`/v1/customers/${id}/locations`).set('Authorization', as('staff')).send({ ...address, name: `L${i}`, primary: i % 2 === 0 })),
    );
    expect(creates.map((r) => r.status)).toEqual(Array(12).fill(201));
    const primaries = async () => {
      const list = await api().get(`/v1/customers/${id}/locations?limit=100`).set('Authorization', as('viewer'));
      return list.body.items.filter((l: { primary: boolean }) => l.primary).map((l: { id: string }) => l.id);
    };
    expect(await primaries()).toHaveLength(1);

    const ids = creates.map((r) => r.body.id as string);
    const switches = await Promise.all(ids.map((itemId) => api().post(`/v1/customers/${id}/locations/${itemId}/primary`).set('Authorization', as('staff'))));
    expect(switches.map((r) => r.status)).toEqual(Array(12).fill(200));
    const [primary] = await primaries();
    expect(ids).toContain(primary);

    // Delete the primary and five others at once: one location is primary again.
    const doomed = [primary, ...ids.filter((i) => i !== primary).slice(0, 5)];
    const deletes = await Promise.all(doomed.map((itemId) => api().delete(`/v1/customers/${id}/locations/${itemId}`).set('Authorization', as('staff'))));
    expect(deletes.map((r) => r.status)).toEqual(Array(6).fill(200));
    const after = await primaries();
    expect(after).toHaveLength(1);
    expect(doomed).not.toContain(after[0]);
    const [{ n }] = await query<{ n: number }>(system.db('customers'), `SELECT count(*)::int AS n FROM customer_locations WHERE tenant_id = $1 AND customer_id = $2 AND is_primary`, [tenant, id]);
    expect(n).toBe(1);
  });

  it('shows which contacts may be emailed (no consent, no email)', async () => {
    const id = await aCompany();
    const consented = await api().post(`/v1/customers/${id}/contacts`).set('Authorization', as('staff')).send({ name: 'Bea Buyer', email: 'bea@shop.example', emailConsent: 'given' });
    expect(consented.body).toMatchObject({ primary: true, canEmail: true });
    const silent = await api().post(`/v1/customers/${id}/contacts`).set('Authorization', as('staff')).send({ name: 'Olaf', email: 'olaf@shop.example', phone: '+49 30 1234567' });
    expect(silent.body).toMatchObject({ primary: false, canEmail: false, emailConsent: 'not_captured', phoneType: 'landline' });
    const emailable = await api().get(`/v1/customers/${id}/contacts?canEmail=true`).set('Authorization', as('viewer'));
    expect(emailable.body.items.map((c: { id: string }) => c.id)).toEqual([consented.body.id]);
    const moved = await api().post(`/v1/customers/${id}/contacts/${silent.body.id}/primary`).set('Authorization', as('staff'));
    expect(moved.status).toBe(200);
    expect(moved.body.primary).toBe(true);
    expect((await api().post(`/v1/customers/${id}/contacts`).set('Authorization', as('staff')).send({ name: 'X', email: 'not-an-email' })).status).toBe(400);
  });
});

describe('attachments (C14)', () => {
  const upload = (id: string, data: Buffer, filename: string, contentType: string, role: Role = 'staff') =>
    api().post(`/v1/customers/${id}/attachments`).set('Authorization', as(role)).attach('file', data, { filename, contentType });

  it('uploads a file of several chunks, lists it and downloads it byte for byte', async () => {
    const id = await aCompany();
    const data = pdf(550_000);
    const res = await upload(id, data, 'Preisliste März.pdf', 'application/pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ customerId: id, fileName: 'Preisliste März.pdf', contentType: 'application/pdf', size: 550_000, sha256: sha256(data), chunks: 3 });

    const list = await api().get(`/v1/customers/${id}/attachments`).set('Authorization', as('viewer'));
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([res.body.id]);

    const download = await api()
      .get(`/v1/customers/${id}/attachments/${res.body.id}/content`)
      .set('Authorization', as('viewer'))
      .buffer(true)
      .parse((response, callback) => {
        const parts: Buffer[] = [];
        response.on('data', (c: Buffer) => parts.push(c));
        response.on('end', () => callback(null, Buffer.concat(parts)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-length']).toBe('550000');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Preisliste M_rz.pdf"; filename*=UTF-8''Preisliste%20M%C3%A4rz.pdf`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers.etag).toBe(`"${sha256(data)}"`);
    expect((download.body as Buffer).equals(data)).toBe(true);

    const notModified = await api().get(`/v1/customers/${id}/attachments/${res.body.id}/content`).set('Authorization', as('viewer')).set('If-None-Match', `"${sha256(data)}"`);
    expect(notModified.status).toBe(304);

    const renamed = await api().patch(`/v1/customers/${id}/attachments/${res.body.id}`).set('Authorization', as('staff')).send({ fileName: 'Prices.pdf' });
    expect(renamed.body.fileName).toBe('Prices.pdf');
    expect((await api().delete(`/v1/customers/${id}/attachments/${res.body.id}`).set('Authorization', as('staff'))).status).toBe(200);
    expect((await api().get(`/v1/customers/${id}/attachments/${res.body.id}/content`).set('Authorization', as('viewer'))).status).toBe(404);
  });

  it('answers 413 payload_too_large for a file one byte over the limit, and keeps nothing of it', async () => {
    const id = await aCompany();
    const atLimit = await upload(id, pdf(MAX_BYTES), 'limit.pdf', 'application/pdf');
    expect(atLimit.status).toBe(201);
    const over = await upload(id, pdf(MAX_BYTES + 1), 'over.pdf', 'application/pdf');
    expect(over.status).toBe(413);
    expect(over.headers['content-type']).toMatch(/problem\+json/);
    expect(over.body.code).toBe('payload_too_large');
    const far = await upload(id, pdf(3 * MAX_BYTES), 'far.pdf', 'application/pdf');
    expect(far.status).toBe(413);
    // Far beyond what the gateway reads after a refusal: still a 413, on a closed connection.
    const huge = await upload(id, pdf(12 * 1024 * 1024), 'huge.pdf', 'application/pdf');
    expect([huge.status, huge.body.code, huge.headers.connection]).toEqual([413, 'payload_too_large', 'close']);
    const list = await api().get(`/v1/customers/${id}/attachments`).set('Authorization', as('viewer'));
    expect(list.body.items.map((a: { fileName: string }) => a.fileName)).toEqual(['limit.pdf']);
    const rows = await query<{ n: number }>(system.db('customers'), `SELECT count(*)::int AS n FROM customer_attachments WHERE tenant_id = $1 AND customer_id = $2`, [tenant, id]);
    expect(rows[0].n).toBe(1);
  });

  it('answers 415 for a type not accepted, for content that is not what it claims, and for a body that is not multipart', async () => {
    const id = await aCompany();
    const html = await upload(id, Buffer.from('<script>alert(1)</script>'), 'page.html', 'text/html');
    expect(html.status).toBe(415);
    expect(html.body.code).toBe('unsupported_media_type');
    const fake = await upload(id, Buffer.concat([Buffer.from('MZ'), randomBytes(2000)]), 'invoice.pdf', 'application/pdf');
    expect(fake.status).toBe(415);
    const json = await api().post(`/v1/customers/${id}/attachments`).set('Authorization', as('staff')).send({ file: 'aGVsbG8=' });
    expect(json.status).toBe(415);
    // Multipart is for uploads only: a JSON route still refuses it.
    const onJsonRoute = await api().post(`/v1/customers/${id}/notes`).set('Authorization', as('staff')).attach('file', Buffer.from('x'), 'a.txt');
    expect([onJsonRoute.status, onJsonRoute.body.code]).toEqual([415, 'unsupported_media_type']);
    const empty = await upload(id, Buffer.alloc(0), 'empty.txt', 'text/plain');
    expect(empty.status).toBe(400);
    expect((await api().get(`/v1/customers/${id}/attachments`).set('Authorization', as('viewer'))).body.items).toEqual([]);
  });

  it('lets viewers read but not upload, and keeps files within the tenant', async () => {
    const id = await aCompany();
    expect((await upload(id, Buffer.from('hello'), 'a.txt', 'text/plain', 'viewer')).status).toBe(403);
    const ok = await upload(id, Buffer.from('hello'), 'a.txt', 'text/plain');
    expect(ok.status).toBe(201);
    const stranger = `other-${randomUUID().slice(0, 6)}`;
    expect((await api().get(`/v1/customers/${id}/attachments/${ok.body.id}/content`).set('Authorization', as('admin', stranger))).status).toBe(404);
    expect((await api().post(`/v1/customers/${id}/attachments`).set('Authorization', as('admin', stranger)).attach('file', Buffer.from('x'), { filename: 'a.txt', contentType: 'text/plain' })).status).toBe(404);
  });
});

describe('brands and commission (C15)', () => {
  it('shows each of the customer’s brands with the effective rate and its source', async () => {
    const id = await aCompany();
    const brand = async (name: string, defaultRateBps: number) => (await api().post('/v1/brands').set('Authorization', as('admin')).send({ name, defaultRateBps }).expect(201)).body;
    const alpha = await brand(`Alpha ${id.slice(0, 4)}`, 1000);
    const beta = await brand(`Beta ${id.slice(0, 4)}`, 800);
    expect((await api().post('/v1/brands').set('Authorization', as('staff')).send({ name: 'Nope', defaultRateBps: 1 })).status).toBe(403);
    expect((await api().post('/v1/brands').set('Authorization', as('admin')).send({ name: alpha.name.toUpperCase(), defaultRateBps: 1 })).body.code).toBe('brand_exists');

    const rep = await api()
      .post('/v1/sales-reps')
      .set('Authorization', as('admin'))
      .send({ name: 'Rita Rep', defaultRateBps: 1200, brandRates: [{ brandId: beta.id, rateBps: 1350 }] });
    expect(rep.status).toBe(201);
    const assigned = await api().put(`/v1/customers/${id}/sales-rep`).set('Authorization', as('staff')).send({ salesRepId: rep.body.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body.salesRep).toMatchObject({ id: rep.body.id, name: 'Rita Rep' });

    await api().put(`/v1/customers/${id}/brands/${alpha.id}`).set('Authorization', as('staff')).send({ status: 'active', brandCustomerId: 'A-42', rateBps: 725 }).expect(200);
    const betaSet = await api().put(`/v1/customers/${id}/brands/${beta.id}`).set('Authorization', as('staff')).send({ status: 'potential' });
    expect(betaSet.body.effectiveRate).toEqual({ rateBps: 1350, percent: '13.50', source: 'sales_rep_brand' });

    const list = await api().get(`/v1/customers/${id}/brands`).set('Authorization', as('viewer'));
    expect(list.body.items.map((b: any) => [b.brandName, b.status, b.brandCustomerId, b.effectiveRate.percent, b.effectiveRate.source])).toEqual([
      [alpha.name, 'active', 'A-42', '7.25', 'customer'],
      [beta.name, 'potential', null, '13.50', 'sales_rep_brand'],
    ]);
    const potential = await api().get(`/v1/customers/${id}/brands?status=potential`).set('Authorization', as('viewer'));
    expect(potential.body.items).toHaveLength(1);

    await api().put(`/v1/customers/${id}/sales-rep`).set('Authorization', as('staff')).send({ salesRepId: null }).expect(200);
    const fallback = await api().get(`/v1/customers/${id}/brands?status=potential`).set('Authorization', as('viewer'));
    expect(fallback.body.items[0].effectiveRate).toEqual({ rateBps: 800, percent: '8.00', source: 'brand' });
    const badRate = await api().put(`/v1/customers/${id}/brands/${alpha.id}`).set('Authorization', as('staff')).send({ status: 'active', rateBps: 12.5 });
    expect(badRate.status).toBe(400);
    expect((await api().delete(`/v1/brands/${alpha.id}`).set('Authorization', as('admin'))).body.code).toBe('brand_in_use');
  });
});

describe('access to the staff sections', () => {
  it('refuses portal tokens (403), viewer writes (403) and another tenant’s ids (404)', async () => {
    const id = await aCompany();
    const portal = as('viewer', tenant, { cid: id });
    for (const path of ['notes', 'tasks', 'appointments', 'locations', 'contacts', 'attachments', 'brands', 'sales-rep']) {
      const res = await api().get(`/v1/customers/${id}/${path}`).set('Authorization', portal);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'forbidden']);
    }
    for (const [path, body] of [
      ['notes', { type: 'call', text: 'x' }],
      ['tasks', { category: 'c', dueDate: '2025-01-01', description: 'd' }],
      ['appointments', { type: 't', startsAt: '2025-01-01T10:00:00Z' }],
      ['locations', { line1: 'a', city: 'b', country: 'DE' }],
      ['contacts', { name: 'n' }],
    ] as const) {
      expect((await api().post(`/v1/customers/${id}/${path}`).set('Authorization', portal).send(body)).status).toBe(403);
      expect((await api().post(`/v1/customers/${id}/${path}`).set('Authorization', as('viewer')).send(body)).status).toBe(403);
      const other = await api().post(`/v1/customers/${id}/${path}`).set('Authorization', as('staff', `else-${randomUUID().slice(0, 6)}`)).send(body);
      expect([path, other.status, other.body.code]).toEqual([path, 404, 'customer_not_found']);
    }
    const location = await api().post(`/v1/customers/${id}/locations`).set('Authorization', as('staff')).send({ line1: 'a', city: 'b', country: 'DE' });
    const elsewhere = as('admin', `else-${randomUUID().slice(0, 6)}`);
    expect((await api().post(`/v1/customers/${id}/locations/${location.body.id}/primary`).set('Authorization', elsewhere)).status).toBe(404);
    expect((await api().delete(`/v1/customers/${id}/locations/${location.body.id}`).set('Authorization', elsewhere)).status).toBe(404);
    expect((await api().delete(`/v1/customers/${id}/locations/not-a-uuid`).set('Authorization', as('staff'))).status).toBe(400);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await api().get('/docs-json');
    for (const path of ['/v1/customers/{id}/notes', '/v1/customers/{id}/locations/{itemId}/primary', '/v1/customers/{id}/attachments/{itemId}/content', '/v1/customers/{id}/brands/{brandId}', '/v1/note-types']) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
  });
});
