/**
 * Marketing benchmark: `npm run bench:marketing`.
 *
 * Starts the marketing service and the gateway on a private NATS server and a fresh database
 * (TestSystem, dropped at the end), seeds BENCH_CUSTOMERS customers (default 100,000) into one
 * tenant's marketing projection with SQL (customer directory, customer_facts with varied
 * cities, tags, attributes, consents, groups and purchase figures, subscriptions, interests),
 * runs ANALYZE, and measures through the gateway:
 *
 *   1. track: POST /v1/track with batches of BENCH_TRACK_BATCH events (default 50) from
 *      BENCH_TRACK_CONNECTIONS connections (default 8) as fast as they are answered, for
 *      BENCH_DURATION_S seconds: events ingested per second and request latency. A segment that
 *      reads interests exists meanwhile, so views re-evaluate their customers as in production.
 *   2. recompute: full recomputes of segments over every customer (POST /v1/segments, then
 *      PATCH the rule), each timed until the segment is ready: seconds and customers per second,
 *      for a simple rule and for one with subscription, interest and attribute conditions.
 *   3. count: GET /v1/segments/{id}/count at BENCH_RATE requests/s (default 200) from
 *      BENCH_CONNECTIONS connections (default 20) for BENCH_DURATION_S seconds: p50/p95/p99.
 *
 * A JSON summary goes to bench/results/marketing.json. Everything (Postgres, NATS, both apps
 * and the load generator) runs on this machine.
 *
 * Environment: BENCH_CUSTOMERS, BENCH_DURATION_S (default 10), BENCH_WARMUP_S (default 2),
 * BENCH_RATE, BENCH_CONNECTIONS, BENCH_TRACK_BATCH, BENCH_TRACK_CONNECTIONS,
 * BENCH_SCENARIOS (comma-separated subset of track,recompute,count).
 */
import { signToken, TEST_JWT_SECRET, type TestSystem } from '@app/testing';
import { api, chosen, intEnv, log, logDriven, round, runBench, seedSql, warmUpAndDrive, withSystem, writeResults, type Driven, type LoadRequest } from './support';

const settings = {
  tenant: 'bench',
  customers: intEnv('BENCH_CUSTOMERS', 100_000),
  durationS: intEnv('BENCH_DURATION_S', 10),
  warmupS: intEnv('BENCH_WARMUP_S', 2),
  rate: intEnv('BENCH_RATE', 200),
  connections: intEnv('BENCH_CONNECTIONS', 20),
  trackBatch: intEnv('BENCH_TRACK_BATCH', 50),
  trackConnections: intEnv('BENCH_TRACK_CONNECTIONS', 8),
};

// ------------------------------------------------------------------ seeding (the only part that knows the schema)

const CITIES = ['Berlin', 'Hamburg', 'Muenchen', 'Koeln', 'Frankfurt', 'Stuttgart', 'Duesseldorf', 'Leipzig'];
const CATEGORIES = ['Monitors', 'Laptops', 'Phones', 'Cameras', 'Audio', 'Games', 'Books', 'Garden'];
const RFM = ['champions', 'loyal', 'potential', 'at_risk', 'hibernating'];
const GROUPS = ['6f1c2d0e-0000-4000-8000-000000000001', '6f1c2d0e-0000-4000-8000-000000000002'];
const sqlArray = (items: string[], type = 'text') => `ARRAY[${items.map((s) => `'${s}'`).join(', ')}]::${type}[]`;

/**
 * Rows for customer n: the id is derived from tenant and n; cities, tags, attributes,
 * consents, groups, purchase figures and RFM segment cycle with different periods so rules
 * select varied shares. Matches apps/marketing/src/migrations and the platform's projections.
 */
