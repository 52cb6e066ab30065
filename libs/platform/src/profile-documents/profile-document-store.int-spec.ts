import { randomUUID } from 'node:crypto';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dropTestDatabase, runSuffix, testDatabaseUrl, waitFor } from '@app/testing';
import { ensureDatabase } from '../database/ensure-database';
import { dataSourceOptions } from '../database/data-source';
import { withinReadScope } from '../read-scope/read-scope';
import { forgetProfileDocuments, ProfileDocumentStore, type ProfileDocumentKey } from './profile-document-store';
import { customerColumns, profileChangeTriggers, tenantWide } from './profile-documents.migration';

/** Stored profile parts on a real Postgres: served while current, read afresh after any change that could show in them. */
describe('ProfileDocumentStore', () => {
  const url = testDatabaseUrl('platform', runSuffix());
  let db: DataSource;
  let store: ProfileDocumentStore;
  const warnings: string[] = [];

  beforeAll(async () => {
    await ensureDatabase(url);
    db = new DataSource(dataSourceOptions(url, { entities: [], migrations: [] }) as DataSourceOptions);
    await db.initialize();
    await db.runMigrations();
    await db.query(`CREATE TABLE visits (tenant_id text NOT NULL, id serial PRIMARY KEY, customer_id uuid, guest_id uuid)`);
    await db.query(`CREATE TABLE rooms (tenant_id text NOT NULL, id serial PRIMARY KEY, name text NOT NULL)`);
    for (const sql of profileChangeTriggers('visits', customerColumns('customer_id', 'guest_id'))) await db.query(sql);
    for (const sql of profileChangeTriggers('rooms', tenantWide)) await db.query(sql);
    store = new ProfileDocumentStore(db, true, (message) => warnings.push(message));
  });

  afterAll(async () => {
    await db?.destroy();
    await dropTestDatabase(url);
  });

  /** A part that counts the customer's visits and rooms as of its read, and how often it was read. */
  const part = (key: ProfileDocumentKey, validUntil: Date | null = null) => {
    const reads = { count: 0 };
    const read = () =>
      store.read(key, async () => {
        reads.count++;
        const [row] = await db.query(
          `SELECT (SELECT count(*)::int FROM visits WHERE tenant_id = $1 AND $2 IN (customer_id, guest_id)) AS visits,
                  (SELECT count(*)::int FROM rooms WHERE tenant_id = $1) AS rooms`,
          [key.tenantId, key.customerId],
        );
        return { document: row as { visits: number; rooms: number }, validUntil };
      });
    return { read, reads };
  };
  /** A part that is the number of times it was read; `duringFirstRead` runs inside its first read. */
  const partCountingReads = (key: ProfileDocumentKey, duringFirstRead: () => Promise<unknown>) => {
    let reads = 0;
    return () =>
      store.read(key, async () => {
        if (++reads === 1) await duringFirstRead();
        return { document: { read: reads }, validUntil: null };
      });
  };
  const keyOf = (tenantId = `t-${randomUUID().slice(0, 8)}`, customerId = randomUUID()): ProfileDocumentKey => ({ tenantId, customerId, variant: 'staff:5' });
  const visit = (tenantId: string, customerId: string | null, guestId: string | null = null) =>
    db.query(`INSERT INTO visits (tenant_id, customer_id, guest_id) VALUES ($1, $2, $3) RETURNING id`, [tenantId, customerId, guestId]);

  it('reads a part once and serves it stored until something it shows changes', async () => {
    const key = keyOf();
    const { read, reads } = part(key);
    await visit(key.tenantId, key.customerId);
    expect(await read()).toEqual({ visits: 1, rooms: 0 });
    expect(await read()).toEqual({ visits: 1, rooms: 0 });
    expect(reads.count).toBe(1);
    await visit(key.tenantId, key.customerId);
    expect(await read()).toEqual({ visits: 2, rooms: 0 });
    expect(reads.count).toBe(2);
    expect(await read()).toEqual({ visits: 2, rooms: 0 });
    expect(reads.count).toBe(2);
  });

  it('also inside a read scope on one connection', async () => {
    const key = keyOf();
    const { read, reads } = part(key);
    expect(await withinReadScope(read, { oneConnection: true })).toEqual({ visits: 0, rooms: 0 });
    expect(await withinReadScope(read, { oneConnection: true })).toEqual({ visits: 0, rooms: 0 });
    expect(reads.count).toBe(1);
  });

  it("keeps other customers' parts, and makes both customers of a moved row stale", async () => {
    const a = keyOf();
    const b = keyOf(a.tenantId);
    const [pa, pb] = [part(a), part(b)];
    const [{ id }] = await visit(a.tenantId, a.customerId);
    await pa.read();
    await pb.read();
    await visit(a.tenantId, randomUUID(), null);
    await pa.read();
    await pb.read();
    expect([pa.reads.count, pb.reads.count]).toEqual([1, 1]);
    await db.query(`UPDATE visits SET customer_id = $2 WHERE id = $1`, [id, b.customerId]);
    expect(await pa.read()).toEqual({ visits: 0, rooms: 0 });
    expect(await pb.read()).toEqual({ visits: 1, rooms: 0 });
    expect([pa.reads.count, pb.reads.count]).toEqual([2, 2]);
    // Any of the named columns: a guest's part is also changed.
    await visit(a.tenantId, null, a.customerId);
    expect(await pa.read()).toEqual({ visits: 1, rooms: 0 });
    await db.query(`DELETE FROM visits WHERE guest_id = $1`, [a.customerId]);
    expect(await pa.read()).toEqual({ visits: 0, rooms: 0 });
  });

  it("makes every part of a tenant stale on a tenant-wide change, and no other tenant's", async () => {
    const a = keyOf();
    const b = keyOf(a.tenantId);
    const other = keyOf();
    const parts = [part(a), part(b), part(other)];
    for (const p of parts) await p.read();
    await db.query(`INSERT INTO rooms (tenant_id, name) VALUES ($1, 'Studio 1')`, [a.tenantId]);
    expect(await parts[0].read()).toEqual({ visits: 0, rooms: 1 });
    expect(await parts[1].read()).toEqual({ visits: 0, rooms: 1 });
    await parts[2].read();
    expect(parts.map((p) => p.reads.count)).toEqual([2, 2, 1]);
  });

  it('reads a part afresh once its valid-until instant has passed', async () => {
    const key = keyOf();
    const { read, reads } = part(key, new Date(Date.now() + 300));
    await read();
    await read();
    expect(reads.count).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await read();
    expect(reads.count).toBe(2);
  });

  it('does not serve a part read before a change that committed after its read began', async () => {
    const key = keyOf();
    const { read, reads } = part(key);
    const writer = db.createQueryRunner();
    await writer.startTransaction();
    try {
      await writer.query(`INSERT INTO visits (tenant_id, customer_id) VALUES ($1, $2)`, [key.tenantId, key.customerId]);
      expect(await read()).toEqual({ visits: 0, rooms: 0 });
      expect(await read()).toEqual({ visits: 0, rooms: 0 });
      await writer.commitTransaction();
    } finally {
      await writer.release();
    }
    expect(await read()).toEqual({ visits: 1, rooms: 0 });
    expect(reads.count).toBe(2);
  });

  it('does not store a part that a change committed during its read has already made stale', async () => {
    const key = keyOf();
    const read = partCountingReads(key, () => visit(key.tenantId, key.customerId));
    expect(await read()).toEqual({ read: 1 });
    expect(await read()).toEqual({ read: 2 });
    expect(await read()).toEqual({ read: 2 });
  });

  it('collects stale parts and their changes, keeps current ones, and refuses a part read before the collection', async () => {
    const stale = keyOf();
    const current = keyOf(stale.tenantId);
    const [ps, pc] = [part(stale), part(current)];
    await ps.read();
    await pc.read();
    await visit(stale.tenantId, stale.customerId);
    // A transaction still running anywhere in the cluster (another test file) holds the horizon
    // back, and a collection leaves what it cannot yet judge: collect until the horizon has passed.
    const collected = { documents: 0, changes: 0 };
    const rows = await waitFor(async () => {
      const once = await store.collect();
      collected.documents += once.documents;
      collected.changes += once.changes;
      const left = await db.query(`SELECT customer_id FROM profile_documents WHERE tenant_id = $1`, [stale.tenantId]);
      return left.length === 1 && left;
    }, 10_000, 'a collection past the change');
    expect(collected.documents).toBeGreaterThanOrEqual(1);
    expect(collected.changes).toBeGreaterThanOrEqual(1);
    expect(rows.map((r: { customer_id: string }) => r.customer_id)).toEqual([current.customerId]);
    expect(await db.query(`SELECT * FROM profile_changes WHERE tenant_id = $1`, [stale.tenantId])).toEqual([]);
    expect(await ps.read()).toEqual({ visits: 1, rooms: 0 });
    await pc.read();
    expect([ps.reads.count, pc.reads.count]).toEqual([2, 1]);

    // A change and a collection while a part is read: the change row is gone, the horizon still refuses the part.
    const key = keyOf();
    const read = partCountingReads(key, async () => {
      await visit(key.tenantId, key.customerId);
      await store.collect();
    });
    expect(await read()).toEqual({ read: 1 });
    expect(await read()).toEqual({ read: 2 });
    expect(await read()).toEqual({ read: 2 });
  });

  it("lets writers touch the same customers in opposite orders without waiting for each other", async () => {
    const [a, b] = [keyOf(), keyOf()];
    const t1 = db.createQueryRunner();
    const t2 = db.createQueryRunner();
    await t1.startTransaction();
    await t2.startTransaction();
    try {
      const insert = (runner: typeof t1, key: ProfileDocumentKey) =>
        runner.query(`INSERT INTO visits (tenant_id, customer_id) VALUES ($1, $2)`, [key.tenantId, key.customerId]);
      await insert(t1, a);
      await insert(t2, b);
      // With a per-customer counter row these two would wait for each other (a deadlock).
      await Promise.all([insert(t1, b), insert(t2, a)]);
      await Promise.all([t1.commitTransaction(), t2.commitTransaction()]);
    } finally {
      await t1.release();
      await t2.release();
    }
    const changes = await db.query(`SELECT count(*)::int AS n FROM profile_changes WHERE customer_id IN ($1, $2)`, [a.customerId, b.customerId]);
    expect(changes[0].n).toBe(4);
  });

  it('tells a reader holding the stored copy that it is current, and until when, without sending it again', async () => {
    const key = keyOf();
    let reads = 0;
    const until = new Date(Date.now() + 3_600_000);
    const build = async () => ({ document: { read: ++reads }, validUntil: until });
    const first = await store.readUnless(key, null, build);
    expect(first).toEqual({ storedAs: expect.stringMatching(/^[0-9a-f-]{36}$/), validUntil: until, part: { read: 1 } });
    expect(await store.readUnless(key, first.storedAs, build)).toEqual({ storedAs: first.storedAs, validUntil: until });
    expect(await store.readUnless(key, randomUUID(), build)).toEqual({ storedAs: first.storedAs, validUntil: until, part: { read: 1 } });
    expect(await store.answer(key, first.storedAs, build)).toEqual({ storedAs: first.storedAs, validUntil: until });
    expect(await store.answer(key, undefined, build)).toEqual({ read: 1 });
    // A change: the copy is no longer current, the part is read afresh and stored under a new etag.
    await visit(key.tenantId, key.customerId);
    const second = await store.readUnless(key, first.storedAs, build);
    expect(second).toEqual({ storedAs: expect.any(String), validUntil: until, part: { read: 2 } });
    expect(second.storedAs).not.toBe(first.storedAs);
    // A part read while something it shows changed is not stored: nothing names it.
    const racing = keyOf();
    const answer = await store.readUnless(racing, null, async () => {
      await visit(racing.tenantId, racing.customerId);
      return { document: 'raced', validUntil: null };
    });
    expect(answer).toEqual({ storedAs: null, part: 'raced' });
  });

  it('forgets a customer, and reads every time when documents are off', async () => {
    const key = keyOf();
    await part(key).read();
    await forgetProfileDocuments(db.manager, key.tenantId, key.customerId);
    expect(await db.query(`SELECT * FROM profile_documents WHERE customer_id = $1`, [key.customerId])).toEqual([]);
    const off = new ProfileDocumentStore(db, false, () => undefined);
    let reads = 0;
    const read = () => off.read(key, async () => ({ document: ++reads, validUntil: null }));
    expect([await read(), await read()]).toEqual([1, 2]);
    expect(warnings).toEqual([]);
  });
});
