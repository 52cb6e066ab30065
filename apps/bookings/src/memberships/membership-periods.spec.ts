import { periodEndAt } from './membership-periods';

const d = (iso: string) => new Date(iso);

describe('periodEndAt', () => {
  const start = d('2025-01-31T09:00:00Z');

  it('ends the first period one plan period after the start', () => {
    expect(periodEndAt(start, 'month', start, 'UTC').toISOString()).toBe('2025-02-28T09:00:00.000Z');
    expect(periodEndAt(start, 'month', d('2025-02-28T08:59:59.999Z'), 'UTC').toISOString()).toBe('2025-02-28T09:00:00.000Z');
  });

  it('moves to the next period at the renewal instant, counting from the start (31 Jan → 28 Feb → 31 Mar)', () => {
    expect(periodEndAt(start, 'month', d('2025-02-28T09:00:00Z'), 'UTC').toISOString()).toBe('2025-03-31T09:00:00.000Z');
    expect(periodEndAt(start, 'month', d('2025-12-01T00:00:00Z'), 'UTC').toISOString()).toBe('2025-12-31T09:00:00.000Z');
    expect(periodEndAt(start, 'month', d('2025-12-31T09:00:00Z'), 'UTC').toISOString()).toBe('2026-01-31T09:00:00.000Z');
  });

  it('handles weeks and years, and instants before the start', () => {
    expect(periodEndAt(start, 'week', d('2025-02-10T00:00:00Z'), 'UTC').toISOString()).toBe('2025-02-14T09:00:00.000Z');
    expect(periodEndAt(d('2024-02-29T12:00:00Z'), 'year', d('2025-03-01T00:00:00Z'), 'UTC').toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(periodEndAt(start, 'month', d('2025-01-01T00:00:00Z'), 'UTC').toISOString()).toBe('2025-02-28T09:00:00.000Z');
  });

  it('keeps the local time across a DST change', () => {
    const berlin = d('2025-03-15T09:00:00Z'); // 10:00 CET
    expect(periodEndAt(berlin, 'month', berlin, 'Europe/Berlin').toISOString()).toBe('2025-04-15T08:00:00.000Z'); // 10:00 CEST
  });
});
