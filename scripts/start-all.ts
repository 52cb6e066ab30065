/**
 * Starts the whole platform on one machine from the built output in dist/:
 *
 *   node dist/scripts/start-all.js           four backend services, then the gateway
 *   node dist/scripts/start-all.js migrate   only each service's migrations, one after another
 *
 * Postgres and NATS must answer (on localhost by default); when they do not and their usual
 * commands exist here, this script tries to start them, else it says how. Each child's output
 * lines are prefixed with its name. SIGINT/SIGTERM stop the gateway first, then the services;
 * when any child dies unexpectedly, the others are stopped and this exits non-zero.
 *
 * Environment (besides what the apps themselves read, which is passed through):
 *   POSTGRES_URL               base server URL, default postgres://postgres@127.0.0.1:5432
 *   DATABASE_URL_<SERVICE>     full URL of one service's database (default: POSTGRES_URL/<service>)
 *   HTTP_PORT_<SERVICE>        health/metrics port of one service (default 3001-3004)
 *   PORT                       gateway port (default 3000)
 *   NATS_URL                   default nats://127.0.0.1:4222 (comma-separated list allowed)
 *   START_INFRA=0              never try to start Postgres or NATS
 *   START_TIMEOUT_MS           how long each app may take to become ready (default 60000)
 *   SHUTDOWN_TIMEOUT_MS        how long stopping may take before SIGKILL (default 25000)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_HTTP_PORTS } from '../libs/platform/src/config/service-config';
import { redactUrl } from '../libs/platform/src/config/redact-url';

type ServiceName = 'customers' | 'bookings' | 'loyalty' | 'marketing';
type AppName = ServiceName | 'gateway';

const SERVICES: readonly ServiceName[] = ['customers', 'bookings', 'loyalty', 'marketing'];
const ROOT = resolve(__dirname, '../..');
const env = process.env;

const PG_START = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const NATS_START =
  'start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- ' +
  '-a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log';

const startTimeoutMs = positiveInt('START_TIMEOUT_MS', 60_000);
const shutdownTimeoutMs = positiveInt('SHUTDOWN_TIMEOUT_MS', 25_000);

function positiveInt(name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) fail(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function say(message: string): void {
  process.stdout.write(`[start-all] ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`[start-all] ${message}\n`);
  process.exit(1);
}

// ---------------------------------------------------------------- configuration

function databaseUrl(service: ServiceName): string {
  const own = env[`DATABASE_URL_${service.toUpperCase()}`];
  if (own) return own;
  const base = new URL(env.POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432');
  base.pathname = `/${service}`;
  return base.toString();
}

function httpPort(app: AppName): number {
  const name = app === 'gateway' ? 'PORT' : `HTTP_PORT_${app.toUpperCase()}`;
  const fallback = app === 'gateway' ? 3000 : DEFAULT_HTTP_PORTS[app];
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`${name} must be a port number, got "${raw}"`);
  return port;
}

/** The address to probe an app on: its HOST when that is one address, else loopback. */
function probeHost(): string {
  const host = env.HOST;
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function entry(app: AppName): string {
  return join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
}

function appEnv(app: AppName): NodeJS.ProcessEnv {
  if (app === 'gateway') return { ...env, PORT: String(httpPort('gateway')) };
  return { ...env, DATABASE_URL: databaseUrl(app), HTTP_PORT: String(httpPort(app)) };
}


// ---------------------------------------------------------------- Postgres and NATS

interface Endpoint {
  host: string;
  port: number;
}

function endpointOf(url: string, defaultPort: number): Endpoint {
  const u = new URL(url);
  return { host: (u.hostname || '127.0.0.1').replace(/^\[|\]$/g, ''), port: Number(u.port || defaultPort) };
}

function answers({ host, port }: Endpoint, timeoutMs = 1000): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

async function anyAnswers(endpoints: Endpoint[]): Promise<boolean> {
  return (await Promise.all(endpoints.map((e) => answers(e)))).some(Boolean);
}

async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await sleep(250);
  }
  return false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isLocal = (e: Endpoint) => ['127.0.0.1', 'localhost', '::1'].includes(e.host);
const show = (e: Endpoint) => `${e.host}:${e.port}`;

