import { periodContaining } from '@app/common';
import { BookingErrorCodes, type UsagePeriod } from '@app/contracts';

/** An offer as the rules see it (B7). */
export interface OfferRule {
  id: string;
  enabled: boolean;
  personalUseOnly: boolean;
  /** Others the member may bring; null: no limit. */
  maxAdditionalAttendees: number | null;
  /** Exclusive tickets per member (per period when ongoing); null: unlimited. */
  maxUses: number | null;
  ongoing: boolean;
  usagePeriod: UsagePeriod | null;
  /** Scope: every exclusive ticket of the group on this entry, or the listed tickets. */
  scheduleEntryId: string | null;
  ticketIds: string[] | null;
}

/** The exclusive tickets of one group in a booking, one per attendee holding one. */
export interface ExclusiveRequest {
  scheduleEntryId: string;
  ticketIds: string[];
  /** How many of those attendees are the lead booker themselves (0 or 1). */
  bookerAttends: boolean;
}

export interface Refusal {
  code: string;
  message: string;
}

/** The start of "once" uses: one bucket for all time. */
export const ONCE = new Date(0);

export function offerCovers(offer: OfferRule, request: ExclusiveRequest): boolean {
  if (offer.scheduleEntryId !== null) return offer.scheduleEntryId === request.scheduleEntryId;
  const listed = new Set(offer.ticketIds ?? []);
  return request.ticketIds.every((id) => listed.has(id));
}

/** Why this offer does not let the member book these attendees, or null when it does. */
export function attendeeRefusal(offer: OfferRule, request: ExclusiveRequest): Refusal | null {
  const count = request.ticketIds.length;
  if (offer.personalUseOnly) {
    if (count === 1 && request.bookerAttends) return null;
    return { code: BookingErrorCodes.offerPersonalUseOnly, message: 'This offer is for the member’s personal use only: one exclusive ticket, for the member' };
  }
  if (offer.maxAdditionalAttendees !== null && count > 1 + offer.maxAdditionalAttendees) {
    return {
      code: BookingErrorCodes.offerTooManyAttendees,
      message: `This offer allows the member and at most ${offer.maxAdditionalAttendees} more attendee(s); ${count} exclusive tickets were asked for`,
    };
  }
  return null;
}

/**
 * The offer a member's booking of exclusive tickets uses: the first (oldest) enabled offer of
 * the group that covers all of them and allows these attendees. When none does, the refusal
 * says which rule: no offer, only disabled offers, or the first enabled offer's attendee rule.
 * The use limit is checked separately, against the stored count (it needs the database).
 */
export function chooseOffer(offers: OfferRule[], request: ExclusiveRequest): { offer: OfferRule } | { refusal: Refusal } {
  const covering = offers.filter((o) => offerCovers(o, request));
  if (covering.length === 0) {
    return { refusal: { code: BookingErrorCodes.offerNotAvailable, message: 'No offer of the customer group covers this exclusive ticket' } };
  }
  const enabled = covering.filter((o) => o.enabled);
  if (enabled.length === 0) {
    return { refusal: { code: BookingErrorCodes.offerDisabled, message: 'The customer group’s offer for this exclusive ticket is disabled' } };
  }
  let firstRefusal: Refusal | null = null;
  for (const offer of enabled) {
    const refusal = attendeeRefusal(offer, request);
    if (!refusal) return { offer };
    firstRefusal ??= refusal;
  }
  return { refusal: firstRefusal! };
}

/**
 * The usage period a use counts in: the period (in the tenant's time zone) that contains the
 * start of the booked schedule entry, so booking next month's class uses next month's
 * allowance; ONCE for an offer whose uses never reset.
 */
export function usagePeriodStart(offer: Pick<OfferRule, 'ongoing' | 'usagePeriod'>, entryStartsAt: Date, timeZone: string): Date {
  if (!offer.ongoing || !offer.usagePeriod) return ONCE;
  return periodContaining(entryStartsAt, offer.usagePeriod, timeZone).start;
}

/** The end (exclusive) of the usage period that starts at `start`, or null for ONCE. */
export function usagePeriodEnd(offer: Pick<OfferRule, 'ongoing' | 'usagePeriod'>, start: Date, timeZone: string): Date | null {
  if (!offer.ongoing || !offer.usagePeriod) return null;
  return periodContaining(start, offer.usagePeriod, timeZone).end;
}
