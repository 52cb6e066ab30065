import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerMetricsV1, CustomerSnapshot, CustomerView, LoyaltyCardV1 } from '@app/contracts';
import { lockSegmentsShared } from '../segments/segment-lock';
import { SegmentMembershipService } from '../segments/segment-membership.service';
import { emailContact, smsContact } from './contact-state';
import { modifiedRows } from '../common/sql';

/**
 * The `customer_facts` projection: one row per customer with what segments and sends read.
 * Rows are created by whichever event about a customer comes first; a deleted customer keeps a
 * tombstone row (deleted_at, no personal data) so later events about them change nothing.
 * Every write takes the tenant's shared segment lock, then locks the row, so the segment
 * re-evaluation that follows in the same transaction sees every other change to this customer
 * committed before it, and a full recompute never runs beside it.
 */
@Injectable()
export class CustomerFactsRepository {
  constructor(private readonly membership: SegmentMembershipService) {}

  /**
   * Creates the row if missing and locks it; false when the customer was deleted. A customer
   * seen for the first time is evaluated against every segment (rules such as "not
   * subscribed" or `{ all: [] }` match a customer nothing is known about yet).
   */
  async lockLive(em: EntityManager, tenantId: string, customerId: string): Promise<boolean> {
    return (await this.lockLiveMany(em, tenantId, [customerId])).has(customerId);
  }

  /** The live ones of many customers, each created if missing and locked (in id order, so two batches cannot deadlock). */
  async lockLiveMany(em: EntityManager, tenantId: string, customerIds: string[]): Promise<Set<string>> {
    const ids = [...new Set(customerIds)].sort();
    if (ids.length === 0) return new Set();
    await lockSegmentsShared(em, tenantId);
    const created: Array<{ customer_id: string }> = await em.query(
      `INSERT INTO customer_facts (tenant_id, customer_id) SELECT $1, id FROM unnest($2::uuid[]) AS id ORDER BY id
       ON CONFLICT DO NOTHING RETURNING customer_id`,
      [tenantId, ids],
    );
    const rows: Array<{ customer_id: string }> = await em.query(
      `SELECT customer_id FROM customer_facts WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) AND deleted_at IS NULL
        ORDER BY customer_id FOR UPDATE`,
      [tenantId, ids],
    );
    if (created.length) await this.membership.reevaluate(em, tenantId, created.map((r) => r.customer_id), 'all');
    return new Set(rows.map((r) => r.customer_id));
  }

  /**
   * What the customer events say (contact reachability, city, country, tags, attributes,
   * consents). A snapshot older than the one applied is ignored. False when nothing was written.
   */
  async applySnapshot(em: EntityManager, tenantId: string, c: CustomerSnapshot | (CustomerView & { consents?: undefined })): Promise<boolean> {
    if (!(await this.lockLive(em, tenantId, c.id))) return false;
    const email = emailContact(c.emails);
    const sms = smsContact(c.phones);
    const written = await modifiedRows(
      em,
      `UPDATE customer_facts
          SET email = $3, email_state = $4, sms_phone = $5, phone_state = $6, city = $7, country = $8, tags = $9,
              attributes = $10, consents = coalesce($11, consents), snapshot_at = $12, updated_at = now()
        WHERE tenant_id = $1 AND customer_id = $2 AND (snapshot_at IS NULL OR snapshot_at <= $12)
        RETURNING customer_id`,
      [
        tenantId,
        c.id,
        email.email,
        email.state,
        sms.phone,
        sms.state,
        c.city,
        c.country,
        c.tags ?? [],
        JSON.stringify(c.attributes ?? {}),
        c.consents ? JSON.stringify(c.consents) : null,
        c.updatedAt,
      ],
    );
    return written.length > 0;
  }

  async setGroupMembership(em: EntityManager, tenantId: string, customerId: string, groupId: string, member: boolean): Promise<boolean> {
    if (!(await this.lockLive(em, tenantId, customerId))) return false;
    await em.query(
      `UPDATE customer_facts
          SET group_ids = CASE WHEN $4 THEN array_append(array_remove(group_ids, $3::uuid), $3::uuid) ELSE array_remove(group_ids, $3::uuid) END,
              updated_at = now()
        WHERE tenant_id = $1 AND customer_id = $2`,
      [tenantId, customerId, groupId, member],
    );
    return true;
  }

  async setBookingStats(em: EntityManager, tenantId: string, customerId: string, totalEventsBooked: number): Promise<boolean> {
    if (!(await this.lockLive(em, tenantId, customerId))) return false;
    await em.query(`UPDATE customer_facts SET total_events_booked = $3, updated_at = now() WHERE tenant_id = $1 AND customer_id = $2`, [
      tenantId,
      customerId,
      totalEventsBooked,
    ]);
    return true;
  }

  async setMetrics(em: EntityManager, tenantId: string, customerId: string, m: CustomerMetricsV1): Promise<boolean> {
    if (!(await this.lockLive(em, tenantId, customerId))) return false;
    await em.query(
      `UPDATE customer_facts SET purchase_count = $3, purchase_total = $4, last_purchase_at = $5, rfm_segment = $6, updated_at = now()
        WHERE tenant_id = $1 AND customer_id = $2`,
      [tenantId, customerId, m.purchaseCount, m.purchaseTotal, m.lastPurchaseAt, m.rfmSegment],
    );
    return true;
  }

  /** Records a card and recomputes whether the customer has one that can receive a push (M3). */
  async applyCard(em: EntityManager, tenantId: string, card: LoyaltyCardV1): Promise<boolean> {
    if (!(await this.lockLive(em, tenantId, card.customerId))) return false;
    await em.query(
      `INSERT INTO customer_cards (tenant_id, card_id, customer_id, serial_number, status, device, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (tenant_id, card_id) DO UPDATE
         SET customer_id = EXCLUDED.customer_id, serial_number = EXCLUDED.serial_number, status = EXCLUDED.status,
             device = EXCLUDED.device, updated_at = now()`,
      [tenantId, card.id, card.customerId, card.serialNumber, card.status, card.device],
    );
    await em.query(
      `UPDATE customer_facts f SET card_state = (
          SELECT CASE WHEN count(*) = 0 THEN 'none' WHEN bool_or(c.status = 'installed') THEN 'installed' ELSE 'not_installed' END
            FROM customer_cards c WHERE c.tenant_id = f.tenant_id AND c.customer_id = f.customer_id AND c.status <> 'deleted'
         ), updated_at = now()
        WHERE f.tenant_id = $1 AND f.customer_id = $2`,
      [tenantId, card.customerId],
    );
    return true;
  }

  /** The installed card a personal push goes to (the most recently changed one), or null. */
  async pushCard(em: EntityManager, tenantId: string, customerId: string): Promise<string | null> {
    const [row] = await em.query(
      `SELECT serial_number FROM customer_cards WHERE tenant_id = $1 AND customer_id = $2 AND status = 'installed' ORDER BY updated_at DESC LIMIT 1`,
      [tenantId, customerId],
    );
    return row?.serial_number ?? null;
  }
}