function seedStatements(count: number): { label: string; sql: string }[] {
  const series = `generate_series(1, ${count}) AS n`;
  const id = `md5($1 || ':bench:' || n)::uuid`;
  return [
    {
      label: 'customer_refs',
      sql: `INSERT INTO customer_refs (tenant_id, customer_id, email, first_name, last_name, source_updated_at)
            SELECT $1, ${id}, 'c' || n || '@bench.example', 'First' || n, 'Last' || n, now() FROM ${series} ON CONFLICT DO NOTHING`,
    },
    {
      label: 'customer_ref_emails',
      sql: `INSERT INTO customer_ref_emails (tenant_id, email, customer_id) SELECT $1, 'c' || n || '@bench.example', ${id} FROM ${series} ON CONFLICT DO NOTHING`,
    },
    {
      label: 'customer_facts',
      sql: `INSERT INTO customer_facts (tenant_id, customer_id, email, email_state, sms_phone, phone_state, card_state, city, country, tags, attributes,
                                        consents, group_ids, total_events_booked, purchase_count, purchase_total, last_purchase_at, rfm_segment, snapshot_at)
            SELECT $1, ${id}, 'c' || n || '@bench.example', CASE WHEN n % 20 = 0 THEN 'invalid' ELSE 'ok' END,
                   CASE WHEN n % 3 = 0 THEN NULL ELSE '+49151' || lpad(n::text, 8, '0') END,
                   CASE WHEN n % 3 = 0 THEN 'landline' ELSE 'mobile' END,
                   CASE WHEN n % 4 = 0 THEN 'installed' ELSE 'none' END,
                   (${sqlArray(CITIES)})[1 + n % ${CITIES.length}], CASE WHEN n % 10 = 0 THEN 'AT' ELSE 'DE' END,
                   CASE WHEN n % 7 = 0 THEN ARRAY['vip'] WHEN n % 11 = 0 THEN ARRAY['new', 'newsletter'] ELSE '{}' END,
                   jsonb_build_object('shoeSize', 36 + n % 12, 'tier', (ARRAY['gold', 'silver', 'bronze'])[1 + n % 3], 'since', (date '2018-01-01' + (n % 2000))::text),
                   CASE WHEN n % 5 = 0 THEN '{"email_marketing": "revoked"}'::jsonb ELSE '{"email_marketing": "given"}'::jsonb END,
                   CASE WHEN n % 9 = 0 THEN ${sqlArray(GROUPS, 'uuid')} WHEN n % 4 = 0 THEN ARRAY['${GROUPS[0]}']::uuid[] ELSE '{}' END,
                   n % 13, n % 17, (n % 17) * 4999, CASE WHEN n % 17 = 0 THEN NULL ELSE now() - make_interval(days => n % 400) END,
                   CASE WHEN n % 17 = 0 THEN NULL ELSE (${sqlArray(RFM)})[1 + n % ${RFM.length}] END, now()
              FROM ${series} ON CONFLICT DO NOTHING`,
    },
    {
      label: 'subscription_categories',
      sql: `INSERT INTO subscription_categories (tenant_id, key, name) VALUES ($1, 'news', 'Newsletter'), ($1, 'promotions', 'Promotions') ON CONFLICT DO NOTHING`,
    },
    {
      label: 'subscriptions',
      sql: `INSERT INTO subscriptions (tenant_id, customer_id, channel, category, subscribed, source)
            SELECT $1, ${id}, 'email', 'news', n % 2 = 0, 'bench' FROM ${series} ON CONFLICT DO NOTHING`,
    },
    {
      label: 'customer_interests',
      sql: `INSERT INTO customer_interests (tenant_id, customer_id, category, last_viewed_at, last_purchased_at)
            SELECT $1, ${id}, (${sqlArray(CATEGORIES)})[1 + (n / 2) % ${CATEGORIES.length}], now() - make_interval(days => n % 45),
                   CASE WHEN n % 6 = 0 THEN now() - make_interval(days => n % 10) END
              FROM ${series} WHERE n % 2 = 1 ON CONFLICT DO NOTHING`,
    },
  ];
}

