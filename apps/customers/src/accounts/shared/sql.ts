import type { EntityManager } from 'typeorm';

/**
 * The rows a statement returned. TypeORM answers UPDATE and DELETE with `[rows, rowCount]` and
 * everything else with the rows; this hides the difference (for `... RETURNING`).
 */
export async function rowsOf<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await em.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** The first row a statement returned, or null. */
export async function rowOf<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T | null> {
  return (await rowsOf<T>(em, sql, params))[0] ?? null;
}

/** The Postgres error code of a failed statement (e.g. 23503 foreign key violation). */
export function pgCode(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.driverError?.code ?? e?.code;
}
