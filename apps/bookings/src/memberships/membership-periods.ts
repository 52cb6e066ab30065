import { DateTime } from 'luxon';
import type { PlanPeriod } from '@app/contracts';

/**
 * A membership renews every plan period from its start: periods are [start + k periods,
 * start + (k+1) periods), counted in the tenant's zone and always from the start (so a
 * membership started on 31 January renews on 28/29 February, then 31 March).
 * Returns the end of the period that contains `at` (the first period's end before the start).
 */
export function periodEndAt(startedAt: Date, period: PlanPeriod, at: Date, timeZone: string): Date {
  const start = DateTime.fromJSDate(startedAt, { zone: timeZone });
  const unit = `${period}s` as const;
  const nth = (k: number) => start.plus({ [unit]: k });
  const elapsed = Math.max(0, Math.floor(DateTime.fromJSDate(at, { zone: timeZone }).diff(start, unit).get(unit)));
  // diff() is exact for weeks and close for months/years; step to the right period.
  let k = elapsed + 1;
  while (k > 1 && nth(k - 1).toMillis() > at.getTime()) k--;
  while (nth(k).toMillis() <= at.getTime()) k++;
  return nth(k).toJSDate();
}
