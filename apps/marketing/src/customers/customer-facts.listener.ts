import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerSnapshot } from '@app/contracts';
import { forgetProfileDocuments, type CustomerDirectoryListener } from '@app/platform';
import { SegmentMembershipService } from '../segments/segment-membership.service';
import { CustomerFactsRepository } from './customer-facts.repository';

/**
 * Marketing's part of the customer events (run by the platform's directory consumer, in the
 * event's transaction): keeps customer_facts current and re-evaluates the customer's
 * segments; on deletion erases the customer's personal data from every marketing table (the
 * platform then publishes marketing.customer.erased).
 */
@Injectable()
export class CustomerFactsListener implements CustomerDirectoryListener {
  constructor(
    private readonly facts: CustomerFactsRepository,
    private readonly membership: SegmentMembershipService,
  ) {}

  async customerChanged(tenantId: string, customer: CustomerSnapshot, em: EntityManager): Promise<void> {
    if (await this.facts.applySnapshot(em, tenantId, customer)) {
      await this.membership.reevaluate(em, tenantId, [customer.id], ['tags', 'city', 'country', 'attributes', 'consents']);
    }
  }

  /**
   * Erasure (C18). What stays is what holds no personal data: mailing statistics rows keyed by
   * the (now anonymous) customer id with address and errors blanked; a pending delivery to the
   * customer is cancelled (excluded, customer_deleted). Issued promo codes stay issued but no
   * longer name the customer. Stored Idempotency-Key answers about the customer are dropped. Everything else about the customer is deleted, and a tombstone
   * row in customer_facts keeps late events from bringing it back.
   */
  async customerDeleted(tenantId: string, customerId: string, _emails: string[], em: EntityManager): Promise<void> {
    await this.facts.lockLive(em, tenantId, customerId);
    await em.query(
      `UPDATE customer_facts
          SET email = NULL, email_state = 'none', sms_phone = NULL, phone_state = 'none', card_state = 'none', city = NULL, country = NULL,
              tags = '{}', attributes = '{}', consents = '{}', group_ids = '{}', total_events_booked = 0, purchase_count = 0,
              purchase_total = 0, last_purchase_at = NULL, rfm_segment = NULL, deleted_at = now(), updated_at = now()
        WHERE tenant_id = $1 AND customer_id = $2`,
      [tenantId, customerId],
    );
    // Leaves every segment (with events, so counts and the customers service's filter follow).
    await this.membership.reevaluate(em, tenantId, [customerId], 'all');
    const params = [tenantId, customerId];
    // A delivery still pending is cancelled; the mailing counts it as excluded.
    await em.query(
      `WITH cancelled AS (
         UPDATE mailing_recipients SET outcome = 'excluded', reason = 'customer_deleted', claimed_until = NULL, next_attempt_at = NULL
          WHERE tenant_id = $1 AND customer_id = $2 AND outcome = 'pending' RETURNING mailing_id
       )
       UPDATE mailings m SET excluded_count = excluded_count + 1 FROM cancelled c WHERE m.tenant_id = $1 AND m.id = c.mailing_id`,
      params,
    );
    await em.query(
      `UPDATE mailing_recipients SET address = NULL, last_error = NULL, promo_code = NULL, updated_at = now() WHERE tenant_id = $1 AND customer_id = $2`,
      params,
    );
    await em.query(`UPDATE delivery_attempts SET error = NULL WHERE tenant_id = $1 AND customer_id = $2`, params);
    await forgetProfileDocuments(em, tenantId, customerId);
    await em.query(`UPDATE promo_codes SET customer_id = NULL WHERE tenant_id = $1 AND customer_id = $2`, params);
    // Stored answers of Idempotency-Keys (kept 24 hours) that were about this customer.
    await em.query(
      `DELETE FROM idempotency_keys WHERE tenant_id = $1 AND (position($2 in scope) > 0 OR position($2 in coalesce(response::text, '')) > 0)`,
      params,
    );
    for (const table of ['promo_code_issues', 'push_messages', 'subscriptions', 'poll_responses', 'web_events', 'customer_interests', 'cart_items', 'customer_cards']) {
      await em.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND customer_id = $2`, params);
    }
  }
}
