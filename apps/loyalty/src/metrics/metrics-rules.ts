import { DateTime } from 'luxon';
import type { CustomerMetricsV1, PurchaseMetrics, RfmSegment } from '@app/contracts';

/** What the customer_metrics row holds, kept current in the transaction of every change. */
export interface MetricsRow {
  currency: string | null;
  ltv: number;
  purchaseCount: number;
  purchaseTotal: number;
  itemTotal: number;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  lastPurchaseTotal: number | null;
  rfmR: number | null;
  rfmF: number | null;
  rfmM: number | null;
  rfmSegment: RfmSegment | null;
  ratingCount: number;
  ratingSum: number;
}

export const EMPTY_METRICS: MetricsRow = {
  currency: null,
  ltv: 0,
  purchaseCount: 0,
  purchaseTotal: 0,
  itemTotal: 0,
  firstPurchaseAt: null,
  lastPurchaseAt: null,
  lastPurchaseTotal: null,
  rfmR: null,
  rfmF: null,
  rfmM: null,
  rfmSegment: null,
  ratingCount: 0,
  ratingSum: 0,
};

/** Whole calendar days between two instants in the tenant's zone (0 on the same local day). */
export function daysBetween(from: Date, to: Date, timeZone: string): number {
  const a = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day');
  const b = DateTime.fromJSDate(to, { zone: timeZone }).startOf('day');
  return Math.round(b.diff(a, 'days').days);
}

/** Average purchase in whole minor units (half up). */
export const averageAmount = (total: number, count: number): number | null => (count > 0 ? Math.round(total / count) : null);
/** Averages shown with two decimals. */
export const average2 = (sum: number, count: number): number | null => (count > 0 ? Math.round((sum / count) * 100) / 100 : null);

/** The figures of L7 from the stored row; the "days since" ones follow the clock. */
export function purchaseMetrics(m: MetricsRow, now: Date, timeZone: string): PurchaseMetrics {
  const scored = m.purchaseCount > 0 && m.rfmSegment !== null;
  return {
    purchaseCount: m.purchaseCount,
    purchaseTotal: m.purchaseTotal,
    averagePurchase: averageAmount(m.purchaseTotal, m.purchaseCount),
    averageItems: average2(m.itemTotal, m.purchaseCount),
    lastPurchaseTotal: m.purchaseCount > 0 ? m.lastPurchaseTotal : null,
    firstPurchaseAt: m.firstPurchaseAt?.toISOString() ?? null,
    lastPurchaseAt: m.lastPurchaseAt?.toISOString() ?? null,
    daysSinceFirstPurchase: m.firstPurchaseAt ? daysBetween(m.firstPurchaseAt, now, timeZone) : null,
    daysSinceLastPurchase: m.lastPurchaseAt ? daysBetween(m.lastPurchaseAt, now, timeZone) : null,
    rfmSegment: scored ? m.rfmSegment : null,
    rfmScore: scored ? `${m.rfmR}${m.rfmF}${m.rfmM}` : null,
  };
}

/** The metrics.changed payload (CustomerMetricsV1 and its added fields). */
export function metricsEvent(m: MetricsRow): CustomerMetricsV1 {
  const scored = m.purchaseCount > 0 && m.rfmSegment !== null;
  return {
    purchaseCount: m.purchaseCount,
    purchaseTotal: m.purchaseTotal,
    averagePurchase: averageAmount(m.purchaseTotal, m.purchaseCount) ?? 0,
    firstPurchaseAt: m.firstPurchaseAt?.toISOString() ?? null,
    lastPurchaseAt: m.lastPurchaseAt?.toISOString() ?? null,
    ltv: m.ltv,
    rfmSegment: scored ? m.rfmSegment : null,
    currency: m.currency,
    averageItems: average2(m.itemTotal, m.purchaseCount),
    lastPurchaseTotal: m.purchaseCount > 0 ? m.lastPurchaseTotal : null,
    rfmScore: scored ? `${m.rfmR}${m.rfmF}${m.rfmM}` : null,
    averageRating: average2(m.ratingSum, m.ratingCount),
    feedbackCount: m.ratingCount,
  };
}
