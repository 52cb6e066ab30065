/**
 * What every benchmark shares: settings from the environment, seeding a database with SQL,
 * driving the gateway with autocannon (fixed rate or as fast as it goes) or evenly paced, latency summaries,
 * result files, and starting the platform on a private NATS server and throwaway databases (or
 * using a running gateway).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { appEntry, TestSystem, TEST_JWT_SECRET, type AppName, type TestSystemOptions } from '@app/testing';
import { redactUrl } from '../libs/platform/src/config/redact-url';

export const ROOT = resolve(__dirname, '../..');

export function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

export function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** The scenarios named in BENCH_SCENARIOS (comma-separated), or all of them. */
export function chosen<T extends { name: string }>(all: T[]): T[] {
  const wanted = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim()).filter(Boolean);
  return wanted?.length ? all.filter((s) => wanted.includes(s.name)) : all;
}

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** `v` to `digits` decimals (null stays null). */
export function round(v: number, digits?: number): number;
export function round(v: number | null, digits?: number): number | null;
export function round(v: number | null, digits = 2): number | null {
  return v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;
}

/** p50/p95/p99/max/mean of a list of milliseconds. */
export function latencySummary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : null),
    mean: round(sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null),
  };
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
  opts: {
    url: string;
    connections: number;
    overallRate?: number;
    duration: number;
    timeout?: number;
    headers?: Record<string, string>;
    requests: AutocannonRequest[];
  },
  cb: (err: Error | null, result: AutocannonResult) => void,
) => { on(event: 'response', fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require('autocannon');

/** One request of a load: the i-th call asks for this. */
export interface LoadRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Load {
  url: string;
  token: string;
  /** Builds the i-th request (i counts from 0 over the whole run). */
  request: (i: number) => LoadRequest;
  durationS: number;
  connections: number;
  /** Requests per second for all connections together; absent: as fast as answers come. */
  rate?: number;
  /** With `rate`: spaced evenly instead of autocannon's quota per connection per second (drivePaced). */
  paced?: boolean;
}

/** Drives the gateway and summarises what the client saw: 2xx latencies, throughput, failures. */
export async function drive(load: Load): Promise<Driven> {
  return load.paced && load.rate ? drivePaced({ ...load, rate: load.rate }) : driveAutocannon(load);
}

/** What a drive saw. `autocannonLatencyMs` is autocannon's own histogram (null for a paced drive). */
export interface Driven {
  durationS: number;
  requestsCompleted: number;
  requestsPerSecond: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** From every 2xx response time as measured by the client. */
  latencyMs: ReturnType<typeof latencySummary>;
  autocannonLatencyMs: { p50: number; p97_5: number; p99: number; max: number } | null;
}

/**
 * `rate` requests per second spaced evenly (one every 1000/rate ms), open loop: each is sent when
 * it is due whether or not the earlier ones have answered, on up to `connections` keep-alive
 * sockets (beyond that it waits for one), and its latency counts from when it was due, so time
 * spent queued anywhere is in it. autocannon's fixed rate is a quota per connection per second,
 * sent back to back from the start of each second, so its load arrives in bursts.
 */
async function drivePaced(load: Load & { rate: number }): Promise<Driven> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const target = new URL(load.url);
  const intervalMs = 1000 / load.rate;
  const total = Math.round(load.durationS * load.rate);
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  const send = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      let done = false;
      const settled = () => {
        if (done) return;
        done = true;
        resolve();
      };
      const r = load.request(i);
      const body = r.body !== undefined ? JSON.stringify(r.body) : undefined;
      const req = httpRequest(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: r.method,
          path: r.path,
          timeout: 10_000,
          headers: {
            authorization: `Bearer ${load.token}`,
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(r.headers ?? {}),
          },
        },
        (res) => {
          res.resume();
          res.on('error', () => {
            errors++;
            settled();
          });
          res.on('end', () => {
            const code = res.statusCode ?? 0;
            statusCodes[code] = (statusCodes[code] ?? 0) + 1;
            if (code >= 200 && code < 300) latencies.push(performance.now() - due);
            settled();
          });
        },
      );
      let timedOut = false;
      req.on('timeout', () => {
        timedOut = true;
        timeouts++;
        req.destroy(new Error('timeout'));
      });
      req.on('error', () => {
        if (!timedOut) errors++;
        settled();
      });
      req.end(body);
    });
  const started = performance.now();
  const sent: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(send(i, due));
  }
  await Promise.all(sent);
  const durationS = (performance.now() - started) / 1000;
  agent.destroy();
  const completed = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    durationS: round(durationS),
    requestsCompleted: completed,
    requestsPerSecond: round(completed / durationS),
    ok: latencies.length,
    non2xx: completed - latencies.length,
    errors,
    timeouts,
    statusCodes,
    latencyMs: latencySummary(latencies),
    autocannonLatencyMs: null,
  };
}

