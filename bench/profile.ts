/**
 * Customer profile benchmark (P1): `npm run bench:profile`.
 *
 * Starts the whole platform on a private NATS server and fresh databases (TestSystem, dropped at
 * the end), seeds BENCH_CUSTOMERS customers with activity in all four services' databases
 * (bench/profile-seed.ts), then measures GET /v1/customers/{id}/profile two ways with autocannon:
 *
 * - gateway: the real path: HTTP, token check, four NATS requests at once, four services reading
 *   their own databases, the gateway assembling the answer;
 * - direct: the same four services' profile code in one process (bench/profile-direct.ts) reading
 *   the four databases itself, behind a bare HTTP server, so the cost of the fan-out is the ratio
 *   of the two.
 *
 * Before measuring, both answer for a sample of customers and must agree (summary figures and
 * every section's status and item count), so the ratio compares the same work. Scenarios, each
 * for both targets: `rate` (BENCH_RATE requests/s on BENCH_CONNECTIONS connections: the target,
 * p99 under 50 ms at 200/s, as autocannon offers it, in bursts at the top of each second),
 * `paced` (the same rate spaced evenly, open loop, on up to BENCH_PACED_CONNECTIONS, latency
 * counted from when each request was due: see drivePaced), `churn` (`paced` through the gateway
 * while BENCH_CHURN_RATE of the measured customers change per second through it), `serial` (the same rate on 2
 * connections, so requests queue less), `light` (BENCH_LIGHT_RATE requests/s on one connection:
 * one profile at a time, the latency of a profile on an otherwise idle system; a profile's own
 * parts already use both cores) and `max` (as fast as answers come on BENCH_MAX_CONNECTIONS
 * connections).
 *
 * Environment: BENCH_CUSTOMERS (100000), BENCH_RATE (200), BENCH_CONNECTIONS (20),
 * BENCH_LIGHT_RATE (10), BENCH_MAX_CONNECTIONS (8), BENCH_PACED_CONNECTIONS (64),
 * BENCH_DURATION_S (20), BENCH_WARMUP_S (5), BENCH_SCENARIOS (comma-separated subset of rate,
 * paced, churn, serial, light, max), BENCH_CHURN_RATE (20), BENCH_PRIME (1: read every measured profile once before the
 * scenarios; 0: do not). Results: bench/results/profile.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SERVICES, type ServiceName } from '@app/contracts';
import { signToken, TEST_JWT_SECRET, type TestSystem } from '@app/testing';
import { sampleCustomerIds, seedProfiles } from './profile-seed';
import { chosen, intEnv, log, logDriven, round, runBench, warmUpAndDrive, withSystem, writeResults, type Driven } from './support';

const TENANT = 'bench-profile';
const settings = {
  customers: intEnv('BENCH_CUSTOMERS', 100_000),
  rate: intEnv('BENCH_RATE', 200),
  connections: intEnv('BENCH_CONNECTIONS', 20),
  lightRate: intEnv('BENCH_LIGHT_RATE', 10),
  maxConnections: intEnv('BENCH_MAX_CONNECTIONS', 8),
  pacedConnections: intEnv('BENCH_PACED_CONNECTIONS', 64),
  durationS: intEnv('BENCH_DURATION_S', 20),
  warmupS: intEnv('BENCH_WARMUP_S', 5),
  /** 0: measure without first reading every profile once (parts are then stored during the first scenario). */
  prime: intEnv('BENCH_PRIME', 1) === 1,
  /** Writes per second through the gateway beside the reads of the `churn` scenario. */
  churnRate: intEnv('BENCH_CHURN_RATE', 20),
};

interface Target {
  name: 'gateway' | 'direct';
  url: string;
}

