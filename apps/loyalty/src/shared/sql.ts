/** Small helpers for raw rows: Postgres bigint arrives as text, timestamps as Date. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
export const dateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));
export const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());
export const iso = (value: unknown): string => new Date(value as string).toISOString();

/** TypeORM answers an UPDATE or DELETE as `[rows, rowCount]`: the RETURNING rows. */
export const updatedRows = <T = Record<string, any>>(result: unknown): T[] => (result as [T[], number])[0];
