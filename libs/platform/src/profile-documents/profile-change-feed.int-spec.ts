import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ProfileFeedSubjects, TENANT_WIDE, type ProfileFeedMessage } from '@app/contracts';
import { dropTestDatabase, runSuffix, startTestNats, testDatabaseUrl, waitFor, type TestNats } from '@app/testing';
import { ensureDatabase } from '../database/ensure-database';
import { dataSourceOptions } from '../database/data-source';
import { ProfileChangeFeed } from './profile-change-feed';
import { FEED_CUSTOMERS_PER_NOTICE } from './profile-change-feed.migration';
import { customerColumns, profileChangeTriggers } from './profile-documents.migration';

/** The profile change feed on a real Postgres and a real NATS server. */
describe('ProfileChangeFeed', () => {
  const url = testDatabaseUrl('platform_feed', runSuffix());
  const service = `feedtest${randomUUID().slice(0, 6)}`;
  let db: DataSource;
  let nats: TestNats;
  let nc: NatsConnection;
  let feed: ProfileChangeFeed;
  let heard: ProfileFeedMessage[];
  let subscription: Subscription;
  const warnings: string[] = [];

  const startFeed = async (beatMs = 200) => {
    const started = new ProfileChangeFeed({ service, databaseUrl: url, nc, beatMs, warn: (m) => warnings.push(m) });
    await started.start();
    return started;
  };
  const visit = (tenant: string, ...customers: string[]) =>
    db.query(`INSERT INTO visits (tenant_id, customer_id) SELECT $1, unnest($2::uuid[])`, [tenant, customers]);
  /** As a gateway syncs: the answer comes after every message announcing what was committed before the request. */
  const synced = () => nc.request(ProfileFeedSubjects.sync(service), '{}', { timeout: 5000 });
  const changesHeard = () => heard.flatMap((m) => m.changes.map(([t, c]) => `${t}|${c}`));

  beforeAll(async () => {
    await ensureDatabase(url);
    db = new DataSource(dataSourceOptions(url, { entities: [], migrations: [] }) as DataSourceOptions);
    await db.initialize();
    await db.runMigrations();
    await db.query(`CREATE TABLE visits (tenant_id text NOT NULL, id serial PRIMARY KEY, customer_id uuid)`);
    for (const sql of profileChangeTriggers('visits', customerColumns('customer_id'))) await db.query(sql);
    nats = await startTestNats();
    nc = await connect({ servers: nats.url });
    heard = [];
    subscription = nc.subscribe(ProfileFeedSubjects.changes(service), { callback: (_e, msg) => void heard.push(msg.json<ProfileFeedMessage>()) });
    feed = await startFeed();
  });

  afterAll(async () => {
    await feed?.stop();
    subscription?.unsubscribe();
    await nc?.drain();
    await nats?.stop();
    await db?.destroy();
    await dropTestDatabase(url);
  });

  it('announces the customers of each committed change, and nothing of a rolled back one', async () => {
    const tenant = `t-${randomUUID().slice(0, 6)}`;
    const [a, b, rolledBack] = [randomUUID(), randomUUID(), randomUUID()];
    await visit(tenant, a, b);
    await db.transaction(async (em) => {
      await em.query(`INSERT INTO visits (tenant_id, customer_id) VALUES ($1, $2)`, [tenant, rolledBack]);
      throw new Error('roll back');
    }).catch(() => undefined);
    await waitFor(async () => changesHeard().includes(`${tenant}|${b}`), 5000, 'the change to be announced');
    await synced();
    expect(changesHeard().filter((c) => c.startsWith(`${tenant}|`)).sort()).toEqual([`${tenant}|${a}`, `${tenant}|${b}`].sort());
  });

  it('answers a sync after announcing every change committed before it, on the same connection', async () => {
    const tenant = `t-${randomUUID().slice(0, 6)}`;
    const customers = Array.from({ length: 20 }, () => randomUUID());
    // The feed's listener is kept busy, so the notices of these commits reach it only later.
    const busy = (feed as unknown as { client: { query(sql: string): Promise<unknown> } }).client.query('SELECT pg_sleep(0.3)');
    for (const customer of customers) await visit(tenant, customer);
    // Straight after the commits, as a gateway does after a write: nothing may arrive after the answer.
    await synced();
    await busy;
    expect(changesHeard().filter((c) => c.startsWith(`${tenant}|`)).sort()).toEqual(customers.map((c) => `${tenant}|${c}`).sort());
  });

  it('names each customer of a statement up to what a notice holds', async () => {
    const tenant = `t-${randomUUID().slice(0, 6)}`;
    const customers = Array.from({ length: FEED_CUSTOMERS_PER_NOTICE }, () => randomUUID());
    await visit(tenant, ...customers);
    await synced();
    expect(changesHeard().filter((c) => c.startsWith(`${tenant}|`)).sort()).toEqual(customers.map((c) => `${tenant}|${c}`).sort());
  });

  it('names the whole tenant when one statement changes more than a notice holds', async () => {
    const tenant = `t-${randomUUID().slice(0, 6)}`;
    await visit(tenant, ...Array.from({ length: FEED_CUSTOMERS_PER_NOTICE + 1 }, () => randomUUID()));
    await synced();
    expect(changesHeard().filter((c) => c.startsWith(`${tenant}|`))).toEqual([`${tenant}|${TENANT_WIDE}`]);
  });

  it('beats with consecutive numbers while nothing changes, and closes when stopped', async () => {
    const from = heard.length;
    await waitFor(async () => heard.length >= from + 3, 5000, 'three beats');
    const own = heard.slice(from);
    expect(new Set(own.map((m) => m.feed)).size).toBe(1);
    own.forEach((m, i) => i > 0 && expect(m.seq).toBe(own[i - 1].seq + 1));
    const other = await startFeed(60_000);
    const first = await waitFor(async () => heard.find((m) => m.feed !== own[0].feed && !m.closing), 5000, 'the second feed');
    expect(first.seq).toBe(1);
    await other.stop();
    const closing = await waitFor(async () => heard.find((m) => m.feed === first.feed && m.closing), 5000, 'the closing message');
    expect(closing.seq).toBe(2);
  });

  it('starts a new feed when its database listener is lost, and announces what commits after', async () => {
    const before = feed.id;
    await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [`${service}-profile-feed`]);
    const renewed = await waitFor(async () => heard.find((m) => m.feed === feed.id && m.feed !== before), 10_000, 'a new feed');
    expect(renewed.seq).toBe(1);
    expect(warnings.some((w) => w.includes('lost its database listener'))).toBe(true);
    const tenant = `t-${randomUUID().slice(0, 6)}`;
    const customer = randomUUID();
    await visit(tenant, customer);
    await synced();
    expect(heard.some((m) => m.feed === renewed.feed && m.changes.some(([t, c]) => t === tenant && c === customer))).toBe(true);
  });
});
