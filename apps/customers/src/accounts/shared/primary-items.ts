import type { EntityManager } from 'typeorm';
import type { PrimaryState } from './primary-rules';

/** The tables whose items have exactly one primary per customer. */
export type PrimaryTable = 'customer_locations' | 'customer_contacts';

/**
 * Reads and moves the primary flag of a customer's locations or contacts. Callers hold the
 * customer's exclusive lock (AccountStore.lockCustomer 'exclusive'), so what they read stays
 * true until commit; the partial unique index and the deferred trigger are the database's guard.
 */
export async function primaryState(em: EntityManager, table: PrimaryTable, tenantId: string, customerId: string): Promise<PrimaryState> {
  const rows: Array<{ id: string; is_primary: boolean }> = await em.query(
    `SELECT id, is_primary FROM ${table} WHERE tenant_id = $1 AND customer_id = $2 ORDER BY seq`,
    [tenantId, customerId],
  );
  return { ids: rows.map((r) => r.id), primaryId: rows.find((r) => r.is_primary)?.id ?? null };
}

/** Un-marks the customer's primary item (before another is marked, so the unique index never sees two). */
export async function unmarkPrimary(em: EntityManager, table: PrimaryTable, tenantId: string, customerId: string): Promise<void> {
  await em.query(`UPDATE ${table} SET is_primary = false, updated_at = now() WHERE tenant_id = $1 AND customer_id = $2 AND is_primary`, [tenantId, customerId]);
}

export async function markPrimary(em: EntityManager, table: PrimaryTable, tenantId: string, id: string): Promise<void> {
  await em.query(`UPDATE ${table} SET is_primary = true, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
}

/** Makes `primaryId` the customer's only primary item. */
export async function movePrimary(em: EntityManager, table: PrimaryTable, tenantId: string, customerId: string, primaryId: string): Promise<void> {
  await unmarkPrimary(em, table, tenantId, customerId);
  await markPrimary(em, table, tenantId, primaryId);
}
