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
import { signToken, TEST_JWT_SECRET } from '@app/testing';
import { chosen, intEnv, log, logDriven, runBench, seedSql, warmUpAndDrive, withSystem, writeResults, type LoadRequest } from './support';

const TENANT = 'bench-b2b';

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

/** Seeds the accounts (the deferred "exactly one primary" triggers run at COMMIT) and samples what the scenarios ask for. */
const seed = (databaseUrl: string) =>
  seedSql(
    databaseUrl,
    {
      statements: seedStatements(settings.accounts),
      params: [TENANT],
      analyze: [
        'customers', 'customer_notes', 'customer_tasks', 'customer_appointments', 'customer_locations', 'customer_contacts',
        'customer_brands', 'brands', 'sales_reps', 'account_sales_reps', 'customer_attachments',
      ],
      source: 'bench/accounts.ts',
    },
    async (client) => ({
      customers: (await client.query<{ id: string }>(`SELECT id FROM customers WHERE tenant_id = $1 ORDER BY md5(id::text) LIMIT 2000`, [TENANT])).rows.map((r) => r.id),
      attachments: (await client.query<{ path: string }>(`SELECT customer_id || '/attachments/' || id AS path FROM customer_attachments WHERE tenant_id = $1`, [TENANT])).rows.map((r) => r.path),
    }),
  );

// ------------------------------------------------------------------ scenarios

interface Scenario {
  name: string;
  description: string;
  method: LoadRequest['method'];
  paths: string[];
  body?: object;
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
      body: { type: 'call', season: 'FW', year: 2025, callStatus: 'reached', text: 'Benchmark note' },
    },
    { name: 'download', description: 'GET /v1/customers/{id}/attachments/{itemId}/content (200 KB)', method: 'GET', paths: attachments.map((p) => `/v1/customers/${p}/content`) },
  ];
  return chosen(all);
}

async function runScenario(url: string, token: string, scenario: Scenario) {
  const request = (i: number): LoadRequest => ({ method: scenario.method, path: scenario.paths[i % scenario.paths.length], body: scenario.body });
  log(`\n${scenario.name}: ${scenario.description}`);
  // The sample shows the answer's size rather than its start (the download is 200 KB of PDF).
  const sample = await fetch(url + scenario.paths[0], { method: scenario.method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: scenario.body && JSON.stringify(scenario.body) });
  log(`  sample: ${scenario.method} ${scenario.paths[0]} → ${sample.status} (${(await sample.arrayBuffer()).byteLength} bytes)`);
  const driven = await warmUpAndDrive({ url, token, request, connections: settings.connections, rate: settings.rate }, settings);
  logDriven(driven);
  return { name: scenario.name, description: scenario.description, ...driven };
}

runBench(() =>
  withSystem({ apps: ['customers', 'gateway'] }, async (system) => {
    log(`Seeding ${settings.accounts} accounts into tenant "${TENANT}" (per account: ${JSON.stringify(PER_ACCOUNT)}, one attachment)…`);
    const seeded = await seed(system.db('customers'));
    log(`  seeded and analysed in ${seeded.seconds.toFixed(1)} s`);
    const token = signToken({ tenant: TENANT, role: 'admin', secret: TEST_JWT_SECRET, expiresIn: 24 * 3600 });
    const results = [];
    for (const scenario of scenarios(seeded.customers, seeded.attachments)) results.push(await runScenario(system.gatewayUrl, token, scenario));
    writeResults('accounts', { settings, perAccount: PER_ACCOUNT, scenarios: results });
  }),
);
