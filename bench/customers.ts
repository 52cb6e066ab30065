/**
 * Customer search benchmark: `npm run bench:customers`.
 *
 * Starts the whole platform on a private NATS server and fresh databases (TestSystem, dropped
 * at the end), or uses an already running one when BENCH_GATEWAY_URL is set. Seeds
 * BENCH_CUSTOMERS customers (default 100,000) into one tenant straight into the customers
 * database with SQL, runs ANALYZE, then drives the gateway at a fixed request rate with
 * autocannon for each scenario and prints latency percentiles, throughput and non-2xx counts.
 * A JSON summary goes to bench/results/customers.json.
 *
 * Environment:
 *   BENCH_GATEWAY_URL      use a running gateway (e.g. http://127.0.0.1:3000) instead of starting one
 *   BENCH_DATABASE_URL     its customers database (default DATABASE_URL_CUSTOMERS, else
 *                          postgres://postgres@127.0.0.1:5432/customers); only with BENCH_GATEWAY_URL
 *   JWT_SECRET             secret of that gateway (default dev-secret); only with BENCH_GATEWAY_URL
 *   BENCH_TENANT           tenant to seed and query (default bench)
 *   BENCH_CUSTOMERS        customers to seed (default 100000)
 *   BENCH_RATE             requests per second (default 200)
 *   BENCH_DURATION_S       seconds per scenario (default 20)
 *   BENCH_WARMUP_S         unmeasured warm-up seconds per scenario (default 3)
 *   BENCH_CONNECTIONS      concurrent connections (default 20)
 *   BENCH_SCENARIOS        comma-separated subset of: name-prefix,email-lookup,email-search
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { appEntry, signToken, TestSystem, TEST_JWT_SECRET } from '@app/testing';
import { redactUrl } from '../libs/platform/src/config/redact-url';

// ------------------------------------------------------------------ settings

const ROOT = resolve(__dirname, '../..');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'customers.json');

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

const settings = {
  tenant: process.env.BENCH_TENANT || 'bench',
  customers: intEnv('BENCH_CUSTOMERS', 100_000),
  rate: intEnv('BENCH_RATE', 200),
  durationS: intEnv('BENCH_DURATION_S', 20),
  warmupS: intEnv('BENCH_WARMUP_S', 3),
  connections: intEnv('BENCH_CONNECTIONS', 20),
};

// ------------------------------------------------------------------ seeding (the only part that knows the schema)

/** ASCII names, so prefixes need no URL or collation care. 40 × 50 combinations. */
const FIRST_NAMES = [
  'anna', 'ben', 'clara', 'david', 'emma', 'felix', 'greta', 'hannah', 'ida', 'jonas',
  'karl', 'lena', 'marie', 'noah', 'olivia', 'paul', 'quentin', 'rosa', 'sophie', 'tim',
  'ulla', 'valentin', 'wanda', 'xaver', 'yvonne', 'zoe', 'alexander', 'bernd', 'charlotte', 'dieter',
  'elias', 'frieda', 'georg', 'helene', 'isabel', 'jakob', 'katharina', 'leon', 'mia', 'nils',
];
const LAST_NAMES = [
  'mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner', 'becker', 'schulz', 'hoffmann',
  'schaefer', 'koch', 'bauer', 'richter', 'klein', 'wolf', 'schroeder', 'neumann', 'schwarz', 'zimmermann',
  'braun', 'krueger', 'hofmann', 'hartmann', 'lange', 'schmitt', 'werner', 'schmitz', 'krause', 'meier',
  'lehmann', 'schmid', 'schulze', 'maier', 'koehler', 'herrmann', 'koenig', 'walter', 'mayer', 'huber',
  'kaiser', 'fuchs', 'peters', 'lang', 'scholz', 'moeller', 'weiss', 'jung', 'hahn', 'vogel',
];
const CITIES = ['Berlin', 'Hamburg', 'Muenchen', 'Koeln', 'Frankfurt', 'Stuttgart', 'Duesseldorf', 'Leipzig'];

const sqlArray = (items: string[]) => `ARRAY[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')}]::text[]`;
const capitalized = (items: string[]) => items.map((s) => s[0].toUpperCase() + s.slice(1));

/**
 * Rows for customer n (1..count): names cycle through the lists above, the id is derived from
 * tenant and n (so a re-run inserts nothing twice), one valid primary email and mobile phone.
 * Matches apps/customers/src/migrations/1700000001000-create-customers.ts.
 */
