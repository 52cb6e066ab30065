import type { Socket } from 'node:net';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dropTestDatabase, runSuffix, testDatabaseUrl } from '@app/testing';
import { withinReadScope } from '../read-scope/read-scope';
import { ensureDatabase } from './ensure-database';
import { dataSourceOptions } from './data-source';

/** Reads in a read scope with `oneConnection`, on a real Postgres, through a data source as the services make it. */
describe('ReadScopePool', () => {
  const url = testDatabaseUrl('platform', runSuffix());
  let db: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url);
    const options = dataSourceOptions(url, { entities: [], migrations: [] }) as DataSourceOptions & { extra: object };
    db = new DataSource({ ...options, extra: { ...options.extra, max: 3 } });
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await dropTestDatabase(url);
  });

  const pool = () => (db.driver as unknown as { master: { totalCount: number; idleCount: number; _clients: Array<{ connection: { stream: Socket } }> } }).master;
  /** Counts the writes to the sockets from now on; the answer is their total. */
  const countWrites = (sockets: Socket[]) => {
    let count = 0;
    for (const socket of sockets as Array<Socket & { _write: Function; _writev?: Function }>) {
      const { _write: write, _writev: writev } = socket;
      socket._write = (...args: unknown[]) => (count++, write.apply(socket, args));
      if (writev) socket._writev = (...args: unknown[]) => (count++, writev.apply(socket, args));
    }
    return () => count;
  };
  const backendOf = async (n: number): Promise<{ pid: number; n: number }> => {
    const [row] = await db.query(`SELECT pg_backend_pid() AS pid, $1::int AS n`, [n]);
    return row;
  };

  it('gives every read of the scope the same connection, each read its own answer, and the connection back at the end', async () => {
    const answers = await withinReadScope(() => Promise.all(Array.from({ length: 40 }, (_, i) => backendOf(i))), { oneConnection: true });
    expect(answers.map((a) => a.n)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(new Set(answers.map((a) => a.pid)).size).toBe(1);
    expect(pool().idleCount).toBe(pool().totalCount);
  });

  it('spreads reads over the pool outside such a scope', async () => {
    const slow = () => db.query(`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`);
    const rows = await withinReadScope(() => Promise.all([slow(), slow(), slow()]));
    expect(new Set(rows.map(([row]) => row.pid)).size).toBe(3);
  });

  it('sends the reads started in one turn of the event loop in one write', async () => {
    await withinReadScope(() => backendOf(0), { oneConnection: true });
    const writes = countWrites(pool()._clients.map((client) => client.connection.stream));
    let writesForReads = -1;
    const answers = await withinReadScope(
      async () => {
        const six = await Promise.all(Array.from({ length: 6 }, (_, i) => backendOf(i)));
        writesForReads = writes();
        return six;
      },
      { oneConnection: true },
    );
    expect(answers.map((a) => a.n)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(writesForReads).toBe(1);
  });

  it('plans generically inside the scope and as usual again after it, on every connection', async () => {
    const mode = async () => (await db.query(`SELECT current_setting('plan_cache_mode') AS mode, pg_sleep(0.05)`))[0].mode;
    expect(await withinReadScope(mode, { oneConnection: true })).toBe('force_generic_plan');
    expect(await Promise.all([mode(), mode(), mode()])).toEqual(['auto', 'auto', 'auto']);
  });

  it('leaves the plans alone without prepared reads (a transaction-mode pooler), and still shares one connection', async () => {
    const options = dataSourceOptions(url, { entities: [], migrations: [] }) as DataSourceOptions & { extra: object };
    const unprepared = new DataSource({ ...options, extra: { ...options.extra, prepareReads: false } });
    await unprepared.initialize();
    try {
      const rows = await withinReadScope(
        () => Promise.all([1, 2, 3].map((n) => unprepared.query(`SELECT pg_backend_pid() AS pid, current_setting('plan_cache_mode') AS mode, $1::int AS n`, [n]))),
        { oneConnection: true },
      );
      expect(rows.map(([row]) => [row.mode, row.n])).toEqual([['auto', 1], ['auto', 2], ['auto', 3]]);
      expect(new Set(rows.map(([row]) => row.pid)).size).toBe(1);
    } finally {
      await unprepared.destroy();
    }
  });

  it('answers the other reads of the scope when one of them fails', async () => {
    const answers = await withinReadScope(
      () => Promise.allSettled([backendOf(1), db.query(`SELECT 1 / $1::int AS n`, [0]), backendOf(3)]),
      { oneConnection: true },
    );
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((answers[1] as PromiseRejectedResult).reason.message).toMatch(/division by zero/);
    expect((answers[2] as PromiseFulfilledResult<{ n: number }>).value.n).toBe(3);
  });

  it('refuses a transaction inside the scope, and the connection serves reads after it', async () => {
    await expect(withinReadScope(() => db.transaction(async (em) => em.query(`SELECT 1`)), { oneConnection: true })).rejects.toThrow(
      /transaction does not belong/,
    );
    const [row] = await db.transaction(async (em) => em.query(`SELECT 2 AS n`));
    expect(row.n).toBe(2);
    expect((await withinReadScope(() => backendOf(7), { oneConnection: true })).n).toBe(7);
  });

  it('survives the held connection breaking between reads, drops it, and the pool goes on answering', async () => {
    const outcome = await withinReadScope(
      async () => {
        const { pid } = await backendOf(1);
        await withinReadScope(() => db.query(`SELECT pg_terminate_backend($1)`, [pid])); // from another connection
        // The loss arrives while no read is under way: an 'error' nobody listens for would end the process.
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { pid, read: await backendOf(2).then(() => 'answered', (e: Error) => e.message) };
      },
      { oneConnection: true },
    );
    expect(outcome.read).toMatch(/terminat|connection/i);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pids = (await Promise.all([1, 2, 3].map(async () => (await db.query(`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`))[0].pid))) as number[];
    expect(pids).not.toContain(outcome.pid);
  });

  it('gives the connection back when the scope fails while a read is still under way', async () => {
    const slow = db.query(`SELECT pg_sleep(0.1)`);
    const failing = withinReadScope(
      async () => {
        const inFlight = db.query(`SELECT pg_sleep(0.05), 'late' AS tag`);
        inFlight.catch(() => undefined);
        throw new Error('the part failed');
      },
      { oneConnection: true },
    );
    await expect(failing).rejects.toThrow('the part failed');
    await slow;
    // Every connection idle again, and each still answers its own reads in order.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pool().idleCount).toBe(pool().totalCount);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => backendOf(i)));
    expect(answers.map((a) => a.n)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
