import { DomainError } from '@app/contracts';
import { readCreateFeedback, readFeedbackFilter } from './feedback-input';

const now = new Date('2025-06-01T10:00:00.000Z');
const customerId = '5b7c1f9e-0000-4000-8000-000000000001';
const iso = (d: Date | undefined) => d?.toISOString();
const errorsOf = (fn: () => unknown): Record<string, string[]> => {
  try {
    fn();
  } catch (e) {
    expect((e as DomainError).status).toBe(400);
    return ((e as DomainError).details as { errors: Record<string, string[]> }).errors;
  }
  throw new Error('expected a 400');
};

describe('feedback input (L8)', () => {
  it('takes ratings 1 to 5 and a blank comment as none', () => {
    expect(readCreateFeedback({ customerId, rating: 1, comment: '  ' }, now)).toEqual({ customerId, rating: 1, comment: null, at: now });
    expect(readCreateFeedback({ customerId, rating: 5, comment: 'Great' }, now).comment).toBe('Great');
  });

  it('refuses ratings outside 1-5 and fractions', () => {
    for (const rating of [0, 6, -1, 4.5, '5', null]) expect(errorsOf(() => readCreateFeedback({ customerId, rating }, now))).toHaveProperty('rating');
  });

  it('refuses feedback from the future', () => {
    expect(errorsOf(() => readCreateFeedback({ customerId, rating: 3, at: '2025-06-02T00:00:00Z' }, now))).toHaveProperty('at');
  });
});

describe('feedback filter in the tenant’s time zone', () => {
  it('is all time without a period', () => {
    expect(readFeedbackFilter({}, now, 'UTC')).toEqual({ window: null, withComments: false });
    expect(readFeedbackFilter({ withComments: 'true' }, now, 'UTC').withComments).toBe(true);
  });

  it('takes the day, week, month or year containing today or a given date', () => {
    const day = readFeedbackFilter({ period: 'day' }, new Date('2025-05-31T23:30:00Z'), 'Europe/Berlin').window;
    expect([iso(day?.start), iso(day?.end)]).toEqual(['2025-05-31T22:00:00.000Z', '2025-06-01T22:00:00.000Z']);
    const week = readFeedbackFilter({ period: 'week', date: '2025-06-01' }, now, 'Europe/Berlin').window; // a Sunday
    expect([iso(week?.start), iso(week?.end)]).toEqual(['2025-05-25T22:00:00.000Z', '2025-06-01T22:00:00.000Z']);
    const month = readFeedbackFilter({ period: 'month', date: '2025-02-10' }, now, 'UTC').window;
    expect([iso(month?.start), iso(month?.end)]).toEqual(['2025-02-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z']);
    const year = readFeedbackFilter({ period: 'year' }, now, 'Asia/Tokyo').window;
    expect([iso(year?.start), iso(year?.end)]).toEqual(['2024-12-31T15:00:00.000Z', '2025-12-31T15:00:00.000Z']);
  });

  it('takes a custom period of local dates, both inclusive', () => {
    const w = readFeedbackFilter({ period: 'custom', from: '2025-03-01', to: '2025-03-31' }, now, 'Europe/Berlin').window;
    expect([iso(w?.start), iso(w?.end)]).toEqual(['2025-02-28T23:00:00.000Z', '2025-03-31T22:00:00.000Z']);
    const oneDay = readFeedbackFilter({ period: 'custom', from: '2025-03-01', to: '2025-03-01' }, now, 'UTC').window;
    expect([iso(oneDay?.start), iso(oneDay?.end)]).toEqual(['2025-03-01T00:00:00.000Z', '2025-03-02T00:00:00.000Z']);
  });

  it('refuses incomplete or contradictory filters', () => {
    expect(errorsOf(() => readFeedbackFilter({ period: 'custom', from: '2025-03-02' }, now, 'UTC'))).toHaveProperty('to');
    expect(errorsOf(() => readFeedbackFilter({ period: 'custom', from: '2025-03-02', to: '2025-03-01' }, now, 'UTC'))).toHaveProperty('to');
    expect(errorsOf(() => readFeedbackFilter({ period: 'week', from: '2025-03-02' }, now, 'UTC'))).toHaveProperty('from');
    expect(errorsOf(() => readFeedbackFilter({ period: 'fortnight' }, now, 'UTC'))).toHaveProperty('period');
    expect(errorsOf(() => readFeedbackFilter({ date: '2025-03-01' }, now, 'UTC'))).toHaveProperty('date');
    expect(errorsOf(() => readFeedbackFilter({ period: 'day', date: '2025-13-01' }, now, 'UTC'))).toHaveProperty('date');
  });
});
