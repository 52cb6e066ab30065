import { isTimeZone, localDate, periodContaining, startOfLocalDate } from './periods';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('periodContaining', () => {
  it('starts a day at local midnight, not UTC midnight', () => {
    // 23:30 UTC on 31 May is already 1 June 01:30 in Berlin (UTC+2 in summer).
    const p = periodContaining(at('2025-05-31T23:30:00Z'), 'day', 'Europe/Berlin');
    expect(iso(p.start)).toBe('2025-05-31T22:00:00.000Z');
    expect(iso(p.end)).toBe('2025-06-01T22:00:00.000Z');
  });

  it('treats the boundary instant as the start of the new period', () => {
    const boundary = at('2025-05-31T22:00:00.000Z');
    expect(iso(periodContaining(boundary, 'month', 'Europe/Berlin').start)).toBe(iso(boundary));
    const justBefore = new Date(boundary.getTime() - 1);
    expect(iso(periodContaining(justBefore, 'month', 'Europe/Berlin').end)).toBe(iso(boundary));
  });

  it('starts weeks on Monday', () => {
    // Sunday 2025-03-09 in New York; the week began Monday 2025-03-03 at local midnight (EST, UTC-5).
    const p = periodContaining(at('2025-03-09T12:00:00Z'), 'week', 'America/New_York');
    expect(iso(p.start)).toBe('2025-03-03T05:00:00.000Z');
    // The next Monday is after the DST change (EDT, UTC-4).
    expect(iso(p.end)).toBe('2025-03-10T04:00:00.000Z');
  });

  it('gives a 23-hour day when clocks go forward', () => {
    const p = periodContaining(at('2025-03-30T12:00:00Z'), 'day', 'Europe/Berlin');
    expect((p.end.getTime() - p.start.getTime()) / 3_600_000).toBe(23);
  });

  it('starts years on 1 January in the zone', () => {
    const p = periodContaining(at('2025-12-31T23:30:00Z'), 'year', 'Asia/Tokyo');
    expect(iso(p.start)).toBe('2025-12-31T15:00:00.000Z');
    expect(iso(p.end)).toBe('2026-12-31T15:00:00.000Z');
  });

  it('refuses an unknown zone', () => {
    expect(() => periodContaining(new Date(), 'day', 'Mars/Olympus')).toThrow(/Unknown time zone/);
  });
});

describe('time zone helpers', () => {
  it('knows IANA names only', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(5)).toBe(false);
  });

  it('converts between instants and local dates', () => {
    expect(localDate(at('2025-05-31T23:30:00Z'), 'Europe/Berlin')).toBe('2025-06-01');
    expect(iso(startOfLocalDate('2025-06-01', 'Europe/Berlin'))).toBe('2025-05-31T22:00:00.000Z');
  });
});
