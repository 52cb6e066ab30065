import { DateTime } from 'luxon';
import { BookingErrorCodes, type PassStatus } from '@app/contracts';

export interface PassState {
  customerId: string;
  usesTotal: number;
  usesUsed: number;
  expiresAt: Date | null;
}

/**
 * A pass is used up when no use is left, expired from its expiry instant on (inclusive), else
 * active. A pass that is both reads "used up": it was consumed before it ran out of time.
 */
export function passStatus(pass: Omit<PassState, 'customerId'>, now: Date): PassStatus {
  if (pass.usesUsed >= pass.usesTotal) return 'used_up';
  if (pass.expiresAt && now.getTime() >= pass.expiresAt.getTime()) return 'expired';
  return 'active';
}

/** Expiry of a pass bought at `purchasedAt`: that many calendar days later, in the tenant's zone. */
export function passExpiry(purchasedAt: Date, validityDays: number | null, timeZone: string): Date | null {
  if (validityDays === null) return null;
  return DateTime.fromJSDate(purchasedAt, { zone: timeZone }).plus({ days: validityDays }).toJSDate();
}

/** Why this pass cannot pay for `uses` places of this customer now, or null when it can. */
export function passRefusal(pass: PassState, customerId: string | null, uses: number, now: Date): { code: string; message: string } | null {
  if (customerId === null || pass.customerId !== customerId) {
    return { code: BookingErrorCodes.passNotOwned, message: 'The pass belongs to another customer than the lead booker' };
  }
  const status = passStatus(pass, now);
  if (status === 'used_up') return { code: BookingErrorCodes.passUsedUp, message: 'The pass has no uses left' };
  if (status === 'expired') return { code: BookingErrorCodes.passExpired, message: 'The pass has expired' };
  const left = pass.usesTotal - pass.usesUsed;
  if (uses > left) return { code: BookingErrorCodes.passUsedUp, message: `The pass has ${left} use(s) left; the booking needs ${uses} (one per attendee)` };
  return null;
}
