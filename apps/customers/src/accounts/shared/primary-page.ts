/**
 * The page query of a primary-first list (locations, contacts): primary first, then oldest
 * first; `extra` are further conditions with their parameters appended by `param`.
 */
export function primaryFirstPage(
  table: string,
  tenantId: string,
  customerId: string,
  after: { primaryRank: number; seq: string } | null,
  limit: number,
  extra: (param: (value: unknown) => string) => string[] = () => [],
): { sql: string; params: unknown[] } {
  const params: unknown[] = [tenantId, customerId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ['tenant_id = $1', 'customer_id = $2', ...extra(param)];
  if (after) where.push(`((NOT is_primary)::int, seq) > (${param(after.primaryRank)}::int, ${param(after.seq)}::bigint)`);
  return { sql: `SELECT * FROM ${table} WHERE ${where.join(' AND ')} ORDER BY is_primary DESC, seq LIMIT ${param(limit + 1)}`, params };
}
