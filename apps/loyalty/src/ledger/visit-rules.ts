import type { LedgerOperation, VisitFigures, VisitSubtractReason } from '@app/contracts';

/**
 * Visits (L2). A card keeps three counters, each a sum over its ledger:
 * - sold: every visit ever added;
 * - used: visits subtracted because the customer used them (reason `use`);
 * - corrected: visits subtracted as a correction (reason `correction`).
 * From them: available = sold − used − corrected (never below zero), redeemed = used, and
 * totalVisits = used + corrected ("removed visits still count in total visits").
 * The last addition and the last subtraction of any reason ("refund") are dated.
 */
export interface VisitCounters {
  sold: number;
  used: number;
  corrected: number;
  lastAddedAt: string | null;
  lastRefundedAt: string | null;
}

/** What one operation changes; the repository applies it in one conditional UPDATE. */
export interface VisitDelta {
  sold: number;
  used: number;
  corrected: number;
  /** Change of the available visits (negative for a subtraction). */
  available: number;
  added: boolean;
  refunded: boolean;
}

export function visitDelta(operation: LedgerOperation, value: number, reason: VisitSubtractReason | null): VisitDelta {
  if (operation === 'add') return { sold: value, used: 0, corrected: 0, available: value, added: true, refunded: false };
  const used = reason === 'correction' ? 0 : value;
  return { sold: 0, used, corrected: value - used, available: -value, added: false, refunded: true };
}

export function visitFigures(c: VisitCounters): VisitFigures {
  return {
    visitsSold: c.sold,
    visitsAvailable: c.sold - c.used - c.corrected,
    visitsRedeemed: c.used,
    totalVisits: c.used + c.corrected,
    lastVisitAddedAt: c.lastAddedAt,
    lastVisitRefundedAt: c.lastRefundedAt,
  };
}

export interface VisitEntry {
  operation: LedgerOperation;
  value: number;
  reason: VisitSubtractReason | null;
  at: string;
}

/** The counters recomputed from the ledger alone, oldest entry first (what the stored counters must equal). */
export function visitCountersFromLedger(entries: VisitEntry[]): VisitCounters {
  const counters: VisitCounters = { sold: 0, used: 0, corrected: 0, lastAddedAt: null, lastRefundedAt: null };
  for (const e of entries) {
    const d = visitDelta(e.operation, e.value, e.reason);
    counters.sold += d.sold;
    counters.used += d.used;
    counters.corrected += d.corrected;
    if (d.added) counters.lastAddedAt = e.at;
    if (d.refunded) counters.lastRefundedAt = e.at;
  }
  return counters;
}

/** L5: the LTV of a ledger is the sum of its purchase amounts, whatever the operation. */
export const ltvOf = (entries: Array<{ purchaseAmount: number | null }>): number =>
  entries.reduce((sum, e) => sum + (e.purchaseAmount ?? 0), 0);
