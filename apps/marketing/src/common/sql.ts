import type { DataSource, EntityManager } from 'typeorm';

/**
 * The rows of an UPDATE or DELETE … RETURNING (also inside WITH). TypeORM's postgres driver
 * answers those statements as `[rows, rowCount]` instead of the rows, unlike SELECT and INSERT.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows come untyped from SQL
export async function modifiedRows<T = any>(db: EntityManager | DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const result = await db.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