function seedStatements(count: number): { label: string; sql: string }[] {
  const series = `generate_series(1, ${count}) AS n`;
  const id = `md5($1 || ':bench:' || n)::uuid`;
  const first = `(${sqlArray(capitalized(FIRST_NAMES))})[1 + n % ${FIRST_NAMES.length}]`;
  const last = `(${sqlArray(capitalized(LAST_NAMES))})[1 + (n / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}]`;
  return [
    {
      label: 'customers',
      sql: `
        INSERT INTO customers (tenant_id, id, kind, first_name, last_name, country, city, source, registered_at, first_seen_at, updated_at)
        SELECT $1, ${id}, 'person', ${first}, ${last}, 'DE', (${sqlArray(CITIES)})[1 + n % ${CITIES.length}], 'bench',
               now() - make_interval(mins => n), now() - make_interval(mins => n), now()
        FROM ${series}
        ON CONFLICT DO NOTHING`,
    },
    {
      label: 'customer_emails',
      sql: `
        INSERT INTO customer_emails (tenant_id, address, customer_id, status, is_primary)
        SELECT $1, lower(${first} || '.' || ${last} || '.' || n || '@example.com'), ${id}, 'valid', true
        FROM ${series}
        ON CONFLICT DO NOTHING`,
    },
    {
      label: 'customer_phones',
      sql: `
        INSERT INTO customer_phones (tenant_id, customer_id, number, type, status, is_primary)
        SELECT $1, ${id}, '+49151' || lpad(n::text, 8, '0'), 'mobile', 'valid', true
        FROM ${series}
        ON CONFLICT DO NOTHING`,
    },
  ];
}

/** Existing email addresses of the tenant, for the email scenarios. */
const SAMPLE_EMAILS_SQL = `SELECT address FROM customer_emails WHERE tenant_id = $1 ORDER BY md5(address) LIMIT 2000`;
const ANALYZE_SQL = `ANALYZE customers, customer_emails, customer_phones`;

