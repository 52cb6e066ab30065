import { DateTime } from 'luxon';

export type PeriodUnit = 'day' | 'week' | 'month' | 'year';
export const PERIOD_UNITS: readonly PeriodUnit[] = ['day', 'week', 'month', 'year'];

export interface Period {
  /** First instant of the period (inclusive). */
  start: Date;
  /** First instant of the next period (exclusive). */
  end: Date;
}

/** Whether `zone` is an IANA time zone name this runtime knows (e.g. "Europe/Berlin", "UTC"). */
export function isTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length > 0 && zone.length <= 64 && DateTime.local().setZone(zone).isValid;
}

/**
 * The calendar period of `unit` that contains `at`, in the wall-clock time of `timeZone`:
 * days start at local midnight, weeks on Monday (ISO), months on the 1st, years on 1 January.
 * Daylight-saving changes are handled by the zone rules (a day may last 23 or 25 hours).
 */
export function periodContaining(at: Date, unit: PeriodUnit, timeZone: string): Period {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) throw new Error(`Unknown time zone "${timeZone}"`);
  const start = local.startOf(unit);
  return { start: start.toJSDate(), end: start.plus({ [`${unit}s`]: 1 }).toJSDate() };
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}

/** The first instant of a local calendar date (YYYY-MM-DD) in a time zone. */
export function startOfLocalDate(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toJSDate();
}
