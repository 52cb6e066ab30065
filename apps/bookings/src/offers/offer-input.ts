import { invalid, type CreateOfferInput, type UsagePeriod } from '@app/contracts';
import { InputReader } from '../common/input';

const PERIODS: readonly UsagePeriod[] = ['day', 'week', 'month', 'year'];

export interface OfferInput {
  enabled: boolean;
  personalUseOnly: boolean;
  maxAdditionalAttendees: number | null;
  maxUses: number | null;
  ongoing: boolean;
  usagePeriod: UsagePeriod | null;
  scheduleEntryId: string | null;
  ticketIds: string[] | null;
}

/**
 * Checks a new offer (B7). Restricting uses: `maxUses` alone means that many uses once;
 * with `ongoing` they reset every `usagePeriod`. No `maxUses`: unlimited. Scope: exactly one of
 * `scheduleEntryId` (every exclusive ticket of the group on it) or `ticketIds`.
 */
export function readOfferInput(input: Record<string, unknown> & Partial<CreateOfferInput>): OfferInput {
  const r = new InputReader();
  const enabled = r.bool(input.enabled, 'enabled');
  const personalUseOnly = r.bool(input.personalUseOnly, 'personalUseOnly');
  const maxAdditionalAttendees = r.int(input.maxAdditionalAttendees, 'maxAdditionalAttendees', 0, 1000, { optional: true });
  if (personalUseOnly && maxAdditionalAttendees !== null) r.fail('maxAdditionalAttendees', 'must be left out when the offer is for personal use only');
  const maxUses = r.int(input.maxUses, 'maxUses', 1, 100_000, { optional: true });
  const ongoing = r.bool(input.ongoing, 'ongoing', false);
  const usagePeriod = r.oneOf(input.usagePeriod, 'usagePeriod', PERIODS, { optional: true });
  if (ongoing && maxUses === null) r.fail('ongoing', 'needs maxUses: an ongoing offer resets a number of uses each period');
  if (ongoing && usagePeriod === null) r.fail('usagePeriod', 'is required for an ongoing offer');
  if (!ongoing && usagePeriod !== null) r.fail('usagePeriod', 'is only for ongoing offers');
  const scheduleEntryId = r.uuid(input.scheduleEntryId, 'scheduleEntryId', { optional: true });
  let ticketIds: string[] | null = null;
  if (input.ticketIds !== undefined && input.ticketIds !== null) {
    ticketIds = r.array(input.ticketIds, 'ticketIds', 1, 100).map((id, i) => r.uuid(id, `ticketIds[${i}]`) ?? '');
  }
  if ((scheduleEntryId === null) === (ticketIds === null)) r.fail('scope', 'give either scheduleEntryId (all its exclusive tickets) or ticketIds');
  if (!r.ok) throw invalid(r.errors);
  return { enabled, personalUseOnly, maxAdditionalAttendees, maxUses, ongoing, usagePeriod, scheduleEntryId, ticketIds: ticketIds && [...new Set(ticketIds)] };
}
