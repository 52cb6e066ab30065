import { Client } from 'pg';

/** Creates the service's database when it does not exist yet (safe when several replicas start at once). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Database name "${name}" must be letters, digits and underscores`);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } catch (e) {
        // 42P04 duplicate_database, 23505 unique_violation: another replica created it first.
        if (e.code !== '42P04' && e.code !== '23505') throw e;
      }
    }
  } finally {
    await admin.end();
  }
}
