/**
 * B2B account sections benchmark (C9-C15): `npm run build && node dist/bench/accounts.js`.
 *
 * Starts the customers service and the gateway on a private NATS server and a fresh database
 * (TestSystem, dropped at the end), seeds BENCH_ACCOUNTS companies into one tenant with SQL,
 * each with notes, tasks, appointments, locations, contacts, brands with a sales rep and an
 * attachment on every 50th, runs ANALYZE, then drives the gateway at a fixed rate with autocannon per
 * scenario and prints latency percentiles, throughput and non-2xx counts. A JSON summary goes
 * to bench/results/accounts.json.
 *
 * Environment: BENCH_ACCOUNTS (default 20000), BENCH_RATE (200), BENCH_DURATION_S (15),
 * BENCH_WARMUP_S (3), BENCH_CONNECTIONS (20), BENCH_SCENARIOS (comma-separated subset of
 * tabs, notes-filtered, brands, create-note, download).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { signToken, TestSystem, TEST_JWT_SECRET } from '@app/testing';

const ROOT = resolve(__dirname, '../..');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'accounts.json');
const TENANT = 'bench-b2b';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

const settings = {
  accounts: intEnv('BENCH_ACCOUNTS', 20_000),
  rate: intEnv('BENCH_RATE', 200),
  durationS: intEnv('BENCH_DURATION_S', 15),
  warmupS: intEnv('BENCH_WARMUP_S', 3),
  connections: intEnv('BENCH_CONNECTIONS', 20),
};

// ------------------------------------------------------------------ seeding (matches accounts/migrations/1700000006100)

const PER_ACCOUNT = { notes: 12, tasks: 6, appointments: 6, locations: 2, contacts: 3, brands: 4 };
const BRANDS = 20;

function seedStatements(count: number): { label: string; sql: string }[] {
  const series = `generate_series(1, ${count}) AS n`;
  const customer = `md5($1 || ':b2b:' || n)::uuid`;
  const item = (kind: string, k: string) => `md5($1 || ':${kind}:' || n || ':' || ${k})::uuid`;
  return [
    {
      label: 'customers',
      sql: `INSERT INTO customers (tenant_id, id, kind, company_name, country, city, source, registered_at, first_seen_at, updated_at)
            SELECT $1, ${customer}, 'company', 'Shop ' || n, 'DE', 'Berlin', 'bench', now() - make_interval(mins => n), now() - make_interval(mins => n), now()
            FROM ${series}`,
    },
    {
      label: 'note_types',
      sql: `INSERT INTO note_types (tenant_id, key, label, position) VALUES ($1, 'call', 'Call', 1), ($1, 'visit', 'Visit', 2), ($1, 'email', 'Email', 3)`,
    },
    {
      label: 'customer_notes',
      sql: `INSERT INTO customer_notes (tenant_id, id, customer_id, type, season, year, call_status, text, author_type, author_id, created_at, updated_at)
            SELECT $1, ${item('note', 'k')}, ${customer}, (ARRAY['call','visit','email'])[1 + k % 3], (ARRAY['SS','FW'])[1 + k % 2], 2020 + k % 6,
                   (ARRAY['reached','call_back','no_answer'])[1 + k % 3], 'Spoke with the buyer about the next season, note ' || k, 'user', 'rep-' || (n % 50),
                   now() - make_interval(days => k), now() - make_interval(days => k)
            FROM ${series}, generate_series(1, ${PER_ACCOUNT.notes}) AS k`,
    },
    {
      label: 'customer_tasks',
      sql: `INSERT INTO customer_tasks (tenant_id, id, customer_id, category, assignee, due_date, description, status, completed_at, completed_by_type, completed_by_id, created_by_type, created_by_id)
            SELECT $1, ${item('task', 'k')}, ${customer}, 'Follow-up', 'rep-' || (n % 50), current_date + k - 3, 'Send the catalogue ' || k,
                   CASE WHEN k % 2 = 0 THEN 'done' ELSE 'open' END, CASE WHEN k % 2 = 0 THEN now() END,
                   CASE WHEN k % 2 = 0 THEN 'user' END, CASE WHEN k % 2 = 0 THEN 'rep-1' END, 'user', 'rep-1'
            FROM ${series}, generate_series(1, ${PER_ACCOUNT.tasks}) AS k`,
    },
    {
      label: 'customer_appointments',
      sql: `INSERT INTO customer_appointments (tenant_id, id, customer_id, type, season, year, starts_at, notes, created_by_type, created_by_id)
            SELECT $1, ${item('appointment', 'k')}, ${customer}, 'Showroom', (ARRAY['SS','FW'])[1 + k % 2], 2020 + k, now() - make_interval(days => 200 * k), 'Samples', 'user', 'rep-1'
            FROM ${series}, generate_series(1, ${PER_ACCOUNT.appointments}) AS k`,
    },
    {
      label: 'customer_locations',
      sql: `INSERT INTO customer_locations (tenant_id, id, customer_id, name, line1, city, country, is_primary)
            SELECT $1, ${item('location', 'k')}, ${customer}, (ARRAY['HQ','shipping'])[k], 'Street ' || n, 'Berlin', 'DE', k = 1
            FROM ${series}, generate_series(1, ${PER_ACCOUNT.locations}) AS k`,
    },
    {
      label: 'customer_contacts',
      sql: `INSERT INTO customer_contacts (tenant_id, id, customer_id, name, email, email_status, email_consent, is_primary)
            SELECT $1, ${item('contact', 'k')}, ${customer}, 'Contact ' || k, 'c' || k || '.' || n || '@shop.example', 'valid',
                   (ARRAY['given','not_captured','revoked'])[k], k = 1
            FROM ${series}, generate_series(1, ${PER_ACCOUNT.contacts}) AS k`,
    },
    {
      label: 'brands',
      sql: `INSERT INTO brands (tenant_id, id, name, default_rate_bps) SELECT $1, md5($1 || ':brand:' || b)::uuid, 'Brand ' || b, 500 + 50 * b FROM generate_series(1, ${BRANDS}) AS b`,
    },
    {
      label: 'sales_reps',
      sql: `INSERT INTO sales_reps (tenant_id, id, name, user_id, default_rate_bps) SELECT $1, md5($1 || ':rep:' || r)::uuid, 'Rep ' || r, 'rep-' || r, CASE WHEN r % 2 = 0 THEN 1200 END FROM generate_series(0, 49) AS r`,
    },
    {
      label: 'sales_rep_brand_rates',
      sql: `INSERT INTO sales_rep_brand_rates (tenant_id, sales_rep_id, brand_id, rate_bps)
            SELECT $1, md5($1 || ':rep:' || r)::uuid, md5($1 || ':brand:' || (1 + r % ${BRANDS}))::uuid, 1350 FROM generate_series(0, 49) AS r`,
    },
    {
      label: 'account_sales_reps',
      sql: `INSERT INTO account_sales_reps (tenant_id, customer_id, sales_rep_id) SELECT $1, ${customer}, md5($1 || ':rep:' || (n % 50))::uuid FROM ${series}`,
    },
    {
      label: 'customer_brands',
      sql: `INSERT INTO customer_brands (tenant_id, customer_id, brand_id, status, brand_customer_id, rate_bps)
            SELECT $1, ${customer}, md5($1 || ':brand:' || (1 + (n + k) % ${BRANDS}))::uuid, (ARRAY['active','potential'])[1 + k % 2], 'B-' || n, CASE WHEN k = 1 THEN 900 END
            FROM ${series}, generate_series(1, ${PER_ACCOUNT.brands}) AS k`,
    },
    {
      label: 'customer_attachments (a 200 KB PDF on every 50th account)',
      sql: `INSERT INTO customer_attachments (tenant_id, id, customer_id, file_name, content_type, status, size_bytes, max_bytes, chunk_count, sha256, uploaded_by_type, uploaded_by_id)
            SELECT $1, ${item('attachment', '1')}, ${customer}, 'Price list.pdf', 'application/pdf', 'ready', 204800, 10485760, 1, f.sha256, 'user', 'rep-1'
            FROM ${series}, (SELECT encode(sha256(('%PDF-' || repeat('x', 204795))::bytea), 'hex') AS sha256) f WHERE n % 50 = 0`,
    },
    {
      label: 'customer_attachment_chunks',
      sql: `INSERT INTO customer_attachment_chunks (tenant_id, attachment_id, index, data)
            SELECT $1, ${item('attachment', '1')}, 0, f.data FROM ${series}, (SELECT ('%PDF-' || repeat('x', 204795))::bytea AS data) f WHERE n % 50 = 0`,
    },
  ];
}

async function seed(databaseUrl: string): Promise<{ seconds: number; customers: string[]; attachments: string[] }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const began = Date.now();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL synchronous_commit = off');
    for (const { label, sql } of seedStatements(settings.accounts)) {
      const t = Date.now();
      const res = await client.query(sql, [TENANT]);
      log(`  ${label}: ${res.rowCount} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    const t = Date.now();
    await client.query('COMMIT'); // the deferred "exactly one primary" triggers run here
    log(`  commit (deferred primary checks) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await client.query(
      'ANALYZE customers, customer_notes, customer_tasks, customer_appointments, customer_locations, customer_contacts, customer_brands, brands, sales_reps, account_sales_reps, customer_attachments',
    );
    const customers = await client.query<{ id: string }>(`SELECT id FROM customers WHERE tenant_id = $1 ORDER BY md5(id::text) LIMIT 2000`, [TENANT]);
    const attachments = await client.query<{ path: string }>(`SELECT customer_id || '/attachments/' || id AS path FROM customer_attachments WHERE tenant_id = $1`, [TENANT]);
    return { seconds: (Date.now() - began) / 1000, customers: customers.rows.map((r) => r.id), attachments: attachments.rows.map((r) => r.path) };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(`Seeding failed (does bench/accounts.ts still match the migrations?): ${(e as Error).message}`);
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------ autocannon (no @types package: the parts we use)

interface AutocannonResult {
  latency: { p50: number; p97_5: number; p99: number; max: number };
  requests: { total?: number };
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
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (
  opts: { url: string; connections: number; overallRate: number; duration: number; timeout?: number; headers?: Record<string, string>; requests: AutocannonRequest[] },
  cb: (err: Error | null, result: AutocannonResult) => void,
) => { on(event: 'response', fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require('autocannon');

interface Scenario {
  name: string;
  description: string;
  method: 'GET' | 'POST';
  paths: string[];
  body?: string;
}

function scenarios(customers: string[], attachments: string[]): Scenario[] {
  const tabs = ['notes', 'tasks?status=open', 'appointments', 'locations', 'contacts', 'brands', 'attachments'];
  const all: Scenario[] = [
    { name: 'tabs', description: 'GET /v1/customers/{id}/<tab> (first page), the 7 B2B tabs in turn', method: 'GET', paths: customers.map((id, i) => `/v1/customers/${id}/${tabs[i % tabs.length]}`) },
    { name: 'notes-filtered', description: 'GET /v1/customers/{id}/notes?season=FW&year=2023', method: 'GET', paths: customers.map((id) => `/v1/customers/${id}/notes?season=FW&year=2023`) },
    { name: 'brands', description: 'GET /v1/customers/{id}/brands (effective rates)', method: 'GET', paths: customers.map((id) => `/v1/customers/${id}/brands`) },
    {
      name: 'create-note',
      description: 'POST /v1/customers/{id}/notes',
      method: 'POST',
      paths: customers.map((id) => `/v1/customers/${id}/notes`),
      body: JSON.stringify({ type: 'call', season: 'FW', year: 2025, callStatus: 'reached', text: 'Benchmark note' }),
    },
    { name: 'download', description: 'GET /v1/customers/{id}/attachments/{itemId}/content (200 KB)', method: 'GET', paths: attachments.map((p) => `/v1/customers/${p}/content`) },
  ];
  const wanted = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim()).filter(Boolean);
  return wanted?.length ? all.filter((s) => wanted.includes(s.name)) : all;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : null);

function drive(baseUrl: string, token: string, scenario: Scenario, durationS: number): Promise<{ result: AutocannonResult; latencies: number[] }> {
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
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(scenario.body ? { 'content-type': 'application/json' } : {}) },
        requests: [{ method: scenario.method, ...(scenario.body ? { body: scenario.body } : {}), setupRequest: (req) => ({ ...req, path: scenario.paths[next++ % scenario.paths.length] }) }],
      },
      (err, result) => (err ? reject(err) : done({ result, latencies })),
    );
    instance.on('response', (_c, statusCode, _b, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

async function runScenario(baseUrl: string, token: string, scenario: Scenario) {
  log(`\n${scenario.name}: ${scenario.description}`);
  const probe = await fetch(baseUrl + scenario.paths[0], { method: scenario.method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: scenario.body });
  log(`  sample: ${scenario.method} ${scenario.paths[0]} → ${probe.status} (${(await probe.arrayBuffer()).byteLength} bytes)`);
  if (settings.warmupS > 0) await drive(baseUrl, token, scenario, settings.warmupS);
  log(`  measuring ${settings.durationS} s at ${settings.rate} requests/s`);
  const { result, latencies } = await drive(baseUrl, token, scenario, settings.durationS);
  latencies.sort((a, b) => a - b);
  const completed = result.requests.total ?? latencies.length + result.non2xx;
  const summary = {
    name: scenario.name,
    description: scenario.description,
    requestsPerSecond: Math.round((completed / result.duration) * 10) / 10,
    ok: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? null },
    autocannonLatencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
  };
  const l = summary.latencyMs;
  log(`  p50 ${l.p50} ms · p95 ${l.p95} ms · p99 ${l.p99} ms · max ${l.max} ms · ${summary.requestsPerSecond} req/s · non-2xx ${summary.non2xx} · errors ${summary.errors}`);
  return summary;
}

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

async function main(): Promise<void> {
  let system: TestSystem | undefined;
  const stop = () => system?.stop();
  process.once('SIGINT', () => void Promise.resolve(stop()).finally(() => process.exit(130)));
  try {
    log('Starting customers and the gateway (private NATS, fresh database)…');
    system = await TestSystem.start({ apps: ['customers', 'gateway'], appEnv: { gateway: { RATE_LIMIT_PER_MINUTE: '10000000', RPC_TIMEOUT_MS: '5000' } } });
    log(`Seeding ${settings.accounts} accounts into tenant "${TENANT}" (per account: ${JSON.stringify(PER_ACCOUNT)}, one attachment)…`);
    const seeded = await seed(system.db('customers'));
    log(`  seeded and analysed in ${seeded.seconds.toFixed(1)} s`);
    const token = signToken({ tenant: TENANT, role: 'admin', secret: TEST_JWT_SECRET, expiresIn: 24 * 3600 });
    const results = [];
    for (const scenario of scenarios(seeded.customers, seeded.attachments)) results.push(await runScenario(system.gatewayUrl, token, scenario));
    mkdirSync(dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify({ benchmark: 'accounts', at: new Date().toISOString(), node: process.version, settings, perAccount: PER_ACCOUNT, scenarios: results }, null, 2)}\n`);
    log(`\nSummary written to ${RESULTS_FILE}`);
  } finally {
    log('Stopping and dropping the database…');
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
