/**
 * Framework-free helpers every service uses (no Nest, no TypeORM imports, so unit tests and
 * pure rule files can use them): the RPC caller envelope, pagination cursors, dates, Postgres
 * error codes.
 */
export * from './caller';
export * from './page';
export * from './dates';
export * from './pg-errors';
export * from './periods';
export * from './emails';
