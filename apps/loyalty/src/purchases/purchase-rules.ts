import { DateTime } from 'luxon';
import { ORDER_STATUSES, RECEIPT_STATUSES, type PurchaseKind, type PurchaseLineInput, type PurchaseLineView, type PurchaseStatus } from '@app/contracts';

export const statusesOf = (kind: PurchaseKind): readonly PurchaseStatus[] => (kind === 'receipt' ? RECEIPT_STATUSES : ORDER_STATUSES);

/**
 * Whether a purchase counts in the customer's metrics (L7) and stores: a completed receipt, or an
 * order that is active, booked or shipped. A returned receipt or a cancelled order is no sale: it
 * is kept and listed (and in the sales summary under its status) but counts nowhere else.
 */
export const isCounted = (kind: PurchaseKind, status: PurchaseStatus): boolean =>
  kind === 'receipt' ? status === 'completed' : status !== 'cancelled';

export interface PurchaseTotals {
  lines: PurchaseLineView[];
  /** Lines plus delivery cost, minor units. */
  total: number;
  /** Sum of the line quantities. */
  itemCount: number;
}

export function purchaseTotals(lines: PurchaseLineInput[], deliveryCost: number): PurchaseTotals {
  const views = lines.map((l) => ({
    sku: l.sku,
    name: l.name,
    category: l.category ?? null,
    quantity: l.quantity,
    price: l.price,
    amount: l.quantity * l.price,
  }));
  return {
    lines: views,
    total: views.reduce((sum, l) => sum + l.amount, deliveryCost),
    itemCount: views.reduce((sum, l) => sum + l.quantity, 0),
  };
}

/** The sales-summary year: an order's own (season) year when given, else the local year it happened in. */
export const salesYear = (year: number | null, occurredAt: Date, timeZone: string): number =>
  year ?? DateTime.fromJSDate(occurredAt, { zone: timeZone }).year;

/** What a purchase adds to its customer's metrics: itself when counted, nothing otherwise. */
export interface Contribution {
  count: number;
  total: number;
  items: number;
}

export const contributionOf = (p: { kind: PurchaseKind; status: PurchaseStatus; total: number; itemCount: number }): Contribution =>
  isCounted(p.kind, p.status) ? { count: 1, total: p.total, items: p.itemCount } : { count: 0, total: 0, items: 0 };

export const contributionDelta = (before: Contribution, after: Contribution): Contribution => ({
  count: after.count - before.count,
  total: after.total - before.total,
  items: after.items - before.items,
});
