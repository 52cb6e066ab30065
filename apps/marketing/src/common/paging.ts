import { decodeCursor, encodeCursor, pageLimit, type CursorPosition } from '@app/common';
import type { Page } from '@app/contracts';

/** Limit and position of a keyset page; a bad limit or a cursor of another list is a 400. */
export function pageRequest(query: Record<string, unknown> | undefined, sort: string): { limit: number; after: CursorPosition | null } {
  return { limit: pageLimit(query?.limit), after: decodeCursor(query?.cursor, sort) };
}

/**
 * Keyset queries over timestamps select the sort column as text (`created_at::text AS
 * cursor_at`) for the cursor: a JavaScript Date would drop the microseconds and repeat rows.
 *
 * The page from rows fetched with LIMIT limit + 1: the extra row only says that more follow,
 * and the cursor points after the last row shown.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows come untyped from SQL; each caller types them in its callbacks
export function toPage<T>(rows: any[], limit: number, sort: string, position: (row: any) => CursorPosition, view: (row: any) => T): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: shown.map(view), nextCursor: rows.length > limit && last ? encodeCursor(sort, position(last)) : null };
}

export const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
export const isoNow = (d: Date | string): string => new Date(d).toISOString();
