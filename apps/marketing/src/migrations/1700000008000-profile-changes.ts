import type { MigrationInterface } from 'typeorm';
import { customerColumns, profileChangesMigration, tenantWide, type CustomersOfRows } from '@app/platform';

const own = customerColumns('customer_id');

/** Which profiles a write to each table the marketing part reads changes (see ProfileDocuments). */
export const MARKETING_PROFILE_TABLES: Record<string, CustomersOfRows> = {
  customer_facts: own,
  customer_cards: own,
  subscriptions: own,
  segment_members: own,
  promo_codes: own,
  promo_code_issues: own,
  mailing_recipients: own,
  push_messages: own,
  delivery_attempts: own,
  poll_responses: own,
  web_events: own,
  customer_interests: own,
  cart_items: own,
  customer_refs: own,
  customer_ref_emails: own,
  subscription_categories: tenantWide,
  promo_code_pools: tenantWide,
  polls: tenantWide,
  tenant_settings: tenantWide,
};

/** Tenant-wide tables of which profiles show only some columns (not a segment's recomputation or a mailing's progress). */
export const MARKETING_PROFILE_COLUMNS: Record<string, string[]> = {
  segments: ['name', 'description'],
  mailings: ['name', 'kind', 'campaign', 'channel', 'category'],
};

const changes = profileChangesMigration(MARKETING_PROFILE_TABLES, MARKETING_PROFILE_COLUMNS);

export class MarketingProfileChanges1700000008000 implements MigrationInterface {
  name = 'MarketingProfileChanges1700000008000';
  up = changes.up;
  down = changes.down;
}