function run(command: string, args: string[]): boolean {
  say(`running: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) say(`${command} failed: ${result.error.message}`);
  return result.status === 0;
}

async function ensurePostgres(urls: string[]): Promise<void> {
  const endpoints = unique(urls.map((u) => endpointOf(u, 5432)));
  for (const endpoint of endpoints) {
    if (await answers(endpoint)) continue;
    say(`Postgres does not answer on ${show(endpoint)}`);
    const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
    if (autoStartAllowed(endpoint) && versions.length > 0 && commandExists('pg_ctlcluster')) {
      for (const version of versions) run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
      if (await waitUntil(() => answers(endpoint), 30_000)) {
        say(`Postgres is up on ${show(endpoint)}`);
        continue;
      }
    }
    fail(
      `Postgres is not reachable on ${show(endpoint)}. Start it, e.g. (as root):\n` +
        `    ${PG_START}\n` +
        `  or point POSTGRES_URL / DATABASE_URL_<SERVICE> at a running server.`,
    );
  }
}

async function ensureNats(): Promise<void> {
  const urls = (env.NATS_URL || 'nats://127.0.0.1:4222').split(',').map((s) => s.trim()).filter(Boolean);
  const endpoints = unique(urls.map((u) => endpointOf(u, 4222)));
  if (await anyAnswers(endpoints)) return;
  say(`NATS does not answer on ${endpoints.map(show).join(', ')}`);
  const local = endpoints.find((e) => isLocal(e) && e.port === 4222);
  if (local && autoStartAllowed(local) && existsSync('/usr/sbin/nats-server') && commandExists('start-stop-daemon')) {
    try {
      mkdirSync('/var/lib/nats-server', { recursive: true });
    } catch (e) {
      say(`cannot create /var/lib/nats-server: ${(e as Error).message}`);
    }
    run('start-stop-daemon', NATS_START.split(' ').slice(1));
    if (await waitUntil(() => answers(local), 15_000)) {
      say(`NATS is up on ${show(local)}`);
      return;
    }
  }
  fail(
    `NATS (with JetStream) is not reachable on ${endpoints.map(show).join(', ')}. Start it, e.g. (as root):\n` +
      `    mkdir -p /var/lib/nats-server && ${NATS_START}\n` +
      `  or set NATS_URL to a running server.`,
  );
}

function autoStartAllowed(endpoint: Endpoint): boolean {
  return env.START_INFRA !== '0' && isLocal(endpoint);
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function unique(endpoints: Endpoint[]): Endpoint[] {
  const seen = new Map<string, Endpoint>();
  for (const e of endpoints) seen.set(show(e), e);
  return [...seen.values()];
}

// ---------------------------------------------------------------- children

interface Child {
  app: AppName;
  process: ChildProcess;
  exited: Promise<void>;
}

const children = new Map<AppName, Child>();
let stopping = false;

function pipeLines(stream: NodeJS.ReadableStream | null, prefix: string, out: NodeJS.WriteStream): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => out.write(`${prefix}${line}\n`));
}

function spawnApp(app: AppName, args: string[] = []): Child {
  // Own process group (detached), so a Ctrl-C in the terminal reaches only this script,
  // which then forwards exactly one signal to each child in a chosen order.
  const child = spawn(process.execPath, [entry(app), ...args], {
    cwd: ROOT,
    env: appEnv(app),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  pipeLines(child.stdout, `[${app}] `, process.stdout);
  pipeLines(child.stderr, `[${app}] `, process.stderr);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.once('error', (e) => say(`${app}: ${e.message}`));
  return { app, process: child, exited };
}

function running(child: Child): boolean {
  return child.process.exitCode === null && child.process.signalCode === null;
}

function exitDescription(p: ChildProcess): string {
  return p.signalCode ? `signal ${p.signalCode}` : `code ${p.exitCode}`;
}

async function waitReady(child: Child, port: number): Promise<void> {
  const url = `http://${probeHost()}:${port}/health/ready`;
  const deadline = Date.now() + startTimeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!running(child)) throw new Error(`${child.app} exited (${exitDescription(child.process)}) before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${child.app} was not ready on ${url} within ${startTimeoutMs} ms (last: ${last})`);
}

async function signalAndWait(list: Child[], signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  const live = list.filter(running);
  for (const c of live) c.process.kill(signal);
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
  const result = await Promise.race([Promise.all(live.map((c) => c.exited)), timer]);
  if (result === 'timeout') {
    for (const c of live.filter(running)) {
      say(`${c.app} did not stop within ${timeoutMs} ms: SIGKILL`);
      c.process.kill('SIGKILL');
    }
    await Promise.all(live.map((c) => c.exited));
  }
}

/** Gateway first (it finishes its in-flight requests, which still need the services), then the services. */
async function stopAll(signal: NodeJS.Signals): Promise<void> {
  const all = [...children.values()];
  const gateway = all.filter((c) => c.app === 'gateway');
  const services = all.filter((c) => c.app !== 'gateway');
  const started = Date.now();
  await signalAndWait(gateway, signal, shutdownTimeoutMs);
  await signalAndWait(services, signal, Math.max(1000, shutdownTimeoutMs - (Date.now() - started)));
}