async function driveAutocannon(load: Load): Promise<Driven> {
  let next = 0;
  const latencies: number[] = [];
  const result = await new Promise<AutocannonResult>((done, reject) => {
    const instance = autocannon(
      {
        url: load.url,
        connections: Math.max(1, load.rate ? Math.min(load.connections, load.rate) : load.connections),
        ...(load.rate ? { overallRate: load.rate } : {}),
        duration: load.durationS,
        timeout: 10,
        headers: { authorization: `Bearer ${load.token}`, accept: 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const r = load.request(next++);
              return {
                ...req,
                method: r.method,
                path: r.path,
                ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
                headers: { ...req.headers, ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(r.headers ?? {}) },
              };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : done(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const completed = result.requests.total ?? latencies.length + result.non2xx;
  return {
    durationS: result.duration,
    requestsCompleted: completed,
    requestsPerSecond: round(completed / result.duration),
    ok: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    // From every 2xx response time as measured by the client.
    latencyMs: latencySummary(latencies),
    // autocannon's own histogram (corrected for coordinated omission at a fixed rate).
    autocannonLatencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
  };
}

/** Drives `load` unmeasured for `warmupS` seconds (if any), then measures it for `durationS`. */
export async function warmUpAndDrive(load: Omit<Load, 'durationS'>, timing: { warmupS: number; durationS: number }): Promise<Driven> {
  if (timing.warmupS > 0) {
    log(`  warm-up ${timing.warmupS} s`);
    await drive({ ...load, durationS: timing.warmupS });
  }
  log(`  measuring ${timing.durationS} s ${load.rate ? `at ${load.rate} requests/s${load.paced ? ', evenly spaced' : ''}` : `with ${load.connections} connections`}`);
  return drive({ ...load, durationS: timing.durationS });
}

export function logDriven(d: Driven): void {
  const l = d.latencyMs;
  log(`  p50 ${l.p50} ms · p95 ${l.p95} ms · p99 ${l.p99} ms · max ${l.max} ms · ${d.requestsPerSecond} req/s · non-2xx ${d.non2xx} · errors ${d.errors}`);
  if (d.non2xx > 0) log(`  status codes: ${JSON.stringify(d.statusCodes)}`);
}

/** One request now, for a sample line in the log. */
export async function probe(url: string, token: string, r: LoadRequest): Promise<string> {
  const res = await fetch(url + r.path, {
    method: r.method,
    headers: { authorization: `Bearer ${token}`, ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(r.headers ?? {}) },
    body: r.body === undefined ? undefined : JSON.stringify(r.body),
  });
  const body = await res.text();
  return `${res.status} ${body.slice(0, 160)}${body.length > 160 ? '…' : ''}`;
}

/** One JSON request to the gateway; its answer, or an error naming the request and the status. */
export async function api<T>(url: string, token: string, r: LoadRequest): Promise<T> {
  const res = await fetch(url + r.path, {
    method: r.method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(r.headers ?? {}) },
    body: r.body === undefined ? undefined : JSON.stringify(r.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${r.method} ${r.path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

// ------------------------------------------------------------------ seeding

/** One seeding statement; its parameters are the ones `seedSql` is given. */
export interface SeedStatement {
  label: string;
  sql: string;
}

/**
 * Seeds a database with SQL in one transaction (synchronous_commit off: the data is thrown
 * away), logging each statement's rows and time, then ANALYZEs `analyze` and lets `read` fetch
 * what the scenarios need. `seconds` runs from BEGIN to the end of ANALYZE. A failure names
 * `source`, whose SQL has to match the migrations.
 */
export async function seedSql<T extends object>(
  databaseUrl: string,
  seed: { statements: SeedStatement[]; params: unknown[]; analyze: string[]; source: string },
  read: (client: Client) => Promise<T>,
): Promise<T & { seconds: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const began = Date.now();
  const timed = async (label: string, work: () => Promise<unknown>) => {
    const t = Date.now();
    await work();
    log(`  ${label} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL synchronous_commit = off');
    for (const { label, sql } of seed.statements) {
      const t = Date.now();
      const res = await client.query(sql, seed.params);
      log(`  ${label}: ${res.rowCount} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    await timed('COMMIT', () => client.query('COMMIT'));
    await timed('ANALYZE', () => client.query(`ANALYZE ${seed.analyze.join(', ')}`));
    const seconds = (Date.now() - began) / 1000;
    return { ...(await read(client)), seconds };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(`Seeding failed (does the SQL in ${seed.source} still match the migrations?): ${(e as Error).message}`);
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------ results and the system

export function writeResults(name: string, summary: object): void {
  const file = join(ROOT, 'bench', 'results', `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ benchmark: name, at: new Date().toISOString(), node: process.version, ...summary }, null, 2)}\n`);
  log(`\nSummary written to ${file}`);
}

/**
 * Runs `work` against a platform started on a private NATS server and fresh databases (dropped
 * afterwards, also on Ctrl-C). The gateway is not rate limited and waits as production would.
 */
export async function withSystem<T>(options: TestSystemOptions, work: (system: TestSystem) => Promise<T>): Promise<T> {
  if (!existsSync(appEntry('gateway'))) throw new Error(`${appEntry('gateway')} does not exist: run "npm run build" first`);
  let system: TestSystem | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= system ? system.stop() : Promise.resolve());
  const onSignal = (signal: NodeJS.Signals) => {
    log(`\n${signal}: stopping`);
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    log('Starting the platform (private NATS, fresh databases)…');
    const t = Date.now();
    system = await TestSystem.start({
      ...options,
      appEnv: { ...options.appEnv, gateway: { RATE_LIMIT_PER_MINUTE: '10000000', RPC_TIMEOUT_MS: '5000', ...options.appEnv?.gateway } },
    });
    log(`  ready in ${((Date.now() - t) / 1000).toFixed(1)} s: gateway ${system.gatewayUrl}`);
    return await work(system);
  } finally {
    log('Stopping the platform and dropping its databases…');
    await stop();
  }
}

/** Where a benchmark sends its load and seeds its data. */
export interface Target {
  url: string;
  /** Signs the benchmark's tokens. */
  secret: string;
  /** The database of the service the benchmark seeds. */
  databaseUrl: string;
  /** The platform the benchmark started; absent for a running gateway. */
  system?: TestSystem;
}

/**
 * With BENCH_GATEWAY_URL set, runs `work` against that running gateway: `service`'s database is
 * BENCH_DATABASE_URL, else DATABASE_URL_<SERVICE>, else the local one, and tokens are signed
 * with JWT_SECRET (default dev-secret). Without it, as withSystem does.
 */
export async function withTarget<T>(service: AppName, options: TestSystemOptions, work: (target: Target) => Promise<T>): Promise<T> {
  const external = process.env.BENCH_GATEWAY_URL;
  if (!external) return withSystem(options, (system) => work({ url: system.gatewayUrl, secret: TEST_JWT_SECRET, databaseUrl: system.db(service), system }));
  const url = external.replace(/\/+$/, '');
  const databaseUrl =
    process.env.BENCH_DATABASE_URL || process.env[`DATABASE_URL_${service.toUpperCase()}`] || `postgres://postgres@127.0.0.1:5432/${service}`;
  log(`Using the running gateway ${url}; the ${service} database is ${redactUrl(databaseUrl)}`);
  return work({ url, secret: process.env.JWT_SECRET || 'dev-secret', databaseUrl });
}

/** Runs a benchmark's main and exits with its outcome. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
      process.exit(1);
    },
  );
}
