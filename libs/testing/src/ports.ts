import { createServer } from 'node:net';

/** Below Linux's ephemeral range (32768-60999), where the kernel also picks client sockets' local ports. */
const RANGE = { from: 20_000, to: 32_000 };
/**
 * Each jest worker (JEST_WORKER_ID 1, 2, …; none outside jest) draws from its own slice of the
 * range, so two test files running at once cannot both find a port free and then both bind it.
 */
const SLICES = 8;
const SLICE = Math.floor((RANGE.to - RANGE.from) / SLICES);
const sliceStart = RANGE.from + (Number(process.env.JEST_WORKER_ID ?? 0) % SLICES) * SLICE;
/** Ports this process handed out: a server may not have bound one yet, so it is never handed out twice. */
const handedOut = new Set<number>();

function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A port that is free now, for a server a test starts a moment later. It is drawn at random
 * from this worker's slice, below the ephemeral range: a port the kernel handed out (listen(0))
 * is in that range, where an outgoing connection of any process may take it before the server
 * binds it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = sliceStart + Math.floor(Math.random() * SLICE);
    if (handedOut.has(candidate)) continue;
    const port = await tryListen(candidate);
    if (port) {
      handedOut.add(port);
      return port;
    }
  }
  const port = await tryListen(0);
  if (!port) throw new Error('no free port');
  return port;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}
