import { invalid, type FeedbackPeriod } from '@app/contracts';
import { localDate, periodContaining, startOfLocalDate, type Period } from '@app/common';
import { DateTime } from 'luxon';
import { InputReader } from '../shared/input-reader';

export const MAX_FEEDBACK_COMMENT = 2000;
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export interface CreateFeedbackCommand {
  customerId: string;
  rating: number;
  comment: string | null;
  at: Date;
}

/** A rating 1-5 (whole), an optional comment (blank = none), optionally when it was given (not in the future). */
export function readCreateFeedback(input: Record<string, unknown>, now: Date): CreateFeedbackCommand {
  const r = new InputReader(input);
  r.allowOnly(['customerId', 'rating', 'comment', 'at']);
  const customerId = r.uuid('customerId', { required: true });
  const rating = r.int('rating', { required: true, min: 1, max: 5 });
  const comment = r.text('comment', { max: MAX_FEEDBACK_COMMENT, emptyAsAbsent: true }) ?? null;
  const at = r.timestamp('at') ?? now;
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) r.fail('at', 'must not be in the future');
  r.done();
  if (!customerId || !rating) throw invalid(r.errors);
  return { customerId, rating, comment, at };
}

export interface FeedbackFilter {
  /** [start, end) in UTC instants, or null for all time. */
  window: Period | null;
  withComments: boolean;
}

/**
 * The feedback tab's filter (L8), in the tenant's time zone: `period` day, week (Monday first),
 * month or year containing `date` (a local date, default today), or `custom` from `from` to `to`
 * (local dates, both inclusive); `withComments` keeps only feedback with a comment.
 */
export function readFeedbackFilter(query: Record<string, unknown>, now: Date, timeZone: string): FeedbackFilter {
  const r = new InputReader(query);
  const period = r.oneOf('period', ['day', 'week', 'month', 'year', 'custom'] as const) as FeedbackPeriod | undefined;
  const date = r.date('date');
  const from = r.date('from');
  const to = r.date('to');
  const withComments = r.bool('withComments') ?? false;
  if (period !== 'custom') {
    if (from) r.fail('from', 'is only for period=custom');
    if (to) r.fail('to', 'is only for period=custom');
  } else {
    if (!r.has('from')) r.fail('from', 'is required for period=custom');
    if (!r.has('to')) r.fail('to', 'is required for period=custom');
    if (date) r.fail('date', 'is not for period=custom');
    if (from && to && from > to) r.fail('to', 'must not be before from');
  }
  if (!period && date) r.fail('date', 'needs a period');
  r.done();
  let window: Period | null = null;
  if (period === 'custom') {
    window = {
      start: startOfLocalDate(from!, timeZone),
      end: DateTime.fromISO(to!, { zone: timeZone }).plus({ days: 1 }).startOf('day').toJSDate(),
    };
  } else if (period) {
    const day = date ?? localDate(now, timeZone);
    window = periodContaining(startOfLocalDate(day, timeZone), period, timeZone);
  }
  return { window, withComments };
}
