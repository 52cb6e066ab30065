import { AsyncLocalStorage } from 'node:async_hooks';

const scopes = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/**
 * Runs one composite read (a service's part of the customer profile) in a read scope: inside
 * it, `readOnce` runs each keyed read once and every other caller shares its answer. The
 * profile's tabs are separate readers that each check that the customer is live and read the
 * tenant's settings; without the scope one profile asked the same questions a dozen times.
 * Only reads that cannot change during the scope belong in it (nothing is written in one).
 */
export function withinReadScope<T>(work: () => Promise<T>): Promise<T> {
  return scopes.run(new Map(), work);
}

/** The key of the check that a customer is live, the same in every reader of a service. */
export const liveCustomerKey = (tenantId: string, customerId: string) => `live-customer:${tenantId}:${customerId}`;

/** `read()`, or, inside a read scope, the answer of the first read under `key` in that scope. */
export function readOnce<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memo = scopes.getStore();
  if (!memo) return read();
  let answer = memo.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = read();
    memo.set(key, answer);
  }
  return answer;
}
