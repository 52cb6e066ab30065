import type { EntityManager } from 'typeorm';

/**
 * One advisory lock per tenant orders segment work: every transaction that changes what a rule
 * reads (and re-evaluates the customer) holds it shared, a full recompute holds it exclusive,
 * so a recompute's snapshot never misses a change committed while it runs. It is always taken
 * before any row lock, so the two kinds cannot deadlock.
 */
const key = (tenantId: string) => `marketing.segments:${tenantId}`;

export async function lockSegmentsShared(em: EntityManager, tenantId: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock_shared(hashtext($1))`, [key(tenantId)]);
}

export async function lockSegmentsExclusive(em: EntityManager, tenantId: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key(tenantId)]);
}
