import type { MigrationInterface } from 'typeorm';
import { customerColumns, profileChangesMigration, tenantWide } from '@app/platform';

const holderOfCard = `SELECT c.tenant_id, c.customer_id FROM changed r JOIN loyalty_cards c ON c.tenant_id = r.tenant_id AND c.id = r.card_id`;

/** Which profiles a write to each table the loyalty part reads changes (see ProfileDocuments). */
export const LOYALTY_PROFILE_TABLES: Record<string, string> = {
  // A card names its customer and, for a referral, the referrer (whose profile counts referrals).
  loyalty_cards: customerColumns('customer_id', 'referrer_customer_id'),
  ledger_entries: customerColumns('customer_id'),
  bonus_lots: holderOfCard,
  bonus_allocations: `SELECT e.tenant_id, e.customer_id FROM changed r JOIN ledger_entries e ON e.tenant_id = r.tenant_id AND e.id = r.entry_id`,
  purchases: customerColumns('customer_id'),
  purchase_lines: `SELECT p.tenant_id, p.customer_id FROM changed r JOIN purchases p ON p.tenant_id = r.tenant_id AND p.id = r.purchase_id`,
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