const seed = (databaseUrl: string) =>
  seedSql(
    databaseUrl,
    {
      statements: seedStatements(settings.customers),
      params: [settings.tenant],
      analyze: ['customer_refs', 'customer_ref_emails', 'customer_facts', 'subscriptions', 'customer_interests'],
      source: 'bench/marketing.ts',
    },
    async (client) => ({
      ids: (await client.query<{ id: string }>(`SELECT customer_id AS id FROM customer_facts WHERE tenant_id = $1 ORDER BY md5(customer_id::text) LIMIT 5000`, [settings.tenant])).rows.map((r) => r.id),
    }),
  );

// ------------------------------------------------------------------ scenarios

/** A scenario's result as this file has always written it (`requests`: the requests completed). */
const summary = (name: string, d: Driven) => ({ name, ...d, requests: d.requestsCompleted });

async function untilReady(base: string, token: string, id: string): Promise<{ memberCount: number }> {
  for (;;) {
    const s = await api<{ status: string; memberCount: number }>(base, token, { method: 'GET', path: `/v1/segments/${id}` });
    if (s.status === 'ready') return s;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function trackScenario(base: string, token: string, ids: string[]) {
  log(`\ntrack: POST /v1/track, batches of ${settings.trackBatch} events, ${settings.trackConnections} connections, as fast as answered`);
  let next = 0;
  const types = ['category_view', 'product_view', 'page_view', 'visit', 'cart_add'];
  const batch = () =>
    Array.from({ length: settings.trackBatch }, () => {
      const n = next++;
      const customerId = ids[n % ids.length];
      const type = types[n % types.length];
      const category = ['Monitors', 'Laptops', 'Phones', 'Cameras'][n % 4];
      if (type === 'category_view') return { customerId, type, category };
      if (type === 'product_view') return { customerId, type, product: { sku: `SKU-${n % 500}`, name: 'Product', price: 1999, category } };
      if (type === 'cart_add') return { customerId, type, product: { sku: `SKU-${n % 500}`, name: 'Product', price: 1999, currency: 'EUR' } };
      if (type === 'page_view') return { customerId, type, url: `https://shop.example/p/${n % 100}` };
      return { customerId, type };
    });
  const request = (): LoadRequest => ({ method: 'POST', path: '/v1/track', body: batch() });
  const driven = await warmUpAndDrive({ url: base, token, request, connections: settings.trackConnections }, settings);
  const eventsPerSecond = round((driven.ok * settings.trackBatch) / driven.durationS, 1);
  const l = driven.latencyMs;
  log(`  ${eventsPerSecond} events/s (${driven.requestsPerSecond} requests/s of ${settings.trackBatch}) · p50 ${l.p50} ms · p95 ${l.p95} ms · p99 ${l.p99} ms · non-2xx ${driven.non2xx}`);
  return { ...summary('track', driven), batch: settings.trackBatch, eventsPerSecond };
}

const RULES = {
  simple: { all: [{ field: 'city', op: 'eq', value: 'Berlin' }] },
  simple2: { all: [{ field: 'city', op: 'in', value: ['Hamburg', 'Koeln'] }] },
  complex: {
    all: [
      { field: 'subscriptions.email.news', op: 'eq', value: true },
      { field: 'consents.email_marketing', op: 'eq', value: 'given' },
      {
        any: [
          { field: 'interests', op: 'in', value: ['Monitors', 'Cameras'] },
          { all: [{ field: 'purchaseTotal', op: 'gte', value: 40000 }, { field: 'rfmSegment', op: 'in', value: ['champions', 'loyal'] }] },
          { field: 'attributes.shoeSize', op: 'gte', value: 44 },
        ],
      },
      { field: 'tags', op: 'ne', value: 'blocked' },
    ],
  },
};

/** The recompute's own time, from the worker's log line "segment <id>: … in <ms> ms" (the last one for that segment). */
function workerMs(system: TestSystem, segmentId: string): number | null {
  const lines = system.app('marketing').logs.split('\n').filter((l) => l.includes(`segment ${segmentId}:`));
  const match = /in (\d+) ms/.exec(lines.at(-1) ?? '');
  return match ? Number(match[1]) : null;
}

async function recomputeScenario(system: TestSystem, base: string, token: string) {
  log(`\nrecompute: full recompute of a segment over ${settings.customers} customers (create, then change the rule)`);
  const runs: Array<{ label: string; seconds: number; workerSeconds: number | null; members: number; customersPerSecond: number }> = [];
  const timed = async (label: string, rule: unknown, create: boolean, id?: string) => {
    const began = Date.now();
    const segment = create
      ? await api<{ id: string }>(base, token, { method: 'POST', path: '/v1/segments', body: { name: `bench ${label} ${Date.now()}`, rule } })
      : await api<{ id: string }>(base, token, { method: 'PATCH', path: `/v1/segments/${id}`, body: { rule } });
    const { memberCount } = await untilReady(base, token, segment.id);
    const seconds = (Date.now() - began) / 1000;
    await new Promise((r) => setTimeout(r, 100)); // the log line follows the commit
    const ms = workerMs(system, segment.id);
    const run = { label, seconds: round(seconds, 2), workerSeconds: ms === null ? null : round(ms / 1000, 2), members: memberCount, customersPerSecond: Math.round(settings.customers / seconds) };
    log(`  ${label}: ${run.seconds} s from the request (recompute transaction ${run.workerSeconds} s), ${run.members} members, ${run.customersPerSecond} customers/s`);
    runs.push(run);
    return segment.id;
  };
  const simple = await timed('simple rule, new segment (all members added)', RULES.simple, true);
  await timed('simple rule changed (members swapped)', RULES.simple2, false, simple);
  const complex = await timed('complex rule, new segment', RULES.complex, true);
  await timed('complex rule changed back to simple', RULES.simple, false, complex);
  return runs;
}

async function countScenario(base: string, token: string) {
  const created = await api<{ id: string }>(base, token, { method: 'POST', path: '/v1/segments', body: { name: `bench count ${Date.now()}`, rule: RULES.complex } });
  const target = { id: created.id, memberCount: (await untilReady(base, token, created.id)).memberCount };
  log(`\ncount: GET /v1/segments/{id}/count (${target.memberCount} members) at ${settings.rate} requests/s, ${settings.connections} connections`);
  const request = (): LoadRequest => ({ method: 'GET', path: `/v1/segments/${target.id}/count` });
  const driven = await warmUpAndDrive({ url: base, token, request, connections: settings.connections, rate: settings.rate }, settings);
  logDriven(driven);
  return { ...summary('count', driven), members: target.memberCount };
}

// ------------------------------------------------------------------ main

runBench(() =>
  withSystem(
    { apps: ['marketing', 'gateway'], appEnv: { gateway: { RPC_TIMEOUT_MS: '10000' }, marketing: { WORKER_POLL_MS: '100', LOG_LEVEL: 'info' } } },
    async (system) => {
      const base = system.gatewayUrl;
      const token = signToken({ tenant: settings.tenant, role: 'admin', secret: TEST_JWT_SECRET, expiresIn: 24 * 3600 });
      log(`Seeding ${settings.customers} customers into tenant "${settings.tenant}"…`);
      const seeded = await seed(system.db('marketing'));
      log(`  seeded and analysed in ${seeded.seconds.toFixed(1)} s`);

      // Segments present while events arrive, as in production: one reads interests.
      const interestSegment = await api<{ id: string }>(base, token, {
        method: 'POST',
        path: '/v1/segments',
        body: { name: 'Monitor fans', rule: { all: [{ field: 'interests', op: 'contains', value: 'Monitors' }] } },
      });
      await untilReady(base, token, interestSegment.id);

      const scenarios = chosen([
        { name: 'track', run: () => trackScenario(base, token, seeded.ids) },
        { name: 'recompute', run: () => recomputeScenario(system, base, token) },
        { name: 'count', run: () => countScenario(base, token) },
      ]);
      const results: Record<string, unknown> = {};
      for (const scenario of scenarios) results[scenario.name] = await scenario.run();

      writeResults('marketing', { settings: { ...settings, seedSeconds: round(seeded.seconds, 1) }, results });
    },
  ),
);
