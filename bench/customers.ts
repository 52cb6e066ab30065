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
import { signToken } from '@app/testing';
import { chosen, intEnv, log, logDriven, probe, round, runBench, seedSql, warmUpAndDrive, withTarget, writeResults } from './support';

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

const seed = (databaseUrl: string) =>
  seedSql(
    databaseUrl,
    { statements: seedStatements(settings.customers), params: [settings.tenant], analyze: ['customers', 'customer_emails', 'customer_phones'], source: 'bench/customers.ts' },
    async (client) => ({ emails: (await client.query<{ address: string }>(SAMPLE_EMAILS_SQL, [settings.tenant])).rows.map((r) => r.address) }),
  );

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
  return chosen(all);
}

async function runScenario(url: string, token: string, scenario: Scenario) {
  if (scenario.paths.length === 0) throw new Error(`${scenario.name}: nothing to request (no seeded emails?)`);
  const request = (i: number) => ({ method: 'GET' as const, path: scenario.paths[i % scenario.paths.length] });
  log(`\n${scenario.name}: ${scenario.description} (${scenario.paths.length} distinct URLs)`);
  log(`  sample: ${scenario.paths[0]} → ${await probe(url, token, request(0))}`);
  const driven = await warmUpAndDrive({ url, token, request, connections: settings.connections, rate: settings.rate }, settings);
  logDriven(driven);
  return { name: scenario.name, description: scenario.description, ...driven };
}

// ------------------------------------------------------------------ main

runBench(() =>
  withTarget('customers', {}, async (target) => {
    log(`Seeding ${settings.customers} customers into tenant "${settings.tenant}"…`);
    const seeded = await seed(target.databaseUrl);
    log(`  seeded and analysed in ${seeded.seconds.toFixed(1)} s`);

    const token = signToken({ tenant: settings.tenant, role: 'admin', secret: target.secret, expiresIn: 24 * 3600 });
    const results = [];
    for (const scenario of scenarios(seeded.emails)) results.push(await runScenario(target.url, token, scenario));

    writeResults('customers', {
      benchmark: 'customers-search',
      target: target.system ? 'TestSystem' : 'external',
      settings: { ...settings, seedSeconds: round(seeded.seconds, 1) },
      scenarios: results,
    });
  }),
);