/** Starts bench/profile-direct.js on the system's databases; resolves with its URL once it listens. */
async function startDirectReader(system: TestSystem): Promise<{ url: string; child: ChildProcess }> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NATS_URL: system.nats.url, PORT: '0', LOG_LEVEL: 'warn' };
  for (const service of SERVICES) env[`DIRECT_DATABASE_URL_${service.toUpperCase()}`] = system.db(service);
  const child = spawn(process.execPath, [join(__dirname, 'profile-direct.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const ready = /direct reader ready on port (\d+)/.exec(line);
      if (ready) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`the direct reader exited with ${code} before it was ready`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

type Profile = { summary: Record<string, unknown>; sections: Record<string, { status: string; data?: unknown }> };

/** What must be the same in both answers: the summary and, per section, its status and how many items it shows. */
function essentials(profile: Profile) {
  const sections = Object.fromEntries(
    Object.entries(profile.sections).map(([name, s]) => {
      const items = (s.data as { items?: unknown[] } | undefined)?.items;
      return [name, `${s.status}${Array.isArray(items) ? `:${items.length}` : ''}`];
    }),
  );
  return JSON.stringify({ summary: profile.summary, sections });
}

async function fetchProfile(target: Target, token: string, id: string): Promise<Profile> {
  const res = await fetch(`${target.url}/v1/customers/${id}/profile`, { headers: { authorization: `Bearer ${token}`, 'x-tenant-id': TENANT } });
  if (res.status !== 200) throw new Error(`${target.name}: GET profile of ${id} answered ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as Profile;
}

/** Both targets answer the same for `ids`, with every section available and the seeded activity in it. */
async function checkAgreement(targets: Target[], token: string, ids: string[]) {
  for (const id of ids) {
    const [viaGateway, direct] = await Promise.all(targets.map((t) => fetchProfile(t, token, id)));
    const unavailable = Object.entries(viaGateway.sections).filter(([, s]) => s.status !== 'ok');
    if (unavailable.length) throw new Error(`sections unavailable through the gateway for ${id}: ${unavailable.map(([n]) => n).join(', ')}`);
    if (essentials(viaGateway) !== essentials(direct)) {
      throw new Error(`the gateway and the direct reader disagree on ${id}:\n${essentials(viaGateway)}\n${essentials(direct)}`);
    }
  }
  const sample = await fetchProfile(targets[0], token, ids[0]);
  const counts = Object.fromEntries(Object.entries(sample.sections).map(([n, s]) => [n, (s.data as { items?: unknown[] })?.items?.length ?? '·']));
  log(`  ${ids.length} customers agree; sections of the first (items): ${JSON.stringify(counts)}`);
  log(`  its answer: ${JSON.stringify(sample).length} bytes`);
}

/**
 * Reads every measured profile once through the gateway, 8 at a time, so that each service has
 * its part stored (ProfileDocuments) before the scenarios: what they measure is the profile of a
 * customer whose data has not changed since it was last read. Answers how fast first reads went.
 */
async function readEveryProfileOnce(url: string, token: string, ids: string[]): Promise<{ profiles: number; seconds: number; perSecond: number }> {
  const began = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) await fetchProfile({ name: 'gateway', url }, token, ids[next++]);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const seconds = (Date.now() - began) / 1000;
  return { profiles: ids.length, seconds: round(seconds), perSecond: round(ids.length / seconds) };
}

interface Scenario {
  name: string;
  description: string;
  rate?: number;
  connections: number;
  paced?: boolean;
  /** Also change `settings.churnRate` of the measured customers per second through the gateway (gateway only). */
  churn?: boolean;
}

function scenarios(): Scenario[] {
  return chosen([
    { name: 'rate', description: `${settings.rate} requests/s on ${settings.connections} connections`, rate: settings.rate, connections: settings.connections },
    {
      name: 'paced',
      description: `${settings.rate} requests/s evenly spaced, open loop, on up to ${settings.pacedConnections} connections`,
      rate: settings.rate,
      connections: settings.pacedConnections,
      paced: true,
    },
    {
      name: 'churn',
      description: `${settings.rate} requests/s evenly spaced while ${settings.churnRate} customers/s change through the gateway`,
      rate: settings.rate,
      connections: settings.pacedConnections,
      paced: true,
      churn: true,
    },
    { name: 'serial', description: `${settings.rate} requests/s on 2 connections`, rate: settings.rate, connections: 2 },
    { name: 'light', description: `${settings.lightRate} requests/s on 1 connection`, rate: settings.lightRate, connections: 1 },
    { name: 'max', description: `as fast as answers come on ${settings.maxConnections} connections`, connections: settings.maxConnections },
  ]);
}

runBench(() =>
  withSystem({ env: { OUTBOX_POLL_MS: process.env.OUTBOX_POLL_MS ?? '200' } }, async (system) => {
    log(`Seeding ${settings.customers} customers into tenant "${TENANT}" across the four databases…`);
    const databases = Object.fromEntries(SERVICES.map((s) => [s, system.db(s)])) as Record<ServiceName, string>;
    const seedSeconds = await seedProfiles(databases, TENANT, settings.customers);
    log(`  seeded and analysed (seconds per database): ${JSON.stringify(seedSeconds)}`);
    const token = signToken({ tenant: TENANT, role: 'admin', secret: TEST_JWT_SECRET, expiresIn: 24 * 3600 });
    const ids = sampleCustomerIds(TENANT, settings.customers, 5000);

    log('Starting the direct reader…');
    const direct = await startDirectReader(system);
    try {
      const targets: Target[] = [
        { name: 'gateway', url: system.gatewayUrl },
        { name: 'direct', url: direct.url },
      ];
      log('Checking that both answer the same…');
      await checkAgreement(targets, token, ids.slice(0, 25));

      let firstReads: Awaited<ReturnType<typeof readEveryProfileOnce>> | null = null;
      if (settings.prime) {
        log(`Reading each of the ${ids.length} measured profiles once (each part read afresh and stored)…`);
        firstReads = await readEveryProfileOnce(system.gatewayUrl, token, ids);
        log(`  ${firstReads.profiles} first reads in ${firstReads.seconds} s: ${firstReads.perSecond}/s on 8 connections`);
      }

      const results: Array<{ scenario: string; description: string; target: string } & Driven> = [];
      for (const scenario of scenarios()) {
        for (const target of scenario.churn ? targets.slice(0, 1) : targets) {
          log(`\n${scenario.name} · ${target.name}: GET /v1/customers/{id}/profile, ${scenario.description}`);
          const reads = warmUpAndDrive(
            {
              url: target.url,
              token,
              request: (i) => ({ method: 'GET', path: `/v1/customers/${ids[i % ids.length]}/profile`, headers: { 'x-tenant-id': TENANT } }),
              connections: scenario.connections,
              rate: scenario.rate,
              paced: scenario.paced,
            },
            settings,
          );
          // A customer's city changes: the customers part of their profile is stale, and so is every copy of the tenant until the write is announced.
          const writes = scenario.churn
            ? warmUpAndDrive(
                {
                  url: target.url,
                  token,
                  request: (i) => ({ method: 'PATCH', path: `/v1/customers/${ids[(i * 7919) % ids.length]}`, headers: { 'x-tenant-id': TENANT }, body: { city: `Churn ${i}` } }),
                  connections: 8,
                  rate: settings.churnRate,
                  paced: true,
                },
                settings,
              )
            : null;
          const driven = await reads;
          logDriven(driven);
          results.push({ scenario: scenario.name, description: scenario.description, target: target.name, ...driven });
          if (writes) {
            const written = await writes;
            log('  the writes beside them:');
            logDriven(written);
            results.push({ scenario: scenario.name, description: `${settings.churnRate} PATCH /v1/customers/{id} per second`, target: `${target.name} (writes)`, ...written });
          }
        }
      }

      const ratios = scenarios().filter((s) => !s.churn).map((s) => {
        const [g, d] = ['gateway', 'direct'].map((t) => results.find((r) => r.scenario === s.name && r.target === t)!);
        const ratio = (key: 'p50' | 'p95' | 'p99') => (g.latencyMs[key] && d.latencyMs[key] ? round(g.latencyMs[key]! / d.latencyMs[key]!) : null);
        return { scenario: s.name, p50: ratio('p50'), p95: ratio('p95'), p99: ratio('p99'), throughput: d.requestsPerSecond ? round(g.requestsPerSecond / d.requestsPerSecond) : null };
      });
      log('\nGateway ÷ direct:');
      for (const r of ratios) log(`  ${r.scenario}: p50 ×${r.p50} · p95 ×${r.p95} · p99 ×${r.p99} · throughput ×${r.throughput}`);
      writeResults('profile', { settings, seedSeconds, firstReads, results, ratios });
    } finally {
      direct.child.kill('SIGTERM');
    }
  }),
);
