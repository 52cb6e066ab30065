import { AsyncLocalStorage } from 'node:async_hooks';

/** A connection a read scope holds for its reads; given back when the scope ends. */
export interface HeldConnection {
  release(): void;
}

interface ReadScope {
  memo: Map<string, Promise<unknown>>;
  /** With `oneConnection`: per pool, the connection all the scope's reads share. */
  held?: Map<object, Promise<HeldConnection>>;
  ended: boolean;
}

const scopes = new AsyncLocalStorage<ReadScope>();

export interface ReadScopeOptions {
  /**
   * The scope's reads share one connection per pool, sent to Postgres together without waiting
   * for each other's answers (see ServiceDatabaseClient). For many small reads at once; no
   * transactions inside.
   */
  oneConnection?: boolean;
}

/**
 * Runs one composite read (a service's part of the customer profile) in a read scope: inside
 * it, `readOnce` runs each keyed read once and every other caller shares its answer. The
 * profile's tabs are separate readers that each check that the customer is live and read the
 * tenant's settings; without the scope one profile asked the same questions a dozen times.
 * Only reads that cannot change during the scope belong in it (nothing is written in one).
 */
export async function withinReadScope<T>(work: () => Promise<T>, options: ReadScopeOptions = {}): Promise<T> {
  const scope: ReadScope = { memo: new Map(), held: options.oneConnection ? new Map() : undefined, ended: false };
  try {
    return await scopes.run(scope, work);
  } finally {
    scope.ended = true;
    for (const held of scope.held?.values() ?? []) held.then((connection) => connection.release(), () => undefined);
  }
}

/**
 * Inside a scope with `oneConnection`: the connection of `pool` that the scope's reads share,
 * acquired on the first read. Otherwise (and after the scope ended) undefined: acquire as usual.
 */
export function connectionHeldByReadScope<C extends HeldConnection>(pool: object, acquire: () => Promise<C>): Promise<C> | undefined {
  const scope = scopes.getStore();
  if (!scope?.held || scope.ended) return undefined;
  let held = scope.held.get(pool) as Promise<C> | undefined;
  if (!held) {
    held = acquire();
    scope.held.set(pool, held);
  }
  return held;
}

/** The key of the check that a customer is live, the same in every reader of a service. */
export const liveCustomerKey = (tenantId: string, customerId: string) => `live-customer:${tenantId}:${customerId}`;

/** `read()`, or, inside a read scope, the answer of the first read under `key` in that scope. */
export function readOnce<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memo = scopes.getStore()?.memo;
  if (!memo) return read();
  let answer = memo.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = read();
    memo.set(key, answer);
  }
  return answer;
}
