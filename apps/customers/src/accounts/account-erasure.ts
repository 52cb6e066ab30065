import type { EntityManager } from 'typeorm';

/**
 * The customer's rows in every B2B section, children before parents. (Chunks of attachments
 * go with their attachment, ON DELETE CASCADE.)
 */
const CUSTOMER_TABLES = [
  'customer_notes',
  'customer_tasks',
  'customer_appointments',
  'customer_locations',
  'customer_contacts',
  'customer_attachments',
  'customer_brands',
  'account_sales_reps',
] as const;

/**
 * Erases a customer's B2B account data (C18), inside the transaction of
 * CustomersService.delete. The customer row itself stays (anonymised), so ON DELETE CASCADE
 * never fires: the rows are deleted here. No per-item events: customers.customer.deleted
 * tells every consumer (the history included) to forget the customer.
 */
export async function eraseAccountSections(em: EntityManager, tenantId: string, customerId: string): Promise<void> {
  for (const table of CUSTOMER_TABLES) {
    await em.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
  }
}
