import { invalid, type CustomerSort } from '@app/contracts';
import { isUuid, type CursorPosition, isValidEmail } from '@app/common';


/**
 * The customer list (C17) as one SQL statement, built by pure code: filters, search and a
 * keyset condition, ordered by the sort column and id (a stable order, so pages never repeat
 * or skip a row). It returns ids and the last sort value as text; the caller loads the rows.
 */
export interface ListFilter {
  q?: string;
  tag?: string;
  groupId?: string;
  segmentId?: string;
  hasUpcomingBooking?: boolean;
  /** ISO timestamps: first_seen_at >= from, first_seen_at < to. */
  firstSeenFrom?: string;
  firstSeenTo?: string;
  sort: CustomerSort;
  after: CursorPosition | null;
  limit: number;
  defaultPhoneCountry: string;
}

interface SortColumn {
  column: string;
  /** The column as text with full precision, for the cursor. */
  asText: string;
  cast: 'text' | 'timestamptz';
}

const utcText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const SORT_COLUMNS: Record<string, SortColumn> = {
  name: { column: 'c.sort_name', asText: 'c.sort_name', cast: 'text' },
  registeredAt: { column: 'c.registered_at', asText: utcText('c.registered_at'), cast: 'timestamptz' },
  firstSeenAt: { column: 'c.first_seen_at', asText: utcText('c.first_seen_at'), cast: 'timestamptz' },
};

/** Escapes LIKE wildcards so a search for "50%" means the characters. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * The search condition on customers `c`. A full email address goes to the (tenant_id, address)
 * key; a phone-like term matches phone digits (a national "0151 …" without its trunk zeros, as
 * numbers are kept in E.164); otherwise every word must occur in the customer's search text
 * (names and email addresses), as a prefix or anywhere.
 */
export function searchCondition(q: string, param: (value: unknown) => string): string | null {
  const term = q.trim().toLowerCase().replace(/\s+/g, ' ');
  if (term === '') return null;
  if (isValidEmail(term)) {
    return `c.id IN (SELECT customer_id FROM customer_emails WHERE tenant_id = $1 AND address = ${param(term)})`;
  }
  const digits = term.replace(/\D/g, '');
  if (/^[+\d\s().\/-]+$/.test(term) && digits.length >= 3) {
    const core = digits.replace(/^0+/, '') || digits;
    return `c.search_text LIKE ${param(`%${core}%`)}`;
  }
  return term
    .split(' ')
    .map((word) => `c.search_text LIKE ${param(`%${likeEscape(word)}%`)}`)
    .join(' AND ');
}

export function buildListQuery(tenantId: string, filter: ListFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [tenantId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const descending = filter.sort.startsWith('-');
  const sort = SORT_COLUMNS[filter.sort.replace(/^-/, '')];
  const where = ['c.tenant_id = $1', 'c.deleted_at IS NULL'];

  if (filter.tag !== undefined) {
    where.push(`c.id IN (SELECT customer_id FROM customer_tags WHERE tenant_id = $1 AND tag = ${param(filter.tag)})`);
  }
  if (filter.groupId !== undefined) {
    where.push(`c.id IN (SELECT customer_id FROM customer_group_members WHERE tenant_id = $1 AND group_id = ${param(filter.groupId)}::uuid)`);
  }
  if (filter.segmentId !== undefined) {
    where.push(`c.id IN (SELECT customer_id FROM customer_segment_members WHERE tenant_id = $1 AND segment_id = ${param(filter.segmentId)}::uuid)`);
  }
  if (filter.hasUpcomingBooking !== undefined) {
    const upcoming = `EXISTS (SELECT 1 FROM customer_booked_entries b WHERE b.tenant_id = $1 AND b.customer_id = c.id AND b.starts_at > now())`;
    where.push(filter.hasUpcomingBooking ? upcoming : `NOT ${upcoming}`);
  }
  if (filter.firstSeenFrom) where.push(`c.first_seen_at >= ${param(filter.firstSeenFrom)}::timestamptz`);
  if (filter.firstSeenTo) where.push(`c.first_seen_at < ${param(filter.firstSeenTo)}::timestamptz`);
  if (filter.q) {
    const condition = searchCondition(filter.q, param);
    if (condition) where.push(condition);
  }
  if (filter.after) {
    const { value, id } = filter.after;
    const badCursor = sort.cast === 'timestamptz' && Number.isNaN(Date.parse(value));
    if (badCursor || !isUuid(id)) throw invalid({ cursor: ['is not a cursor from this list'] });
    where.push(`(${sort.column}, c.id) ${descending ? '<' : '>'} (${param(value)}::${sort.cast}, ${param(id)}::uuid)`);
  }
  const direction = descending ? 'DESC' : 'ASC';
  const sql =
    `SELECT c.id, ${sort.asText} AS cursor_value FROM customers c WHERE ${where.join(' AND ')} ` +
    `ORDER BY ${sort.column} ${direction}, c.id ${direction} LIMIT ${param(filter.limit + 1)}`;
  return { sql, params };
}
