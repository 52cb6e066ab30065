import type { Page } from '@app/contracts';

/** Splits `limit + 1` rows into a page and the row the next cursor points after. */
export function pageOf<R, T>(rows: R[], limit: number, view: (row: R) => T, cursor: (last: R) => string): Page<T> {
  const page = rows.slice(0, limit);
  return { items: page.map(view), nextCursor: rows.length > limit ? cursor(page[page.length - 1]) : null };
}
