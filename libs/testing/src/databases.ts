import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const postgresBaseUrl = () => process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';

export const runSuffix = () => randomBytes(4).toString('hex');

/** A database URL whose name says test, unique to this run; the service creates it at start. */
export function testDatabaseUrl(service: string, suffix: string): string {
  const url = new URL(postgresBaseUrl());
  url.pathname = `/${service}_test_${suffix}`;
  return url.toString();
}

export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  if (!name.includes('_test_')) throw new Error(`Refusing to drop ${name}: not a test database`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs one query against a service database (tests look at what a service stored). */
export async function query<T = Record<string, unknown>>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
