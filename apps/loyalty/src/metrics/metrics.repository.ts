import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LoyaltyErrorCodes, unprocessable } from '@app/contracts';
import { readOnce } from '@app/platform';
import { dateOrNull, num, numOrNull, updatedRows } from '../shared/sql';
import type { Contribution } from '../purchases/purchase-rules';
import { EMPTY_METRICS, type MetricsRow } from './metrics-rules';
import { toCuts, type RfmCuts, type RfmScores } from './rfm';

const METRICS_COLUMNS = `m.currency, m.ltv, m.purchase_count, m.purchase_total, m.item_total, m.first_purchase_at, m.last_purchase_at,
  m.last_purchase_total, m.rfm_r, m.rfm_f, m.rfm_m, m.rfm_segment, m.rating_count, m.rating_sum`;

export const toMetricsRow = (r: Record<string, any>): MetricsRow => ({
  currency: r.currency,
  ltv: num(r.ltv),
  purchaseCount: num(r.purchase_count),
  purchaseTotal: num(r.purchase_total),
  itemTotal: num(r.item_total),
  firstPurchaseAt: dateOrNull(r.first_purchase_at),
  lastPurchaseAt: dateOrNull(r.last_purchase_at),
  lastPurchaseTotal: numOrNull(r.last_purchase_total),
  rfmR: r.rfm_r,
  rfmF: r.rfm_f,
  rfmM: r.rfm_m,
  rfmSegment: r.rfm_segment,
  ratingCount: num(r.rating_count),
  ratingSum: num(r.rating_sum),
});

/** Whether the later of two purchases (by time, then id) is the one being added. */
const NEWER = `EXCLUDED.last_purchase_at IS NOT NULL AND (m.last_purchase_at IS NULL
  OR (EXCLUDED.last_purchase_at, EXCLUDED.last_purchase_id) > (m.last_purchase_at, m.last_purchase_id))`;

/**
 * A customer's figures (L5, L7, L8), changed incrementally in the transaction of each ledger
 * operation, purchase and feedback: never recomputed from all history. The row also fixes the
 * currency of the customer's amounts: the first amount sets it, an amount in another currency
 * is refused (sums of different currencies would mean nothing).
 */
@Injectable()
export class MetricsRepository {
  async find(em: EntityManager, tenantId: string, customerId: string): Promise<MetricsRow> {
    const [row] = await em.query(`SELECT ${METRICS_COLUMNS} FROM customer_metrics m WHERE m.tenant_id = $1 AND m.customer_id = $2`, [tenantId, customerId]);
    return row ? toMetricsRow(row) : EMPTY_METRICS;
  }

  /** find(), asked once per read scope: the profile's summary and its sales tab both need the figures. */
  findOnce(em: EntityManager, tenantId: string, customerId: string): Promise<MetricsRow> {
    return readOnce(`customer-metrics:${tenantId}:${customerId}`, () => this.find(em, tenantId, customerId));
  }

  /** L5: a ledger purchase amount raises the customer's LTV. */
  async addLtv(em: EntityManager, tenantId: string, customerId: string, amount: number, currency: string, at: Date): Promise<MetricsRow> {
    const rows = await em.query(
      `INSERT INTO customer_metrics AS m (tenant_id, customer_id, currency, ltv, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, customer_id) DO UPDATE
         SET ltv = m.ltv + EXCLUDED.ltv, currency = coalesce(m.currency, EXCLUDED.currency), updated_at = EXCLUDED.updated_at
       WHERE m.currency IS NULL OR m.currency = EXCLUDED.currency
       RETURNING ${METRICS_COLUMNS}`,
      [tenantId, customerId, currency, amount, at],
    );
    if (!rows.length) await this.currencyMismatch(em, tenantId, customerId, currency);
    return toMetricsRow(rows[0]);
  }

