/**
 * Loyalty benchmark: `npm run bench:loyalty`.
 *
 * Starts loyalty and the gateway on a private NATS server and a fresh database (TestSystem,
 * dropped at the end), seeds customers into loyalty's customer directory and cards with SQL, then
 * drives the gateway as hard as it goes (autocannon, fixed number of connections, no rate cap)
 * for each scenario and prints operations per second, latency percentiles and non-2xx counts:
 *
 * - ledger-hot-card:   POST /v1/loyalty-cards/{id}/visits on ONE card, add and subtract 1 in
 *                      turn (every request waits for the card's row lock: the worst case)
 * - ledger-many-cards: the same spread over BENCH_CARDS cards
 * - purchases:         POST /v1/purchases, a 3-line receipt for a random customer; afterwards the
 *                      customers' purchase counts are summed to show the metrics kept up
 *
 * Every request carries an Idempotency-Key, as a till would send. A JSON summary goes to
 * bench/results/loyalty.json.
 *
 * Environment:
 *   BENCH_CUSTOMERS     customers (and cards) to seed (default 10000)
 *   BENCH_DURATION_S    seconds per scenario (default 10)
 *   BENCH_WARMUP_S      unmeasured warm-up seconds per scenario (default 2)
 *   BENCH_CONNECTIONS   concurrent connections (default 16)
 *   BENCH_SCENARIOS     comma-separated subset of: ledger-hot-card,ledger-many-cards,purchases
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { appEntry, signToken, TestSystem, TEST_JWT_SECRET } from '@app/testing';

const ROOT = resolve(__dirname, '../..');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'loyalty.json');
const TENANT = 'bench';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

const settings = {
  customers: Math.max(1, intEnv('BENCH_CUSTOMERS', 10_000)),
  durationS: intEnv('BENCH_DURATION_S', 10),
  warmupS: intEnv('BENCH_WARMUP_S', 2),
  connections: Math.max(1, intEnv('BENCH_CONNECTIONS', 16)),
};

// ------------------------------------------------------------------ seeding (the only part that knows the schema)

/**
 * Customer n (1..count) in loyalty's directory and one card each with a million visits, so
 * subtractions never run out. Matches libs/platform customer-refs and
 * apps/loyalty/src/migrations/1700000004000-create-loyalty.ts.
 */
const SEED = [
  {
    label: 'customer_refs',
    sql: `INSERT INTO customer_refs (tenant_id, customer_id, email, first_name, last_name, source_updated_at)
          SELECT $1, md5($1 || ':c:' || n)::uuid, 'bench' || n || '@example.com', 'Bench', 'Customer ' || n, now()
            FROM generate_series(1, $2) AS n`,
  },
  {
    label: 'loyalty_cards',
    sql: `INSERT INTO loyalty_cards (tenant_id, id, serial_number, customer_id, status, device, issued_on, invite_code,
                                     visits_sold, visits_available, created_at, updated_at)
          SELECT $1, md5($1 || ':card:' || n)::uuid, upper(substr(md5($1 || ':s:' || n), 1, 12)), md5($1 || ':c:' || n)::uuid,
                 'installed', 'pwa', current_date, upper(substr(md5($1 || ':i:' || n), 1, 8)), 1000000, 1000000, now(), now()
            FROM generate_series(1, $2) AS n`,
  },
];

