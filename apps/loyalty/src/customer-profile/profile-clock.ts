import { DateTime } from 'luxon';
import { deactivationWindowStart, type BonusLot, type LifecycleSettings } from '../ledger/bonus-lifecycle';

/**
 * The first instant after `after` at which the clock alone changes the loyalty part: the next
 * midnight in the tenant's zone (a card's expiry day passes, days since a purchase grow), or an
 * unspent bonus lot's activation, the start of its deactivation window, or its expiry.
 */
export function loyaltyPartChangesAt(lots: Pick<BonusLot, 'remaining' | 'activatesAt' | 'expiresAt'>[], after: Date, settings: LifecycleSettings): Date {
  let next = DateTime.fromJSDate(after, { zone: settings.timeZone }).plus({ days: 1 }).startOf('day').toJSDate().getTime();
  for (const lot of lots) {
    if (lot.remaining <= 0) continue;
    const instants = [lot.activatesAt, lot.expiresAt && deactivationWindowStart(lot.expiresAt, settings), lot.expiresAt];
    for (const instant of instants) {
      if (instant && instant.getTime() > after.getTime()) next = Math.min(next, instant.getTime());
    }
  }
  return new Date(next);
}
