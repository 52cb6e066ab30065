import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The customer id that marks a change to tenant-wide data: every customer's document of the tenant is affected. */
export const TENANT_WIDE = '00000000-0000-0000-0000-000000000000';

/**
 * A service's stored profile parts (see ProfileDocuments) and the record of changes that make
 * them stale. Writers only ever insert a change row keyed by their own transaction id, so they
 * never wait for each other; a document names the snapshot it was read in, and it is stale as
 * soon as a change committed outside that snapshot exists for its customer or its tenant.
 */
export class CreateProfileDocuments1700000000500 implements MigrationInterface {
  name = 'CreateProfileDocuments1700000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE profile_documents (
        tenant_id   text NOT NULL,
        customer_id uuid NOT NULL,
        variant     text NOT NULL,
        snapshot    pg_snapshot NOT NULL,
        valid_until timestamptz,
        document    json NOT NULL,
        -- Names this stored document: a reader holding a copy asks whether it is still current.
        etag        uuid NOT NULL DEFAULT gen_random_uuid(),
        built_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, customer_id, variant)
      )`);
    await q.query(`
      CREATE TABLE profile_changes (
        tenant_id   text NOT NULL,
        customer_id uuid NOT NULL,
        xid         xid8 NOT NULL,
        PRIMARY KEY (tenant_id, customer_id, xid)
      )`);
    // Change rows older than the horizon have been folded away (ProfileDocuments.collect).
    await q.query(`
      CREATE TABLE profile_change_horizon (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        horizon   xid8 NOT NULL
      )`);
    await q.query(`INSERT INTO profile_change_horizon (horizon) VALUES ('0')`);
    // TG_ARGV[0]: a SELECT of (tenant_id, customer_id) pairs from the statement's rows, named "changed".
    await q.query(`
      CREATE FUNCTION profile_note_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE 'INSERT INTO profile_changes (tenant_id, customer_id, xid)
                 SELECT DISTINCT s.tenant_id, s.customer_id, pg_current_xact_id() FROM (' || TG_ARGV[0] || ') s (tenant_id, customer_id)
                  WHERE s.tenant_id IS NOT NULL AND s.customer_id IS NOT NULL
                 ON CONFLICT DO NOTHING';
        RETURN NULL;
      END $$`);
    // Row by row, for tenant-wide tables where only some columns matter (transition tables cannot name columns).
    await q.query(`
      CREATE FUNCTION profile_note_tenant_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO profile_changes (tenant_id, customer_id, xid)
        VALUES (coalesce(NEW.tenant_id, OLD.tenant_id), '${TENANT_WIDE}', pg_current_xact_id()) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION profile_note_tenant_change()`);
    await q.query(`DROP FUNCTION profile_note_changes()`);
    await q.query(`DROP TABLE profile_change_horizon`);
    await q.query(`DROP TABLE profile_changes`);
    await q.query(`DROP TABLE profile_documents`);
  }
}

/**
 * The triggers that record, for every statement that writes `table`, whose profile it changes.
 * `customers` selects (tenant_id, customer_id) from the written rows, named `changed` (old rows
 * and new rows both: an update that moves a row from one customer to another changes both).
 * Use `customerColumns` or `tenantWide` for the common shapes.
 */
export function profileChangeTriggers(table: string, customers: string): string[] {
  const argument = `'${customers.replace(/'/g, "''")}'`;
  const trigger = (name: string, event: string, rows: 'OLD' | 'NEW') =>
    `CREATE TRIGGER ${name} AFTER ${event} ON ${table} REFERENCING ${rows} TABLE AS changed
       FOR EACH STATEMENT EXECUTE FUNCTION profile_note_changes(${argument})`;
  return [
    trigger('profile_changes_insert', 'INSERT', 'NEW'),
    trigger('profile_changes_update_new', 'UPDATE', 'NEW'),
    trigger('profile_changes_update_old', 'UPDATE', 'OLD'),
    trigger('profile_changes_delete', 'DELETE', 'OLD'),
  ];
}

/** The rows' own customer columns (rows of a table keyed by tenant_id). */
export const customerColumns = (...columns: string[]): string => columns.map((column) => `SELECT tenant_id, ${column} FROM changed`).join(' UNION ALL ');

/** Any write to the table changes every profile of the tenant. */
export const tenantWide = `SELECT DISTINCT tenant_id, '${TENANT_WIDE}'::uuid FROM changed`;

/** A row trigger for a tenant-wide table of which only `columns` show in profiles (e.g. a title, not a seat count). */
export const tenantWideColumnsTrigger = (table: string, columns: string[]): string[] => [
  `CREATE TRIGGER profile_changes_tenant_columns AFTER UPDATE OF ${columns.join(', ')} ON ${table}
     FOR EACH ROW EXECUTE FUNCTION profile_note_tenant_change()`,
  `CREATE TRIGGER profile_changes_tenant_rows AFTER INSERT OR DELETE ON ${table}
     FOR EACH ROW EXECUTE FUNCTION profile_note_tenant_change()`,
];

/**
 * A service migration's up and down for its profile change triggers: `tables` maps each table
 * to the customers a write to it changes (profileChangeTriggers), `columns` each tenant-wide
 * table to the columns of it that profiles show (tenantWideColumnsTrigger).
 */
export function profileChangesMigration(tables: Record<string, string>, columns: Record<string, string[]> = {}): Pick<MigrationInterface, 'up' | 'down'> {
  return {
    async up(q: QueryRunner) {
      for (const [table, customers] of Object.entries(tables)) {
        for (const statement of profileChangeTriggers(table, customers)) await q.query(statement);
      }
      for (const [table, shown] of Object.entries(columns)) {
        for (const statement of tenantWideColumnsTrigger(table, shown)) await q.query(statement);
      }
    },
    async down(q: QueryRunner) {
      const drop = (table: string, names: string[]) => Promise.all(names.map((name) => q.query(`DROP TRIGGER profile_changes_${name} ON ${table}`)));
      for (const table of Object.keys(tables)) await drop(table, ['insert', 'update_new', 'update_old', 'delete']);
      for (const table of Object.keys(columns)) await drop(table, ['tenant_columns', 'tenant_rows']);
    },
  };
}
