import { DateTime } from 'luxon';
import type { BonusFigures, BonusLotState } from '@app/contracts';

/**
 * The bonus lifecycle (L4), derived from the clock at the moment of reading: nothing has to run
 * at an activation or expiry instant for the figures to be right.
 *
 * A lot is what one bonus addition left unspent. Its state at `now`:
 * - pending activation while now < activatesAt;
 * - active from activatesAt (inclusive) until expiresAt (exclusive);
 * - pending deactivation: active and within the tenant's window before expiry, i.e. from
 *   expiresAt minus `windowDays` calendar days in the tenant's time zone (inclusive);
 * - expired from expiresAt (inclusive);
 * - spent once nothing of it remains.
 */
export interface BonusLot {
  id: string;
  remaining: number;
  activatesAt: Date | null;
  expiresAt: Date | null;
  /** Order of addition; the tie breaker when lots expire at the same instant. */
  seq: number;
}

export interface LifecycleSettings {
  windowDays: number;
  timeZone: string;
}

/** First instant of the pending-deactivation window: `windowDays` calendar days before expiry in the zone. */
export function deactivationWindowStart(expiresAt: Date, settings: LifecycleSettings): Date {
  return DateTime.fromJSDate(expiresAt, { zone: settings.timeZone }).minus({ days: settings.windowDays }).toJSDate();
}

const isPending = (lot: BonusLot, now: Date) => lot.activatesAt !== null && now.getTime() < lot.activatesAt.getTime();
const isExpired = (lot: BonusLot, now: Date) => lot.expiresAt !== null && now.getTime() >= lot.expiresAt.getTime();
/** Spendable now. */
export const isActive = (lot: BonusLot, now: Date) => !isPending(lot, now) && !isExpired(lot, now);

export function lotState(lot: BonusLot, now: Date, settings: LifecycleSettings): BonusLotState {
  if (lot.remaining <= 0) return 'spent';
  if (isExpired(lot, now)) return 'expired';
  if (isPending(lot, now)) return 'pending_activation';
  if (lot.expiresAt && now.getTime() >= deactivationWindowStart(lot.expiresAt, settings).getTime()) return 'pending_deactivation';
  return 'active';
}

/**
 * The profile's bonus figures. The balance is what can be spent now (pending deactivation
 * included); the next deactivation is the soonest expiry among unspent lots that have not
 * expired yet (pending activation included: they expire too), with the points expiring then.
 */
export function bonusFigures(lots: BonusLot[], now: Date, settings: LifecycleSettings): BonusFigures {
  const figures: BonusFigures = {
    bonusBalance: 0,
    bonusPendingActivation: 0,
    bonusPendingDeactivation: 0,
    nextDeactivationAt: null,
    nextDeactivationAmount: 0,
    bonusExpired: 0,
  };
  let next: number | null = null;
  for (const lot of lots) {
    const state = lotState(lot, now, settings);
    if (state === 'spent') continue;
    if (state === 'expired') {
      figures.bonusExpired += lot.remaining;
      continue;
    }
    if (state === 'pending_activation') figures.bonusPendingActivation += lot.remaining;
    else figures.bonusBalance += lot.remaining;
    if (state === 'pending_deactivation') figures.bonusPendingDeactivation += lot.remaining;
    if (lot.expiresAt) {
      const at = lot.expiresAt.getTime();
      if (next === null || at < next) {
        next = at;
        figures.nextDeactivationAmount = lot.remaining;
      } else if (at === next) {
        figures.nextDeactivationAmount += lot.remaining;
      }
    }
  }
  figures.nextDeactivationAt = next === null ? null : new Date(next).toISOString();
  return figures;
}

export interface Allocation {
  lotId: string;
  amount: number;
}

export type SpendPlan = { ok: true; allocations: Allocation[] } | { ok: false; available: number };

/**
 * Which lots a subtraction of `value` points takes: only active ones, soonest expiry first (lots
 * without expiry last), then in the order they were added. Refused (nothing taken) when the
 * active points do not cover it.
 */
export function planSpend(lots: BonusLot[], value: number, now: Date): SpendPlan {
  const spendable = lots
    .filter((lot) => lot.remaining > 0 && isActive(lot, now))
    .sort((a, b) => {
      const ea = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
      const eb = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
      return ea !== eb ? ea - eb : a.seq - b.seq;
    });
  const available = spendable.reduce((sum, lot) => sum + lot.remaining, 0);
  if (available < value) return { ok: false, available };
  const allocations: Allocation[] = [];
  let left = value;
  for (const lot of spendable) {
    if (left === 0) break;
    const amount = Math.min(lot.remaining, left);
    allocations.push({ lotId: lot.id, amount });
    left -= amount;
  }
  return { ok: true, allocations };
}
