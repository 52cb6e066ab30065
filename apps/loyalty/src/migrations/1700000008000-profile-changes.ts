import type { MigrationInterface } from 'typeorm';
import { customerColumns, customersVia, profileChangesMigration, tenantWide, type CustomersOfRows } from '@app/platform';

const holderOfCard = customersVia('loyalty_cards', 'id', 'card_id');

/** Which profiles a write to each table the loyalty part reads changes (see ProfileDocuments). */
export const LOYALTY_PROFILE_TABLES: Record<string, CustomersOfRows> = {
  // A card names its customer and, for a referral, the referrer (whose profile counts referrals).
  loyalty_cards: customerColumns('customer_id', 'referrer_customer_id'),
  ledger_entries: customerColumns('customer_id'),
  bonus_lots: holderOfCard,
  bonus_allocations: customersVia('ledger_entries', 'id', 'entry_id'),
  purchases: customerColumns('customer_id'),
  purchase_lines: customersVia('purchases', 'id', 'purchase_id'),
  customer_metrics: customerColumns('customer_id'),
  customer_stores: customerColumns('customer_id'),
  customer_sales: customerColumns('customer_id'),
  feedback: customerColumns('customer_id'),
  customer_refs: customerColumns('customer_id'),
  customer_ref_emails: customerColumns('customer_id'),
  tenant_settings: tenantWide,
};

const changes = profileChangesMigration(LOYALTY_PROFILE_TABLES);

export class LoyaltyProfileChanges1700000008000 implements MigrationInterface {
  name = 'LoyaltyProfileChanges1700000008000';
  up = changes.up;
  down = changes.down;
}
