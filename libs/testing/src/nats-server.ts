import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { freePort, waitFor } from './ports';

export interface TestNats {
  url: string;
  /** Stops the server but keeps its JetStream store, so `resume()` brings back the same streams. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

const CANDIDATES = [process.env.NATS_SERVER_BIN, '/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];

/**
 * A private NATS server with JetStream for one test suite, so suites running in parallel do not
 * answer each other's requests. Without a nats-server binary, the shared NATS_URL is used.
 */
export async function startTestNats(): Promise<TestNats> {
  const bin = CANDIDATES.find((c) => c && existsSync(c));
  if (!bin) {
    const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
    const unsupported = async () => {
      throw new Error('pausing NATS needs a nats-server binary');
    };
    return { url, pause: unsupported, resume: unsupported, stop: async () => undefined };
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'c360-nats-'));
  const url = `nats://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const launch = async () => {
    child = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
    await waitFor(async () => {
      const nc = await connect({ servers: url, reconnect: false });
      await nc.close();
      return true;
    }, 10_000, 'nats-server');
  };
  const halt = async () => {
    const running = child;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise((r) => running.once('exit', r));
      running.kill('SIGTERM');
      await exited;
    }
    child = null;
  };
  await launch();
  return {
    url,
    pause: halt,
    resume: launch,
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
