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
import { query, signToken, TEST_JWT_SECRET } from '@app/testing';
import { chosen, intEnv, log, probe, round, runBench, seedSql, warmUpAndDrive, withSystem, writeResults, type LoadRequest, type SeedStatement } from './support';

const TENANT = 'bench';

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
const SEED: SeedStatement[] = [
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

const seed = (databaseUrl: string) =>
  seedSql(databaseUrl, { statements: SEED, params: [TENANT, settings.customers], analyze: ['customer_refs', 'loyalty_cards'], source: 'bench/loyalty.ts' }, async (client) => ({
    customers: (await client.query(`SELECT customer_id FROM customer_refs WHERE tenant_id = $1`, [TENANT])).rows.map((r) => r.customer_id as string),
    cards: (await client.query(`SELECT id FROM loyalty_cards WHERE tenant_id = $1`, [TENANT])).rows.map((r) => r.id as string),
  }));

async function purchaseCounts(databaseUrl: string): Promise<{ purchases: number; counted: number; metricsRows: number }> {
  const [counts] = await query<{ purchases: number; counted: number; metricsRows: number }>(
    databaseUrl,
    `SELECT (SELECT count(*)::int FROM purchases WHERE tenant_id = $1) AS purchases,
            (SELECT coalesce(sum(purchase_count), 0)::int FROM customer_metrics WHERE tenant_id = $1) AS counted,
            (SELECT count(*)::int FROM customer_metrics WHERE tenant_id = $1 AND purchase_count > 0) AS "metricsRows"`,
    [TENANT],
  );
  return counts;
}

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
  return chosen(all);
}

async function runScenario(url: string, token: string, scenario: Scenario) {
  // Every request carries an Idempotency-Key, as a till would send.
  const request = (): LoadRequest => ({ method: 'POST', ...scenario.next(), headers: { 'idempotency-key': randomUUID() } });
  log(`\n${scenario.name}: ${scenario.description}`);
  log(`  sample: ${await probe(url, token, request())}`);
  const driven = await warmUpAndDrive({ url, token, request, connections: settings.connections }, settings);
  const opsPerSecond = round(driven.ok / driven.durationS, 1);
  const l = driven.latencyMs;
  log(`  ${opsPerSecond} ops/s · p50 ${l.p50} ms · p95 ${l.p95} ms · p99 ${l.p99} ms · non-2xx ${driven.non2xx} · errors ${driven.errors}`);
  if (driven.non2xx > 0) log(`  status codes: ${JSON.stringify(driven.statusCodes)}`);
  return { name: scenario.name, description: scenario.description, ...driven, opsPerSecond };
}

// ------------------------------------------------------------------ main

runBench(() =>
  withSystem({ apps: ['loyalty', 'gateway'], appEnv: { gateway: { RPC_TIMEOUT_MS: '10000' }, loyalty: { LOG_LEVEL: 'warn' } } }, async (system) => {
    const databaseUrl = system.db('loyalty');
    log(`Seeding ${settings.customers} customers with a card each…`);
    const { customers, cards } = await seed(databaseUrl);
    const token = signToken({ tenant: TENANT, role: 'staff', secret: TEST_JWT_SECRET, expiresIn: 24 * 3600 });
    const results = [];
    for (const scenario of scenarios(customers, cards)) {
      const result = await runScenario(system.gatewayUrl, token, scenario);
      if (scenario.name === 'purchases') {
        const counts = await purchaseCounts(databaseUrl);
        log(`  metrics: ${counts.purchases} purchases stored, customers' purchase counts sum to ${counts.counted} (${counts.metricsRows} customers)`);
        Object.assign(result, { metricsCheck: counts });
      }
      results.push(result);
    }
    writeResults('loyalty', { settings, scenarios: results });
  }),
);
