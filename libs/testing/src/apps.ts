import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dropTestDatabase, runSuffix, testDatabaseUrl } from './databases';
import { startTestNats, type TestNats } from './nats-server';
import { freePort, waitFor } from './ports';

export type AppName = 'gateway' | 'customers' | 'bookings' | 'loyalty' | 'marketing';
export const BACKEND_SERVICES = ['customers', 'bookings', 'loyalty', 'marketing'] as const;

/** The repository root, from source (jest) or from dist/ (benchmarks). */
const ROOT = [resolve(__dirname, '../../..'), resolve(__dirname, '../../../..')].find((dir) =>
  existsSync(join(dir, 'package.json')),
)!;
export const appEntry = (name: AppName) => join(ROOT, 'dist', 'apps', name, 'src', 'main.js');

export const TEST_JWT_SECRET = 'test-secret-for-e2e';

/** A running app process (built output in dist/, started as in production). */
export class RunningApp {
  private output = '';
  private child: ChildProcess | null = null;

  constructor(
    readonly name: AppName,
    readonly port: number,
    readonly env: Record<string, string>,
  ) {}

  get logs(): string {
    return this.output;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const entry = appEntry(this.name);
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
    this.child = spawn(process.execPath, [entry], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      if (this.output.length > 2_000_000) this.output = this.output.slice(-1_000_000);
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    const child = this.child;
    try {
      await waitFor(async () => {
        if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.output.slice(-3000)}`);
        const res = await fetch(`${this.url}/health/ready`);
        return res.ok;
      }, 30_000, `${this.name} to be ready`);
    } catch (e) {
      await this.stop();
      throw new Error(`${(e as Error).message}\n--- ${this.name} output ---\n${this.output.slice(-3000)}`);
    }
  }

  /** Graceful stop (SIGTERM), as Kubernetes does. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** Abrupt stop, as a crash. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(sig);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

export interface TestSystemOptions {
  apps?: AppName[];
  /** Extra environment for every app, or per app. */
  env?: Record<string, string>;
  appEnv?: Partial<Record<AppName, Record<string, string>>>;
}

/**
 * Starts the apps a test needs on a private NATS server and fresh databases, as separate
 * processes from dist/. `stop()` stops them, drops the databases and stops NATS.
 */
export class TestSystem {
  readonly apps = new Map<AppName, RunningApp>();
  readonly databaseUrls: Partial<Record<AppName, string>> = {};
  nats: TestNats;

  private constructor(private readonly options: TestSystemOptions) {}

  static async start(options: TestSystemOptions = {}): Promise<TestSystem> {
    const system = new TestSystem(options);
    await system.boot();
    return system;
  }

  get gatewayUrl(): string {
    return this.app('gateway').url;
  }

  app(name: AppName): RunningApp {
    const app = this.apps.get(name);
    if (!app) throw new Error(`${name} is not part of this test system`);
    return app;
  }

  db(name: AppName): string {
    const url = this.databaseUrls[name];
    if (!url) throw new Error(`${name} has no database in this test system`);
    return url;
  }

  private async boot(): Promise<void> {
    const names = this.options.apps ?? ['customers', 'bookings', 'loyalty', 'marketing', 'gateway'];
    this.nats = await startTestNats();
    const suffix = runSuffix();
    for (const name of names) {
      const port = await freePort();
      const env: Record<string, string> = {
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        NATS_URL: this.nats.url,
        JWT_SECRET: TEST_JWT_SECRET,
        RPC_TIMEOUT_MS: '2000',
        EVENT_ACK_WAIT_MS: '5000',
        OUTBOX_POLL_MS: '50',
        ...(this.options.env ?? {}),
        ...(this.options.appEnv?.[name] ?? {}),
      };
      if (name === 'gateway') env.PORT = String(port);
      else {
        env.HTTP_PORT = String(port);
        this.databaseUrls[name] = env.DATABASE_URL ?? testDatabaseUrl(name, suffix);
        env.DATABASE_URL = this.databaseUrls[name]!;
      }
      this.apps.set(name, new RunningApp(name, port, env));
    }
    try {
      // Backend services first (they create their databases), then the gateway.
      await Promise.all(names.filter((n) => n !== 'gateway').map((n) => this.app(n).start()));
      if (this.apps.has('gateway')) await this.app('gateway').start();
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.apps.values()].map((a) => a.stop()));
    await Promise.allSettled(Object.values(this.databaseUrls).map((url) => dropTestDatabase(url!)));
    await this.nats?.stop();
  }
}