async function shutdown(signal: NodeJS.Signals, exitCode: number, reason: string): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  say(`${reason}: stopping ${[...children.values()].filter(running).map((c) => c.app).join(', ') || 'nothing'}`);
  await stopAll(signal);
  // A clean stop: exit code 0 (or 128 + signal), or death by the very signal we sent.
  const unclean = [...children.values()].filter(({ process: p }) =>
    p.exitCode !== null ? p.exitCode !== 0 && p.exitCode !== 128 + signalNumber(signal) : p.signalCode !== signal,
  );
  for (const c of unclean) say(`${c.app} exited with ${exitDescription(c.process)}`);
  say('all stopped');
  process.exit(exitCode || (unclean.length ? 1 : 0));
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1;
}

function installSignalHandlers(): void {
  let received = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    received += 1;
    if (received > 1) {
      say(`second ${signal}: killing everything now`);
      for (const c of children.values()) if (running(c)) c.process.kill('SIGKILL');
      process.exit(1);
    }
    void shutdown(signal === 'SIGHUP' ? 'SIGTERM' : signal, 0, `received ${signal}`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // Our stdout may be a pipe that closes (| head); stopping is still wanted, output is not.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
}

function watch(child: Child): void {
  void child.exited.then(() => {
    if (stopping) return;
    void shutdown('SIGTERM', 1, `${child.app} exited unexpectedly (${exitDescription(child.process)})`);
  });
}

// ---------------------------------------------------------------- commands

function checkBuilt(apps: AppName[]): void {
  const missing = apps.filter((a) => !existsSync(entry(a)));
  if (missing.length) fail(`${missing.map(entry).join(', ')} missing: run "npm run build" first (npm start does it)`);
}

async function checkPortsFree(apps: AppName[]): Promise<void> {
  const host = probeHost().replace(/^\[|\]$/g, '');
  const busy: string[] = [];
  for (const app of apps) {
    const port = httpPort(app);
    if (await answers({ host, port }, 500)) busy.push(`${app} port ${port}`);
  }
  if (busy.length) {
    fail(
      `already in use: ${busy.join(', ')}. Is the platform already running? ` +
        `Stop it, or choose other ports (PORT for the gateway, HTTP_PORT_<SERVICE> for a service).`,
    );
  }
}

async function migrate(): Promise<void> {
  checkBuilt([...SERVICES]);
  await ensurePostgres(SERVICES.map(databaseUrl));
  installSignalHandlers();
  for (const service of SERVICES) {
    say(`migrating ${service} (${redactUrl(databaseUrl(service))})`);
    const child = spawnApp(service, ['migrate']);
    children.set(service, child);
    await child.exited;
    children.delete(service);
    if (child.process.exitCode !== 0) fail(`${service} migration failed (${exitDescription(child.process)})`);
  }
  say('all migrations done');
}

async function startAll(): Promise<void> {
  const apps: AppName[] = [...SERVICES, 'gateway'];
  checkBuilt(apps);
  await checkPortsFree(apps);
  await ensurePostgres(SERVICES.map(databaseUrl));
  await ensureNats();
  installSignalHandlers();

  const began = Date.now();
  for (const service of SERVICES) {
    say(`starting ${service} (http ${httpPort(service)}, database ${redactUrl(databaseUrl(service))})`);
    const child = spawnApp(service);
    children.set(service, child);
    watch(child);
  }
  try {
    // Each service creates its database and runs its migrations before it is ready.
    await Promise.all(
      SERVICES.map(async (s) => {
        await waitReady(children.get(s)!, httpPort(s));
        say(`${s} is ready`);
      }),
    );
    if (stopping) return;
    say(`starting gateway (http ${httpPort('gateway')})`);
    const gateway = spawnApp('gateway');
    children.set('gateway', gateway);
    watch(gateway);
    await waitReady(gateway, httpPort('gateway'));
  } catch (e) {
    if (stopping) return;
    await shutdown('SIGTERM', 1, (e as Error).message);
  }
  if (stopping) return;
  say(
    `all apps ready in ${((Date.now() - began) / 1000).toFixed(1)} s: ` +
      `gateway http://127.0.0.1:${httpPort('gateway')} (OpenAPI at /docs). Ctrl-C stops everything.`,
  );
}

const command = process.argv[2];
if (command === 'migrate') {
  migrate().catch((e) => fail(`migrate failed: ${e?.stack ?? e}`));
} else if (command === undefined || command === 'start') {
  startAll().catch((e) => fail(`start failed: ${e?.stack ?? e}`));
} else {
  fail(`unknown command "${command}"; usage: node dist/scripts/start-all.js [start|migrate]`);
}