async function seed(databaseUrl: string): Promise<{ customers: string[]; cards: string[] }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const { label, sql } of SEED) {
      const t = Date.now();
      const res = await client.query(sql, [TENANT, settings.customers]);
      log(`  ${label}: ${res.rowCount} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    await client.query('COMMIT');
    await client.query('ANALYZE customer_refs, loyalty_cards');
    const customers = (await client.query(`SELECT customer_id FROM customer_refs WHERE tenant_id = $1`, [TENANT])).rows.map((r) => r.customer_id);
    const cards = (await client.query(`SELECT id FROM loyalty_cards WHERE tenant_id = $1`, [TENANT])).rows.map((r) => r.id);
    return { customers, cards };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(`Seeding failed (does the SQL in bench/loyalty.ts still match the loyalty migrations?): ${(e as Error).message}`);
  } finally {
    await client.end();
  }
}

async function purchaseCounts(databaseUrl: string): Promise<{ purchases: number; counted: number; metricsRows: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT (SELECT count(*)::int FROM purchases WHERE tenant_id = $1) AS purchases,
              (SELECT coalesce(sum(purchase_count), 0)::int FROM customer_metrics WHERE tenant_id = $1) AS counted,
              (SELECT count(*)::int FROM customer_metrics WHERE tenant_id = $1 AND purchase_count > 0) AS "metricsRows"`,
      [TENANT],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------ autocannon (no @types package: the parts we use)

interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  max: number;
  total?: number;
}
interface AutocannonResult {
  latency: Histogram;
  requests: Histogram & { sent: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  setupRequest?: (req: AutocannonRequest, context: object) => AutocannonRequest;
}
type Autocannon = (
  opts: { url: string; connections: number; duration: number; timeout?: number; headers?: Record<string, string>; requests: AutocannonRequest[] },
  cb: (err: Error | null, result: AutocannonResult) => void,
) => { on(event: 'response', fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require('autocannon');

// ------------------------------------------------------------------ scenarios

interface Scenario {
  name: string;
  description: string;
  next: () => { path: string; body: object };
}

function scenarios(customers: string[], cards: string[]): Scenario[] {
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
  let turn = 0;
  const visit = (cardId: string) => ({
    path: `/v1/loyalty-cards/${cardId}/visits`,
    body: turn++ % 2 === 0 ? { operation: 'add', value: 1, purchaseAmount: 990 } : { operation: 'subtract', value: 1 },
  });
  const hot = cards[0];
  let number = 0;
  const all: Scenario[] = [
    { name: 'ledger-hot-card', description: 'POST /v1/loyalty-cards/{one card}/visits (add / subtract 1)', next: () => visit(hot) },
    { name: 'ledger-many-cards', description: `POST /v1/loyalty-cards/{${cards.length} cards}/visits (add / subtract 1)`, next: () => visit(pick(cards)) },
    {
      name: 'purchases',
      description: `POST /v1/purchases (3-line receipt, ${customers.length} customers)`,
      next: () => ({
        path: '/v1/purchases',
        body: {
          customerId: pick(customers),
          kind: 'receipt',
          number: `B-${process.pid}-${++number}-${randomUUID().slice(0, 6)}`,
          storeId: `store-${number % 20}`,
          storeName: `Store ${number % 20}`,
          occurredAt: new Date(Date.now() - Math.floor(Math.random() * 365) * 86_400_000).toISOString(),
          status: 'completed',
          lines: [
            { sku: 'A-1', name: 'Espresso beans', category: 'coffee', quantity: 1, price: 1299 },
            { sku: 'B-2', name: 'Milk', category: 'dairy', quantity: 2, price: 129 },
            { sku: 'C-3', name: 'Croissant', category: 'bakery', quantity: 3, price: 199 },
          ],
        },
      }),
    },
  ];
  const wanted = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim()).filter(Boolean);
  return wanted?.length ? all.filter((s) => wanted.includes(s.name)) : all;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function drive(baseUrl: string, token: string, scenario: Scenario, durationS: number): Promise<{ result: AutocannonResult; latencies: number[] }> {
  const latencies: number[] = [];
  return new Promise((done, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: settings.connections,
        duration: durationS,
        timeout: 10,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const { path, body } = scenario.next();
              return { ...req, path, body: JSON.stringify(body), headers: { ...req.headers, 'idempotency-key': randomUUID() } };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : done({ result, latencies })),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

async function runScenario(baseUrl: string, token: string, scenario: Scenario) {
  log(`\n${scenario.name}: ${scenario.description}`);
  const sample = scenario.next();
  const probe = await fetch(baseUrl + sample.path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(sample.body),
  });
  const text = await probe.text();
  log(`  sample: ${probe.status} ${probe.status >= 400 ? text : `${text.slice(0, 120)}…`}`);
  if (settings.warmupS > 0) await drive(baseUrl, token, scenario, settings.warmupS);
  log(`  measuring ${settings.durationS} s with ${settings.connections} connections`);
  const { result, latencies } = await drive(baseUrl, token, scenario, settings.durationS);
  latencies.sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const summary = {
    name: scenario.name,
    description: scenario.description,
    durationS: result.duration,
    ok: latencies.length,
    opsPerSecond: round(latencies.length / result.duration),
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), max: round(latencies[latencies.length - 1] ?? null) },
  };
  const l = summary.latencyMs;
  log(`  ${summary.opsPerSecond} ops/s · p50 ${l.p50} ms · p95 ${l.p95} ms · p99 ${l.p99} ms · non-2xx ${summary.non2xx} · errors ${summary.errors}`);
  if (summary.non2xx > 0) log(`  status codes: ${JSON.stringify(summary.statusCodes)}`);
  return summary;
}

// ------------------------------------------------------------------ main

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

async function main(): Promise<void> {
  if (!existsSync(appEntry('gateway'))) throw new Error(`${appEntry('gateway')} is missing: run "npm run build" first`);
  let system: TestSystem | undefined;
  let stopping: Promise<void> | undefined;
  const stopSystem = () => (stopping ??= system ? system.stop() : Promise.resolve());
  const onSignal = (signal: NodeJS.Signals) => {
    log(`\n${signal}: stopping`);
    void stopSystem().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    log('Starting loyalty and the gateway (private NATS, fresh database)…');
    system = await TestSystem.start({
      apps: ['loyalty', 'gateway'],
      appEnv: { gateway: { RATE_LIMIT_PER_MINUTE: '10000000', RPC_TIMEOUT_MS: '10000' }, loyalty: { LOG_LEVEL: 'warn' } },
    });
    const databaseUrl = system.db('loyalty');
    log(`Seeding ${settings.customers} customers with a card each…`);
    const { customers, cards } = await seed(databaseUrl);
    const token = signToken({ tenant: TENANT, role: 'staff', secret: TEST_JWT_SECRET, expiresIn: 24 * 3600 });
    const results = [];
    for (const scenario of scenarios(customers, cards)) {
      results.push(await runScenario(system.gatewayUrl, token, scenario));
      if (scenario.name === 'purchases') {
        const counts = await purchaseCounts(databaseUrl);
        log(`  metrics: ${counts.purchases} purchases stored, customers' purchase counts sum to ${counts.counted} (${counts.metricsRows} customers)`);
        Object.assign(results[results.length - 1], { metricsCheck: counts });
      }
    }
    const summary = { benchmark: 'loyalty', at: new Date().toISOString(), node: process.version, settings, scenarios: results };
    mkdirSync(dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    log(`\nSummary written to ${RESULTS_FILE}`);
  } finally {
    if (system) log('Stopping and dropping the database…');
    await stopSystem();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