  /**
   * Adds a purchase's contribution (zero for one that does not count, which still fixes or checks
   * the currency): count, total and items rise; first and last purchase move when it is earlier
   * or later (ties broken by id). Returns the tenant's stored RFM cut points with the row, to
   * score the customer without another round trip.
   */
  async addPurchase(
    em: EntityManager,
    tenantId: string,
    customerId: string,
    currency: string,
    c: Contribution,
    purchase: { id: string; occurredAt: Date; total: number },
    at: Date,
  ): Promise<{ metrics: MetricsRow; cuts: RfmCuts | null }> {
    const counted = c.count > 0;
    const rows = await em.query(
      `INSERT INTO customer_metrics AS m (tenant_id, customer_id, currency, purchase_count, purchase_total, item_total,
                                          first_purchase_at, last_purchase_at, last_purchase_id, last_purchase_total, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, customer_id) DO UPDATE SET
         currency = coalesce(m.currency, EXCLUDED.currency),
         purchase_count = m.purchase_count + EXCLUDED.purchase_count,
         purchase_total = m.purchase_total + EXCLUDED.purchase_total,
         item_total = m.item_total + EXCLUDED.item_total,
         first_purchase_at = LEAST(m.first_purchase_at, EXCLUDED.first_purchase_at),
         last_purchase_at = CASE WHEN ${NEWER} THEN EXCLUDED.last_purchase_at ELSE m.last_purchase_at END,
         last_purchase_id = CASE WHEN ${NEWER} THEN EXCLUDED.last_purchase_id ELSE m.last_purchase_id END,
         last_purchase_total = CASE WHEN ${NEWER} THEN EXCLUDED.last_purchase_total ELSE m.last_purchase_total END,
         updated_at = EXCLUDED.updated_at
       WHERE m.currency IS NULL OR m.currency = EXCLUDED.currency
       RETURNING ${METRICS_COLUMNS},
         (SELECT json_build_object('recency', t.recency, 'frequency', t.frequency, 'monetary', t.monetary)
            FROM rfm_thresholds t WHERE t.tenant_id = m.tenant_id) AS rfm_cuts`,
      [
        tenantId,
        customerId,
        currency,
        c.count,
        c.total,
        c.items,
        counted ? purchase.occurredAt : null,
        counted ? purchase.id : null,
        counted ? purchase.total : null,
        at,
      ],
    );
    if (!rows.length) await this.currencyMismatch(em, tenantId, customerId, currency);
    return { metrics: toMetricsRow(rows[0]), cuts: rows[0].rfm_cuts ? toCuts(rows[0].rfm_cuts) : null };
  }

  /**
   * Takes a purchase that no longer counts (returned, cancelled) out of the sums. Its purchase
   * row is already changed, so first and last purchase are looked up again among the counted
   * ones (one index probe each), the only case where a figure is read back from purchases.
   */
  async removePurchase(em: EntityManager, tenantId: string, customerId: string, c: Contribution, at: Date): Promise<MetricsRow> {
    const rows = await em.query(
      `UPDATE customer_metrics m SET
         purchase_count = m.purchase_count - $3, purchase_total = m.purchase_total - $4, item_total = m.item_total - $5,
         first_purchase_at = (SELECT min(p.occurred_at) FROM purchases p WHERE p.tenant_id = m.tenant_id AND p.customer_id = m.customer_id AND p.counted),
         (last_purchase_at, last_purchase_id, last_purchase_total) = (
           SELECT p.occurred_at, p.id, p.total FROM purchases p
            WHERE p.tenant_id = m.tenant_id AND p.customer_id = m.customer_id AND p.counted
            ORDER BY p.occurred_at DESC, p.id DESC LIMIT 1),
         updated_at = $6
       WHERE m.tenant_id = $1 AND m.customer_id = $2
       RETURNING ${METRICS_COLUMNS}`,
      [tenantId, customerId, c.count, c.total, c.items, at],
    );
    return toMetricsRow(updatedRows(rows)[0]);
  }

  async setRfm(em: EntityManager, tenantId: string, customerId: string, scores: RfmScores | null, segment: string | null): Promise<void> {
    await em.query(`UPDATE customer_metrics SET rfm_r = $3, rfm_f = $4, rfm_m = $5, rfm_segment = $6 WHERE tenant_id = $1 AND customer_id = $2`, [
      tenantId,
      customerId,
      scores?.r ?? null,
      scores?.f ?? null,
      scores?.m ?? null,
      segment,
    ]);
  }

  /** L8: one more rating in the customer's average. */
  async addRating(em: EntityManager, tenantId: string, customerId: string, rating: number, at: Date): Promise<MetricsRow> {
    const rows = await em.query(
      `INSERT INTO customer_metrics AS m (tenant_id, customer_id, rating_count, rating_sum, updated_at) VALUES ($1, $2, 1, $3, $4)
       ON CONFLICT (tenant_id, customer_id) DO UPDATE
         SET rating_count = m.rating_count + 1, rating_sum = m.rating_sum + EXCLUDED.rating_sum, updated_at = EXCLUDED.updated_at
       RETURNING ${METRICS_COLUMNS}`,
      [tenantId, customerId, rating, at],
    );
    return toMetricsRow(rows[0]);
  }

  private async currencyMismatch(em: EntityManager, tenantId: string, customerId: string, currency: string): Promise<never> {
    const { currency: kept } = await this.find(em, tenantId, customerId);
    throw unprocessable(
      LoyaltyErrorCodes.currencyMismatch,
      `The customer's amounts are kept in ${kept}; an amount in ${currency} cannot be added to them`,
      { errors: { currency: [`must be ${kept} for this customer`] } },
    );
  }
}
