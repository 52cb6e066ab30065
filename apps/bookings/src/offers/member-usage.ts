import type { EntityManager } from 'typeorm';

/** The key uses are counted under: the customer, or their email until they are known as one. */
export const memberKeyOf = (customerId: string | null, email: string) => customerId ?? `email:${email}`;

/**
 * Serialises, until the transaction ends, everything that counts or moves one booker's offer
 * uses: their bookings of exclusive tickets, and the merge of uses counted under their email
 * into their customer id when the directory learns the customer. A booking resolves the
 * customer after taking the lock, so it counts under the email exactly until that merge has
 * committed, and under the customer (with the merged uses) from then on; no use is counted
 * where the other cannot see it.
 */
export async function lockMemberUsage(em: EntityManager, tenantId: string, email: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [`offer-usage:${tenantId}`, email]);
}

/**
 * Moves the uses counted under `email` to `customerId` (call with the member's lock held). One
 * statement: the rows are deleted and their counts, as deleted, added to the customer's.
 */
export async function mergeEmailUsage(em: EntityManager, tenantId: string, email: string, customerId: string): Promise<void> {
  const from = memberKeyOf(null, email);
  await em.query(
    `WITH moved AS (DELETE FROM offer_usage WHERE tenant_id = $1 AND member_key = $2 RETURNING offer_id, period_start, uses)
     INSERT INTO offer_usage (tenant_id, offer_id, member_key, period_start, uses)
     SELECT $1, offer_id, $3, period_start, uses FROM moved
     ON CONFLICT (tenant_id, offer_id, member_key, period_start) DO UPDATE SET uses = offer_usage.uses + EXCLUDED.uses`,
    [tenantId, from, customerId],
  );
  await em.query(`UPDATE booking_offer_uses SET member_key = $3 WHERE tenant_id = $1 AND member_key = $2`, [tenantId, from, customerId]);
}
