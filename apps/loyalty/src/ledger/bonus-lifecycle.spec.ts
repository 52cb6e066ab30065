import { bonusFigures, deactivationWindowStart, lotState, planSpend, type BonusLot } from './bonus-lifecycle';

const at = (iso: string) => new Date(iso);
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
let seq = 0;
const lot = (remaining: number, activatesAt: string | null, expiresAt: string | null, id = `lot${++seq}`): BonusLot => ({
  id,
  remaining,
  activatesAt: activatesAt ? at(activatesAt) : null,
  expiresAt: expiresAt ? at(expiresAt) : null,
  seq: ++seq,
});
const utc30 = { windowDays: 30, timeZone: 'UTC' };

describe('lot state at its boundary instants', () => {
  const activates = at('2025-01-10T09:00:00.000Z');
  const expires = at('2025-06-30T22:00:00.000Z');
  const l = lot(100, activates.toISOString(), expires.toISOString());
  const windowStart = at('2025-05-31T22:00:00.000Z'); // 30 days before, same wall-clock time in UTC

  it('is pending activation until the activation instant, active from it', () => {
    expect(lotState(l, ms(activates, -1), utc30)).toBe('pending_activation');
    expect(lotState(l, activates, utc30)).toBe('active');
  });

  it('is pending deactivation from exactly the window start, expired from exactly the expiry instant', () => {
    expect(deactivationWindowStart(expires, utc30)).toEqual(windowStart);
    expect(lotState(l, ms(windowStart, -1), utc30)).toBe('active');
    expect(lotState(l, windowStart, utc30)).toBe('pending_deactivation');
    expect(lotState(l, ms(expires, -1), utc30)).toBe('pending_deactivation');
    expect(lotState(l, expires, utc30)).toBe('expired');
  });

  it('counts the window in calendar days of the tenant’s zone (a 23-hour day across the clock change)', () => {
    // Expiry 2025-04-05 12:00 in Berlin (UTC+2); 7 days earlier is 2025-03-29 12:00 (UTC+1), 167 hours before.
    const berlinExpiry = at('2025-04-05T10:00:00.000Z');
    const start = deactivationWindowStart(berlinExpiry, { windowDays: 7, timeZone: 'Europe/Berlin' });
    expect(start.toISOString()).toBe('2025-03-29T11:00:00.000Z');
    expect((berlinExpiry.getTime() - start.getTime()) / 3_600_000).toBe(167);
  });

  it('has no pending deactivation with a zero window', () => {
    const zero = { windowDays: 0, timeZone: 'UTC' };
    expect(lotState(l, ms(expires, -1), zero)).toBe('active');
    expect(lotState(l, expires, zero)).toBe('expired');
  });

  it('is spent when nothing remains, whatever the clock says', () => {
    expect(lotState({ ...l, remaining: 0 }, ms(expires, 1), utc30)).toBe('spent');
  });

  it('is active forever without dates', () => {
    expect(lotState(lot(5, null, null), at('2999-01-01T00:00:00Z'), utc30)).toBe('active');
  });
});

describe('bonus figures', () => {
  const now = at('2025-06-01T12:00:00.000Z');
  const lots = [
    lot(10, null, null), // active, never expires
    lot(20, null, '2025-06-10T00:00:00.000Z'), // pending deactivation (within 30 days)
    lot(5, null, '2025-06-10T00:00:00.000Z'), // same instant
    lot(40, null, '2025-12-31T00:00:00.000Z'), // active
    lot(7, '2025-07-01T00:00:00.000Z', '2025-09-01T00:00:00.000Z'), // pending activation
    lot(3, null, '2025-05-01T00:00:00.000Z'), // expired unspent
    lot(0, null, '2025-06-02T00:00:00.000Z'), // spent: not the next deactivation
  ];

  it('splits the points by state and finds the next deactivation', () => {
    expect(bonusFigures(lots, now, utc30)).toEqual({
      bonusBalance: 75,
      bonusPendingActivation: 7,
      bonusPendingDeactivation: 25,
      nextDeactivationAt: '2025-06-10T00:00:00.000Z',
      nextDeactivationAmount: 25,
      bonusExpired: 3,
    });
  });

  it('moves points from pending deactivation to expired at the expiry instant', () => {
    const f = bonusFigures(lots, at('2025-06-10T00:00:00.000Z'), utc30);
    expect(f).toMatchObject({ bonusBalance: 50, bonusPendingDeactivation: 0, bonusExpired: 28, nextDeactivationAt: '2025-09-01T00:00:00.000Z', nextDeactivationAmount: 7 });
  });

  it('is all zero without lots', () => {
    expect(bonusFigures([], now, utc30)).toEqual({
      bonusBalance: 0,
      bonusPendingActivation: 0,
      bonusPendingDeactivation: 0,
      nextDeactivationAt: null,
      nextDeactivationAmount: 0,
      bonusExpired: 0,
    });
  });
});

describe('spending', () => {
  const now = at('2025-06-01T12:00:00.000Z');

  it('takes the soonest-expiring active points first, points without expiry last', () => {
    const forever = lot(50, null, null, 'forever');
    const late = lot(30, null, '2025-12-01T00:00:00Z', 'late');
    const soon = lot(10, null, '2025-07-01T00:00:00Z', 'soon');
    expect(planSpend([forever, late, soon], 45, now)).toEqual({
      ok: true,
      allocations: [
        { lotId: 'soon', amount: 10 },
        { lotId: 'late', amount: 30 },
        { lotId: 'forever', amount: 5 },
      ],
    });
  });

  it('takes lots expiring at the same instant in the order they were added', () => {
    const first = lot(5, null, '2025-07-01T00:00:00Z', 'first');
    const second = lot(5, null, '2025-07-01T00:00:00Z', 'second');
    expect(planSpend([second, first], 6, now)).toEqual({ ok: true, allocations: [{ lotId: 'first', amount: 5 }, { lotId: 'second', amount: 1 }] });
  });

  it('never takes pending or expired points, and refuses what the active points do not cover', () => {
    const pending = lot(100, '2025-06-01T12:00:00.001Z', null, 'pending');
    const expired = lot(100, null, '2025-06-01T12:00:00.000Z', 'expired');
    const active = lot(10, '2025-06-01T12:00:00.000Z', '2025-06-01T12:00:00.001Z', 'active');
    expect(planSpend([pending, expired, active], 10, now)).toEqual({ ok: true, allocations: [{ lotId: 'active', amount: 10 }] });
    expect(planSpend([pending, expired, active], 11, now)).toEqual({ ok: false, available: 10 });
    expect(planSpend([], 1, now)).toEqual({ ok: false, available: 0 });
  });

  it('spends an exact balance down to zero', () => {
    const a = lot(3, null, null, 'a');
    expect(planSpend([a], 3, now)).toEqual({ ok: true, allocations: [{ lotId: 'a', amount: 3 }] });
  });
});