async function seed(databaseUrl: string): Promise<{ seconds: number; emails: string[] }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const began = Date.now();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL synchronous_commit = off');
    for (const { label, sql } of seedStatements(settings.customers)) {
      const t = Date.now();
      const res = await client.query(sql, [settings.tenant]);
      log(`  ${label}: ${res.rowCount} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    await client.query('COMMIT');
    const t = Date.now();
    await client.query(ANALYZE_SQL);
    log(`  ANALYZE in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const seconds = (Date.now() - began) / 1000;
    const emails = (await client.query<{ address: string }>(SAMPLE_EMAILS_SQL, [settings.tenant])).rows.map((r) => r.address);
    return { seconds, emails };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(`Seeding failed (does the SQL in bench/customers.ts still match the customers migrations?): ${(e as Error).message}`);
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------ autocannon (no @types package: the parts we use)

interface Histogram {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
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
  headers?: Record<string, string>;
  setupRequest?: (req: AutocannonRequest, context: object) => AutocannonRequest;
}
interface AutocannonInstance {
  on(event: 'response', fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  stop(): void;
}
type Autocannon = (
  opts: {
    url: string;
    connections: number;
    overallRate: number;
    duration: number;
    timeout?: number;
    headers?: Record<string, string>;
    requests: AutocannonRequest[];
  },
  cb: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require('autocannon');

// ------------------------------------------------------------------ scenarios

interface Scenario {
  name: string;
  description: string;
  paths: string[];
}

function scenarios(emails: string[]): Scenario[] {
  // 3-letter prefixes of first and last names (lower and capitalised), rotating.
  const prefixes = [...new Set([...FIRST_NAMES, ...LAST_NAMES].map((n) => n.slice(0, 3)))];
  const namePaths = prefixes.flatMap((p) => [p, p[0].toUpperCase() + p.slice(1)]).map((p) => `/v1/customers?q=${encodeURIComponent(p)}`);
  const all: Scenario[] = [
    { name: 'name-prefix', description: 'GET /v1/customers?q=<name prefix>', paths: namePaths },
    {
      name: 'email-lookup',
      description: 'GET /v1/customers/by-email/<email>',
      paths: emails.map((e) => `/v1/customers/by-email/${encodeURIComponent(e)}`),
    },
    { name: 'email-search', description: 'GET /v1/customers?q=<exact email>', paths: emails.map((e) => `/v1/customers?q=${encodeURIComponent(e)}`) },
  ];
  const wanted = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim()).filter(Boolean);
  return wanted?.length ? all.filter((s) => wanted.includes(s.name)) : all;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

interface Measured {
  result: AutocannonResult;
  /** Response times of 2xx answers, as seen by the client (not corrected for coordinated omission). */
  latencies: number[];
}

function drive(baseUrl: string, token: string, paths: string[], durationS: number): Promise<Measured> {
  let next = 0;
  const latencies: number[] = [];
  return new Promise((done, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: Math.max(1, Math.min(settings.connections, settings.rate)),
        overallRate: settings.rate,
        duration: durationS,
        timeout: 10,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }),
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

async function probe(baseUrl: string, token: string, path: string): Promise<string> {
  const res = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.text();
  return `${res.status} ${body.slice(0, 200)}${body.length > 200 ? '…' : ''}`;
}

async function runScenario(baseUrl: string, token: string, scenario: Scenario) {
  if (scenario.paths.length === 0) throw new Error(`${scenario.name}: nothing to request (no seeded emails?)`);
  log(`\n${scenario.name}: ${scenario.description} (${scenario.paths.length} distinct URLs)`);
  log(`  sample: ${scenario.paths[0]} → ${await probe(baseUrl, token, scenario.paths[0])}`);
  if (settings.warmupS > 0) {
    log(`  warm-up ${settings.warmupS} s`);
    await drive(baseUrl, token, scenario.paths, settings.warmupS);
  }
  log(`  measuring ${settings.durationS} s at ${settings.rate} requests/s`);
  const { result, latencies } = await drive(baseUrl, token, scenario.paths, settings.durationS);
  latencies.sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  const completed = result.requests.total ?? latencies.length + result.non2xx;
  const summary = {
    name: scenario.name,
    description: scenario.description,
    durationS: result.duration,
    requestsCompleted: completed,
    requestsPerSecond: round(completed / result.duration),
    ok: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    latencyMs: {
      // From every 2xx response time as measured by the client.
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.length ? latencies[latencies.length - 1] : null),
      mean: round(latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : null),
    },
    // autocannon's own histogram, corrected for coordinated omission at a fixed rate.
    autocannonLatencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
  };
  const l = summary.latencyMs;
  log(
    `  p50 ${l.p50} ms · p95 ${l.p95} ms · p99 ${l.p99} ms · max ${l.max} ms · ` +
      `${summary.requestsPerSecond} req/s · non-2xx ${summary.non2xx} · errors ${summary.errors}`,
  );
  if (summary.non2xx > 0) log(`  status codes: ${JSON.stringify(summary.statusCodes)}`);
  return summary;
}

// ------------------------------------------------------------------ main

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

async function main(): Promise<void> {
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
    let gatewayUrl: string;
    let databaseUrl: string;
    let secret: string;
    const external = process.env.BENCH_GATEWAY_URL;
    if (external) {
      gatewayUrl = external.replace(/\/+$/, '');
      databaseUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL_CUSTOMERS || 'postgres://postgres@127.0.0.1:5432/customers';
      secret = process.env.JWT_SECRET || 'dev-secret';
      log(`Using the running gateway ${gatewayUrl}; seeding tenant "${settings.tenant}" in ${redactUrl(databaseUrl)}`);
    } else {
      if (!existsSync(appEntry('gateway'))) {
        throw new Error(
          `TestSystem looks for the apps at ${appEntry('gateway')}, which does not exist. ` +
            'Run "npm run build" first; if dist/apps/gateway/src/main.js exists, the app root that libs/testing computes is wrong when it runs compiled from dist/.',
        );
      }
      log('Starting the platform (private NATS, fresh databases)…');
      const t = Date.now();
      system = await TestSystem.start({
        appEnv: {
          // The bench itself must not be rate limited, and waits as long as production would.
          gateway: { RATE_LIMIT_PER_MINUTE: '10000000', RPC_TIMEOUT_MS: '5000' },
        },
      });
      gatewayUrl = system.gatewayUrl;
      databaseUrl = system.db('customers');
      secret = TEST_JWT_SECRET;
      log(`  ready in ${((Date.now() - t) / 1000).toFixed(1)} s: gateway ${gatewayUrl}`);
    }

    log(`Seeding ${settings.customers} customers into tenant "${settings.tenant}"…`);
    const seeded = await seed(databaseUrl);
    log(`  seeded and analysed in ${seeded.seconds.toFixed(1)} s`);

    const token = signToken({ tenant: settings.tenant, role: 'admin', secret, expiresIn: 24 * 3600 });
    const results = [];
    for (const scenario of scenarios(seeded.emails)) results.push(await runScenario(gatewayUrl, token, scenario));

    const summary = {
      benchmark: 'customers-search',
      at: new Date().toISOString(),
      node: process.version,
      target: external ? 'external' : 'TestSystem',
      settings: { ...settings, seedSeconds: Math.round(seeded.seconds * 10) / 10 },
      scenarios: results,
    };
    mkdirSync(dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    log(`\nSummary written to ${RESULTS_FILE}`);
  } finally {
    if (system) log('Stopping the platform and dropping its databases…');
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
