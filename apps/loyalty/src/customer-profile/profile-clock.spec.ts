import { loyaltyPartChangesAt } from './profile-clock';

describe('loyaltyPartChangesAt', () => {
  const berlin = { timeZone: 'Europe/Berlin', windowDays: 7 };
  const at = (iso: string) => new Date(iso);
  const lot = (activatesAt: string | null, expiresAt: string | null, remaining = 10) => ({
    remaining,
    activatesAt: activatesAt ? at(activatesAt) : null,
    expiresAt: expiresAt ? at(expiresAt) : null,
  });

  it('is the next midnight in the tenant zone without lots', () => {
    expect(loyaltyPartChangesAt([], at('2026-12-05T20:00:00Z'), berlin)).toEqual(at('2026-12-05T23:00:00Z'));
    // 23:30 UTC is already the 6th in Berlin: the next midnight there is the 7th.
    expect(loyaltyPartChangesAt([], at('2026-12-05T23:30:00Z'), berlin)).toEqual(at('2026-12-06T23:00:00Z'));
    expect(loyaltyPartChangesAt([], at('2026-12-05T23:59:59Z'), { timeZone: 'UTC', windowDays: 7 })).toEqual(at('2026-12-06T00:00:00Z'));
  });

  it('is a lot activating, entering its deactivation window or expiring before then', () => {
    const after = at('2026-12-05T10:00:00Z');
    expect(loyaltyPartChangesAt([lot('2026-12-05T12:00:00Z', null)], after, berlin)).toEqual(at('2026-12-05T12:00:00Z'));
    // Expires on the 12th at 15:00 UTC: the window of 7 days opens on the 5th at 15:00 UTC.
    expect(loyaltyPartChangesAt([lot(null, '2026-12-12T15:00:00Z')], after, berlin)).toEqual(at('2026-12-05T15:00:00Z'));
    expect(loyaltyPartChangesAt([lot(null, '2026-12-05T18:00:00Z')], after, berlin)).toEqual(at('2026-12-05T18:00:00Z'));
  });

  it('skips spent lots and instants already past (an instant equal to now has happened)', () => {
    const after = at('2026-12-05T10:00:00Z');
    expect(loyaltyPartChangesAt([lot('2026-12-05T12:00:00Z', null, 0)], after, berlin)).toEqual(at('2026-12-05T23:00:00Z'));
    expect(loyaltyPartChangesAt([lot('2026-12-05T10:00:00Z', '2026-12-01T00:00:00Z')], after, berlin)).toEqual(at('2026-12-05T23:00:00Z'));
  });
});
