import { invalid, type Page } from '@app/contracts';
import { decodeCursor, encodeCursor, pageLimit, type CursorPosition } from '@app/common';

/**
 * Keyset pagination of the B2B lists. A list is read with `limit + 1` rows in a stable order
 * (its sort value, then id); the extra row tells whether another page follows, and the last
 * row of the page is where the next one starts.
 */
export interface PageRequest {
  limit: number;
  after: CursorPosition | null;
}

/** The page size and the position a cursor points after (400 on a cursor of another list). */
export function pageRequest(query: Record<string, unknown>, sort: string, valueIs: 'integer' | 'date' | 'text' = 'text'): PageRequest {
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, sort);
  if (after) {
    const ok = valueIs === 'integer' ? /^\d{1,19}$/.test(after.value) : valueIs === 'date' ? !Number.isNaN(Date.parse(after.value)) : true;
    if (!ok || !/^[0-9a-f-]{36}$/i.test(after.id)) throw invalid({ cursor: ['is not a cursor from this list'] });
  }
  return { limit, after };
}

/** The first `limit` rows as views, and the cursor after the last when more rows follow. */
export function pageOf<R, V>(rows: R[], request: PageRequest, sort: string, position: (row: R) => CursorPosition, view: (row: R) => V): Page<V> {
  const page = rows.slice(0, request.limit);
  const last = page[page.length - 1];
  return { items: page.map(view), nextCursor: rows.length > request.limit ? encodeCursor(sort, position(last)) : null };
}
