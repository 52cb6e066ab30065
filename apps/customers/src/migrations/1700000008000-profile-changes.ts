import type { MigrationInterface } from 'typeorm';
import { allOf, customerColumns, customersVia, profileChangesMigration, tenantWide, type CustomersOfRows } from '@app/platform';

/** A customer's own rows, and the profiles of the customers who booked for them (their known customers tab shows name and email). */
const selfAndKnownBy = (idColumn: string) => allOf(customerColumns(idColumn), customersVia('known_customers', 'customer_id', idColumn, 'lead_customer_id'));

/** Which profiles a write to each table the customers part reads changes (see ProfileDocuments). */
export const CUSTOMERS_PROFILE_TABLES: Record<string, CustomersOfRows> = {
  customers: selfAndKnownBy('id'),
  customer_emails: selfAndKnownBy('customer_id'),
  customer_phones: customerColumns('customer_id'),
  customer_tags: customerColumns('customer_id'),
  consents: customerColumns('customer_id'),
  consent_history: customerColumns('customer_id'),
  customer_history: customerColumns('customer_id'),
  customer_latest_details: customerColumns('customer_id'),
  known_customers: customerColumns('lead_customer_id'),
  customer_group_members: customerColumns('customer_id'),
  customer_booked_entries: customerColumns('customer_id'),
  customer_segment_members: customerColumns('customer_id'),
  customer_notes: customerColumns('customer_id'),
  customer_tasks: customerColumns('customer_id'),
  customer_appointments: customerColumns('customer_id'),
  customer_locations: customerColumns('customer_id'),
  customer_contacts: customerColumns('customer_id'),
  customer_attachments: customerColumns('customer_id'),
  customer_brands: customerColumns('customer_id'),
  account_sales_reps: customerColumns('customer_id'),
  attribute_definitions: tenantWide,
  note_types: tenantWide,
  brands: tenantWide,
  sales_reps: tenantWide,
  sales_rep_brand_rates: tenantWide,
  tenant_settings: tenantWide,
};

const changes = profileChangesMigration(CUSTOMERS_PROFILE_TABLES);

export class CustomersProfileChanges1700000008000 implements MigrationInterface {
  name = 'CustomersProfileChanges1700000008000';
  up = changes.up;
  down = changes.down;
}
