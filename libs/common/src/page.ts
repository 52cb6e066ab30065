import { invalid, PAGE_DEFAULT_LIMIT, PAGE_MAX_LIMIT, PROFILE_TAB_DEFAULT_LIMIT, PROFILE_TAB_MAX_LIMIT, type Page } from '@app/contracts';
import type { Caller } from './caller';

/** The page size asked for: default 20, at most 100. */
export function pageLimit(value: unknown): number {
  if (value === undefined || value === null || value === '') return PAGE_DEFAULT_LIMIT;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw invalid({ limit: ['must be a whole number from 1 to 100'] });
  return Math.min(n, PAGE_MAX_LIMIT);
}

/** Items per tab in the aggregated profile: default 5, 1-20. */
export function profileTabLimit(value: unknown): number {
  if (value === undefined || value === null || value === '') return PROFILE_TAB_DEFAULT_LIMIT;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > PROFILE_TAB_MAX_LIMIT) {
    throw invalid({ tabLimit: [`must be a whole number from 1 to ${PROFILE_TAB_MAX_LIMIT}`] });
  }
  return n;
}

/** Which stored profile part (ProfileDocuments) a reader gets: staff or the customer's own portal, and the tab length. */
export const profilePartKey = (caller: Caller, customerId: string, tabLimit: number) => ({
  tenantId: caller.tenantId,
  customerId,
  variant: `${caller.actor.type === 'customer' ? 'portal' : 'staff'}:${tabLimit}`,
});

/** Every item of a cursor list, page after page in order: `page(cursor)` reads one page, the first with no cursor. */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

interface CursorBody {
  /** What the list is sorted by, so a cursor from another sort is refused. */
  s: string;
  /** The last item's sort value, as text. */
  v: string;
  /** The last item's id (tie breaker). */
  id: string;
}

export interface CursorPosition {
  value: string;
  id: string;
}

/** Opaque keyset cursor: base64url of the last item's sort value and id. */
export function encodeCursor(sort: string, position: CursorPosition): string {
  const body: CursorBody = { s: sort, v: position.value, id: position.id };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The position a cursor points after; a cursor that is malformed or from another sort is a 400 on `cursor`. */
export function decodeCursor(cursor: unknown, sort: string): CursorPosition | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  const bad = () => invalid({ cursor: ['is not a cursor from this list'] });
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!body || body.s !== sort || typeof body.v !== 'string' || typeof body.id !== 'string') throw bad();
  return { value: body.v, id: body.id };
}
