import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RfmSegment } from '@app/contracts';
import { num } from '../shared/sql';
import type { MetricsRow } from './metrics-rules';
import { MetricsRepository } from './metrics.repository';
import { rfmScores, rfmSegment, toCuts, type RfmCuts, type RfmScores } from './rfm';

export interface ComputedCuts {
  cuts: RfmCuts;
  customers: number;
}

/** The tenant's quintile cut points over its customers who bought something (Postgres percentile_disc). */
const CUTS_SQL = `
  SELECT percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY last_purchase_at) AS recency,
         percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY purchase_count) AS frequency,
         percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY purchase_total) AS monetary,
         count(*) AS customers
    FROM customer_metrics WHERE tenant_id = $1 AND purchase_count > 0`;


export const sameScores = (m: MetricsRow, s: RfmScores | null, segment: RfmSegment | null) =>
  m.rfmR === (s?.r ?? null) && m.rfmF === (s?.f ?? null) && m.rfmM === (s?.m ?? null) && m.rfmSegment === segment;

/**
 * Scores a customer against the tenant's stored cut points in the transaction that changed the
 * customer's purchases, and marks the tenant for a refresh of its cut points (RfmRefresher).
 */
@Injectable()
export class RfmScoring {
  constructor(private readonly metrics: MetricsRepository) {}

  /**
   * The stored cut points; a tenant that has none yet (its first minute of purchases) gets
   * them computed now from its few customers, so even its first purchase is scored.
   */
  async cuts(em: EntityManager, tenantId: string): Promise<RfmCuts | null> {
    const [stored] = await em.query(`SELECT recency, frequency, monetary FROM rfm_thresholds WHERE tenant_id = $1`, [tenantId]);
    if (stored) return toCuts(stored);
    return (await this.compute(em, tenantId))?.cuts ?? null;
  }

  async compute(em: EntityManager, tenantId: string): Promise<ComputedCuts | null> {
    const [row] = await em.query(CUTS_SQL, [tenantId]);
    const customers = num(row.customers);
    return customers > 0 ? { cuts: toCuts(row), customers } : null;
  }

  /** Scores of a customer's figures (null without a purchase). */
  static scoresOf(m: MetricsRow, cuts: RfmCuts | null): { scores: RfmScores | null; segment: RfmSegment | null } {
    if (m.purchaseCount === 0 || !m.lastPurchaseAt || !cuts) return { scores: null, segment: null };
    const scores = rfmScores({ lastPurchaseAt: m.lastPurchaseAt, purchaseCount: m.purchaseCount, purchaseTotal: m.purchaseTotal }, cuts);
    return { scores, segment: rfmSegment(scores) };
  }

  /** Rescores one customer after a change of their purchases (against `cuts` when the caller has them); returns the row as it now is. */
  async rescore(em: EntityManager, tenantId: string, customerId: string, m: MetricsRow, cuts?: RfmCuts | null): Promise<MetricsRow> {
    const { scores, segment } = RfmScoring.scoresOf(m, cuts ?? (await this.cuts(em, tenantId)));
    if (sameScores(m, scores, segment)) return m;
    await this.metrics.setRfm(em, tenantId, customerId, scores, segment);
    return { ...m, rfmR: scores?.r ?? null, rfmF: scores?.f ?? null, rfmM: scores?.m ?? null, rfmSegment: segment };
  }

  /**
   * Marks the tenant's cut points as out of date, after the purchase's commit: the refresher
   * claims a mark by deleting it and then reads the committed purchases, so a mark set after
   * commit can never be taken by a refresh that misses the purchase. (A crash between commit and
   * mark leaves the cut points stale until the tenant's next purchase; they are derived data.)
   */
  async markChanged(em: EntityManager, tenantId: string): Promise<void> {
    await em.query(`INSERT INTO rfm_refresh_queue (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING`, [tenantId]);
  }
}
