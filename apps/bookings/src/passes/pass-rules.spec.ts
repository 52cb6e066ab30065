import { BookingErrorCodes } from '@app/contracts';
import { passExpiry, passRefusal, passStatus } from './pass-rules';

const expiresAt = new Date('2025-06-01T10:00:00.000Z');
const pass = { customerId: 'c1', usesTotal: 5, usesUsed: 2, expiresAt };

describe('passStatus', () => {
  it('is active until the expiry instant and expired from it on', () => {
    expect(passStatus(pass, new Date(expiresAt.getTime() - 1))).toBe('active');
    expect(passStatus(pass, expiresAt)).toBe('expired');
  });

  it('is used up when no use is left, whatever the date', () => {
    expect(passStatus({ ...pass, usesUsed: 5 }, new Date('2025-01-01'))).toBe('used_up');
    expect(passStatus({ ...pass, usesUsed: 5 }, new Date('2026-01-01'))).toBe('used_up');
    expect(passStatus({ ...pass, usesUsed: 4 }, new Date('2025-01-01'))).toBe('active');
  });

  it('never expires without an expiry', () => {
    expect(passStatus({ ...pass, expiresAt: null }, new Date('2100-01-01'))).toBe('active');
  });
});

describe('passExpiry', () => {
  it('adds calendar days in the tenant’s zone (a DST change keeps the wall-clock time)', () => {
    const bought = new Date('2025-03-29T09:00:00.000Z'); // 10:00 in Berlin, before clocks go forward
    expect(passExpiry(bought, 2, 'Europe/Berlin')!.toISOString()).toBe('2025-03-31T08:00:00.000Z'); // 10:00 CEST
    expect(passExpiry(bought, null, 'UTC')).toBeNull();
  });
});

describe('passRefusal', () => {
  const now = new Date('2025-05-01T00:00:00Z');
  it('lets the owner use what is left, one use per attendee', () => {
    expect(passRefusal(pass, 'c1', 3, now)).toBeNull();
    expect(passRefusal(pass, 'c1', 4, now)?.code).toBe(BookingErrorCodes.passUsedUp);
  });

  it('names the rule that refuses', () => {
    expect(passRefusal(pass, 'c2', 1, now)?.code).toBe(BookingErrorCodes.passNotOwned);
    expect(passRefusal(pass, null, 1, now)?.code).toBe(BookingErrorCodes.passNotOwned);
    expect(passRefusal(pass, 'c1', 1, expiresAt)?.code).toBe(BookingErrorCodes.passExpired);
    expect(passRefusal({ ...pass, usesUsed: 5 }, 'c1', 1, now)?.code).toBe(BookingErrorCodes.passUsedUp);
  });
});
