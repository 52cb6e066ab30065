import { BookingErrorCodes } from '@app/contracts';
import { chooseOffer, ONCE, usagePeriodEnd, usagePeriodStart, type ExclusiveRequest, type OfferRule } from './offer-rules';

const ENTRY = 'entry-1';
const anOffer = (over: Partial<OfferRule> = {}): OfferRule => ({
  id: 'o1',
  enabled: true,
  personalUseOnly: false,
  maxAdditionalAttendees: null,
  maxUses: null,
  ongoing: false,
  usagePeriod: null,
  scheduleEntryId: ENTRY,
  ticketIds: null,
  ...over,
});
const request = (over: Partial<ExclusiveRequest> = {}): ExclusiveRequest => ({ scheduleEntryId: ENTRY, ticketIds: ['t1'], bookerAttends: true, ...over });
const refusalOf = (result: ReturnType<typeof chooseOffer>) => ('refusal' in result ? result.refusal.code : null);

describe('chooseOffer', () => {
  it('refuses when no offer covers the ticket, naming why', () => {
    expect(refusalOf(chooseOffer([], request()))).toBe(BookingErrorCodes.offerNotAvailable);
    expect(refusalOf(chooseOffer([anOffer({ scheduleEntryId: 'other' })], request()))).toBe(BookingErrorCodes.offerNotAvailable);
    expect(refusalOf(chooseOffer([anOffer({ enabled: false })], request()))).toBe(BookingErrorCodes.offerDisabled);
  });

  it('covers selected tickets only when every exclusive ticket of the booking is listed', () => {
    const offer = anOffer({ scheduleEntryId: null, ticketIds: ['t1', 't2'] });
    expect(chooseOffer([offer], request({ ticketIds: ['t1', 't2'], bookerAttends: true }))).toEqual({ offer });
    expect(refusalOf(chooseOffer([offer], request({ ticketIds: ['t1', 't3'] })))).toBe(BookingErrorCodes.offerNotAvailable);
  });

  it('allows personal use only for one ticket that the member holds', () => {
    const offer = anOffer({ personalUseOnly: true });
    expect(chooseOffer([offer], request())).toEqual({ offer });
    expect(refusalOf(chooseOffer([offer], request({ bookerAttends: false })))).toBe(BookingErrorCodes.offerPersonalUseOnly);
    expect(refusalOf(chooseOffer([offer], request({ ticketIds: ['t1', 't1'] })))).toBe(BookingErrorCodes.offerPersonalUseOnly);
  });

  it('allows the member plus N additional attendees, not N+2', () => {
    const offer = anOffer({ maxAdditionalAttendees: 2 });
    expect(chooseOffer([offer], request({ ticketIds: ['t1', 't1', 't1'] }))).toEqual({ offer });
    expect(refusalOf(chooseOffer([offer], request({ ticketIds: ['t1', 't1', 't1', 't1'] })))).toBe(BookingErrorCodes.offerTooManyAttendees);
    const none = anOffer({ maxAdditionalAttendees: 0 });
    expect(refusalOf(chooseOffer([none], request({ ticketIds: ['t1', 't1'] })))).toBe(BookingErrorCodes.offerTooManyAttendees);
  });

  it('takes the oldest enabled offer that allows the attendees', () => {
    const strict = anOffer({ id: 'strict', personalUseOnly: true });
    const family = anOffer({ id: 'family', maxAdditionalAttendees: 3 });
    expect(chooseOffer([strict, family], request({ ticketIds: ['t1', 't1'] }))).toEqual({ offer: family });
    expect(chooseOffer([strict, family], request())).toEqual({ offer: strict });
  });
});

describe('usage periods', () => {
  const monthly = { ongoing: true, usagePeriod: 'month' as const };

  it('counts "once" offers in a single bucket', () => {
    expect(usagePeriodStart({ ongoing: false, usagePeriod: null }, new Date(), 'Europe/Berlin')).toEqual(ONCE);
    expect(usagePeriodEnd({ ongoing: false, usagePeriod: null }, ONCE, 'UTC')).toBeNull();
  });

  it('puts an entry in the period of its start in the tenant’s zone', () => {
    // 31 March 23:30 UTC is already 1 April in Berlin: April's allowance.
    const start = usagePeriodStart(monthly, new Date('2025-03-31T23:30:00Z'), 'Europe/Berlin');
    expect(start.toISOString()).toBe('2025-03-31T22:00:00.000Z');
    expect(usagePeriodEnd(monthly, start, 'Europe/Berlin')!.toISOString()).toBe('2025-04-30T22:00:00.000Z');
    // The same instant in UTC is still March.
    expect(usagePeriodStart(monthly, new Date('2025-03-31T23:30:00Z'), 'UTC').toISOString()).toBe('2025-03-01T00:00:00.000Z');
  });

  it('resets exactly at the boundary: the last millisecond of a week and the first of the next differ', () => {
    const weekly = { ongoing: true, usagePeriod: 'week' as const };
    const boundary = new Date('2025-06-08T22:00:00.000Z'); // Monday 9 June 00:00 in Berlin
    const before = usagePeriodStart(weekly, new Date(boundary.getTime() - 1), 'Europe/Berlin');
    const at = usagePeriodStart(weekly, boundary, 'Europe/Berlin');
    expect(before.toISOString()).toBe('2025-06-01T22:00:00.000Z');
    expect(at.toISOString()).toBe(boundary.toISOString());
  });

  it('handles daily and yearly periods', () => {
    expect(usagePeriodStart({ ongoing: true, usagePeriod: 'day' }, new Date('2025-01-01T04:59:59Z'), 'America/New_York').toISOString()).toBe(
      '2024-12-31T05:00:00.000Z',
    );
    expect(usagePeriodStart({ ongoing: true, usagePeriod: 'year' }, new Date('2025-07-01T00:00:00Z'), 'UTC').toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});
