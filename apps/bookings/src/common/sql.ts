/** TypeORM answers an UPDATE or DELETE query with [rows, rowCount]; these read that answer. */
export type WriteResult = [Array<Record<string, any>>, number];
export const rowsOf = (result: WriteResult) => result[0];
export const countOf = (result: WriteResult) => result[1];
