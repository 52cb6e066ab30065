import type { DomainError } from '@app/contracts';
import { readOfferInput } from './offer-input';

const ENTRY = '5b7c1f9e-0000-4000-8000-000000000001';
const errorsOf = (input: object) => {
  try {
    readOfferInput(input as Record<string, unknown>);
  } catch (e) {
    return Object.keys(((e as DomainError).details as { errors: object }).errors).sort();
  }
  throw new Error('expected a 400');
};

describe('readOfferInput', () => {
  it('reads an unlimited offer for all exclusive tickets of an entry', () => {
    expect(readOfferInput({ enabled: true, personalUseOnly: false, scheduleEntryId: ENTRY })).toEqual({
      enabled: true,
      personalUseOnly: false,
      maxAdditionalAttendees: null,
      maxUses: null,
      ongoing: false,
      usagePeriod: null,
      scheduleEntryId: ENTRY,
      ticketIds: null,
    });
  });

  it('reads ten uses per month', () => {
    expect(readOfferInput({ enabled: true, personalUseOnly: true, maxUses: 10, ongoing: true, usagePeriod: 'month', ticketIds: [ENTRY, ENTRY] })).toMatchObject({
      maxUses: 10,
      ongoing: true,
      usagePeriod: 'month',
      ticketIds: [ENTRY],
    });
  });

  it('refuses contradictions', () => {
    expect(errorsOf({ enabled: true, personalUseOnly: true, maxAdditionalAttendees: 2, scheduleEntryId: ENTRY })).toEqual(['maxAdditionalAttendees']);
    expect(errorsOf({ enabled: true, personalUseOnly: false, ongoing: true, scheduleEntryId: ENTRY })).toEqual(['ongoing', 'usagePeriod']);
    expect(errorsOf({ enabled: true, personalUseOnly: false, maxUses: 3, usagePeriod: 'week', scheduleEntryId: ENTRY })).toEqual(['usagePeriod']);
    expect(errorsOf({ enabled: true, personalUseOnly: false })).toEqual(['scope']);
    expect(errorsOf({ enabled: true, personalUseOnly: false, scheduleEntryId: ENTRY, ticketIds: [ENTRY] })).toEqual(['scope']);
    expect(errorsOf({ enabled: 'yes', personalUseOnly: false, maxUses: 0, scheduleEntryId: ENTRY })).toEqual(['enabled', 'maxUses']);
  });
});
