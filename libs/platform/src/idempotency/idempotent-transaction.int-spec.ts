import { DataSource } from 'typeorm';
import { DomainError, ErrorCodes } from '@app/contracts';
import { dropTestDatabase, runSuffix, testDatabaseUrl } from '@app/testing';
import { ensureDatabase } from '../database/ensure-database';
import { CreateIdempotencyKeys1700000000200 } from '../database/platform-migrations';
import { idempotentTransaction } from './idempotent-transaction';

/** Idempotency keys on a real Postgres: one effect per key, also under concurrent repeats. */
describe('idempotentTransaction', () => {
  const url = testDatabaseUrl('platform', runSuffix());
  let db: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url);
    db = new DataSource({ type: 'postgres', url, migrations: [CreateIdempotencyKeys1700000000200], extra: { max: 20 } });
    await db.initialize();
    await db.runMigrations();
    await db.query(`CREATE TABLE effects (id serial PRIMARY KEY, tenant_id text, what text)`);
  });

  afterAll(async () => {
    await db?.destroy();
    await dropTestDatabase(url);
  });

  const effect = (tenantId: string, what: string) => async (em: import('typeorm').EntityManager) => {
    const [row] = await em.query(`INSERT INTO effects (tenant_id, what) VALUES ($1, $2) RETURNING id`, [tenantId, what]);
    await new Promise((r) => setTimeout(r, 20)); // widen the race window
    return { id: row.id as number, what };
  };
  const count = async (tenantId: string) => (await db.query(`SELECT count(*)::int AS n FROM effects WHERE tenant_id = $1`, [tenantId]))[0].n;

  it('applies once and answers repeats with the first result', async () => {
    const call = { tenantId: 't1', key: 'k-1', scope: 'book', request: { seats: 2 } };
    const first = await idempotentTransaction(db, call, effect('t1', 'a'));
    const again = await idempotentTransaction(db, { ...call, request: { seats: 2 } }, effect('t1', 'b'));
    expect(again).toEqual(first);
    expect(await count('t1')).toBe(1);
  });

  it('applies once under twenty concurrent repeats', async () => {
    const call = { tenantId: 't2', key: 'k-race', scope: 'book', request: { seats: 1 } };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => idempotentTransaction(db, call, effect('t2', `r${i}`))));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await count('t2')).toBe(1);
  });

  it('refuses the same key with another request (422) and keeps keys apart by tenant and scope', async () => {
    await idempotentTransaction(db, { tenantId: 't3', key: 'k', scope: 'book', request: { seats: 1 } }, effect('t3', 'x'));
    await expect(idempotentTransaction(db, { tenantId: 't3', key: 'k', scope: 'book', request: { seats: 9 } }, effect('t3', 'y'))).rejects.toMatchObject({
      status: 422,
      code: ErrorCodes.idempotencyKeyReused,
    });
    await idempotentTransaction(db, { tenantId: 't3', key: 'k', scope: 'cancel', request: { seats: 9 } }, effect('t3', 'z'));
    await idempotentTransaction(db, { tenantId: 't3b', key: 'k', scope: 'book', request: { seats: 9 } }, effect('t3b', 'w'));
    expect(await count('t3')).toBe(2);
    expect(await count('t3b')).toBe(1);
  });

  it('stores nothing when the work fails, so the same key can be retried', async () => {
    const call = { tenantId: 't4', key: 'k', scope: 'book', request: {} };
    await expect(
      idempotentTransaction(db, call, async (em) => {
        await effect('t4', 'lost')(em);
        throw new DomainError(409, 'full', 'Full');
      }),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await count('t4')).toBe(0);
    await idempotentTransaction(db, call, effect('t4', 'kept'));
    expect(await count('t4')).toBe(1);
  });

  it('runs a plain transaction without a key and refuses a malformed key', async () => {
    await idempotentTransaction(db, { tenantId: 't5', key: undefined, scope: 'book', request: {} }, effect('t5', 'a'));
    await idempotentTransaction(db, { tenantId: 't5', key: undefined, scope: 'book', request: {} }, effect('t5', 'b'));
    expect(await count('t5')).toBe(2);
    await expect(idempotentTransaction(db, { tenantId: 't5', key: 'has space', scope: 'book', request: {} }, effect('t5', 'c'))).rejects.toMatchObject({
      status: 400,
    });
  });
});
