import type { EntityManager } from 'typeorm';
import { forgetProfileDocuments } from '@app/platform';

/**
 * Erases what the customers service learnt about a customer from other services and keeps in
 * tables of its own (C18): the timeline, the latest booking details, known-customer links, and the
 * booking, group and segment facts of the customer list, and its stored profile parts. Run in the deletion's transaction.
 */
export async function eraseCustomerProjections(em: EntityManager, tenantId: string, customerId: string): Promise<void> {
  await em.query(`DELETE FROM customer_history WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
  await em.query(`DELETE FROM customer_latest_details WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
  await em.query(`DELETE FROM known_customers WHERE tenant_id = $1 AND (lead_customer_id = $2 OR customer_id = $2)`, [tenantId, customerId]);
  await em.query(`DELETE FROM customer_booked_entries WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
  await em.query(`DELETE FROM customer_group_members WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
  await em.query(`DELETE FROM customer_segment_members WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
  await forgetProfileDocuments(em, tenantId, customerId);
}
