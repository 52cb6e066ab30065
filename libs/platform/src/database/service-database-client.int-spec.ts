import { DataSource } from 'typeorm';
import { dropTestDatabase, runSuffix, testDatabaseUrl } from '@app/testing';
import { ensureDatabase } from './ensure-database';
import { ServiceDatabaseClient } from './service-database-client';

/** Prepared reads on a real Postgres: which statements are prepared, the cap, and a table changing under one. */
describe('ServiceDatabaseClient', () => {
  const url = testDatabaseUrl('platform', runSuffix());
  let db: DataSource;
  let client: ServiceDatabaseClient;

  beforeAll(async () => {
    await ensureDatabase(url);
    // One connection, as a service's pool makes them, so that pg_prepared_statements shows what it prepared.
    db = new DataSource({ type: 'postgres', url, extra: { max: 1, Client: ServiceDatabaseClient } });
    await db.initialize();
    await db.query(`CREATE TABLE things (id int PRIMARY KEY, name text)`);
    await db.query(`INSERT INTO things VALUES (1, 'one'), (2, 'two')`);
  });

  beforeEach(async () => {
    client = new ServiceDatabaseClient({ connectionString: url, preparedReadsLimit: 3 });
    await client.connect();
  });

  afterEach(() => client.end());

  afterAll(async () => {
    await db?.destroy();
    await dropTestDatabase(url);
  });

  const prepared = async (c: { query(sql: string): Promise<any> }) => {
    const result = await c.query(`SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`);
    return (Array.isArray(result) ? result : result.rows).map((r: { statement: string }) => r.statement);
  };

  it('prepares a parameterised SELECT of a TypeORM data source once and answers each call with its own values', async () => {
    const sql = `SELECT name FROM things WHERE id = $1`;
    expect(await db.query(sql, [1])).toEqual([{ name: 'one' }]);
    expect(await db.query(sql, [2])).toEqual([{ name: 'two' }]);
    expect(await prepared(db)).toEqual([sql]);
  });

  it('leaves writes and statements without parameters unprepared', async () => {
    await client.query(`INSERT INTO things VALUES ($1, $2)`, [3, 'three']);
    await client.query(`UPDATE things SET name = $2 WHERE id = $1`, [3, 'drei']);
    expect((await client.query(`SELECT name FROM things WHERE id = 3`)).rows).toEqual([{ name: 'drei' }]);
    expect(await prepared(client)).toEqual([]);
  });

  it('prepares at most preparedReadsLimit statements per connection, then runs the rest unprepared', async () => {
    for (let i = 1; i <= 5; i++) expect((await client.query(`SELECT ${i} + $1::int AS n`, [10])).rows).toEqual([{ n: 10 + i }]);
    expect(await prepared(client)).toHaveLength(3);
  });

  it('still answers when the columns of a prepared SELECT * change under it', async () => {
    const sql = `SELECT * FROM things WHERE id = $1`;
    expect((await client.query(sql, [1])).rows).toEqual([{ id: 1, name: 'one' }]);
    await db.query(`ALTER TABLE things ADD COLUMN colour text DEFAULT 'red'`);
    expect((await client.query(sql, [1])).rows).toEqual([{ id: 1, name: 'one', colour: 'red' }]);
    expect((await client.query(sql, [2])).rows).toEqual([{ id: 2, name: 'two', colour: 'red' }]);
  });
});
