const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2024-02-30 is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Start of the given UTC day as an ISO timestamp. */
export const startOfDay = (date: string): string => `${date}T00:00:00.000Z`;

/** Start of the UTC day after the given one, for an inclusive "to" date. */
export function startOfNextDay(date: string): string {
  const d = new Date(startOfDay(date));
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
