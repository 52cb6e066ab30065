import type { EntityManager } from 'typeorm';

/**
 * One advisory lock per tenant orders segment work: every transaction that changes what a rule
 * reads (and re-evaluates the customer) holds it shared, a full recompute holds it exclusive,
 * so a recompute's snapshot never misses a change committed while it runs. It is always taken
 * before any row lock, so the two kinds cannot deadlock. Transaction-scoped: released at
 * commit or rollback.
 */
const key = (tenantId: string) => `marketing.segments:${tenantId}`;

/** Transactions (by their EntityManager) that hold the shared lock of a tenant already: no second round trip. */
const heldShared = new WeakMap<EntityManager, Set<string>>();

export async function lockSegmentsShared(em: EntityManager, tenantId: string): Promise<void> {
  const held = heldShared.get(em);
  if (held?.has(tenantId)) return;
  await em.query(`SELECT pg_advisory_xact_lock_shared(hashtext($1))`, [key(tenantId)]);
  if (held) held.add(tenantId);
  else heldShared.set(em, new Set([tenantId]));
}

export async function lockSegmentsExclusive(em: EntityManager, tenantId: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key(tenantId)]);
}
