import type { LedgerEntryView, LedgerRecordedV1, TenantSettings } from '@app/contracts';
import { lotState } from './bonus-lifecycle';
import type { LedgerRow } from './ledger.repository';

/** A ledger entry as the API shows it; a bonus addition with its unspent points and their state now. */
export function toLedgerEntryView(row: LedgerRow, settings: TenantSettings, now: Date): LedgerEntryView {
  return {
    id: row.id,
    cardId: row.cardId,
    customerId: row.customerId,
    kind: row.kind,
    operation: row.operation,
    value: row.value,
    reason: row.reason,
    purchaseAmount: row.purchaseAmount,
    currency: row.currency,
    comment: row.comment,
    activatesAt: row.activatesAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    remaining: row.lot ? row.lot.remaining : null,
    state: row.lot ? lotState(row.lot, now, { windowDays: settings.bonusDeactivationWindowDays, timeZone: settings.timeZone }) : null,
    actor: row.actor,
    at: row.at.toISOString(),
  };
}

/** The event; `currency` is the amount's, or the customer's (else the tenant's) when there is no amount. */
export const toLedgerEvent = (row: LedgerRow, currency: string): LedgerRecordedV1 => ({
  entryId: row.id,
  cardId: row.cardId,
  customerId: row.customerId,
  kind: row.kind,
  operation: row.operation,
  value: row.value,
  purchaseAmount: row.purchaseAmount,
  currency: row.currency ?? currency,
  comment: row.comment,
  at: row.at.toISOString(),
  reason: row.reason,
  activatesAt: row.activatesAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
});
