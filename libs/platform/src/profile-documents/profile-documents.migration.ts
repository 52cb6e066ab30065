import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_WIDE } from '@app/contracts';

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
    await q.query(`DROP TABLE profile_change_horizon`);
    await q.query(`DROP TABLE profile_changes`);
    await q.query(`DROP TABLE profile_documents`);
  }
}

/** Selects (tenant_id, customer_id) pairs, the customers whose profile the rows of the relation named `rows` show in. */
export type CustomersOfRows = (rows: string) => string;

/**
 * The function and triggers that record, for every statement that writes `table`, whose
 * profile it changes: the customers `customersOf` selects from the written rows (old and new:
 * an update that moves a row from one customer to another changes both). Static SQL in a
 * function of the table's own, so Postgres plans it once per session (dynamic SQL cost six
 * times as much per statement). Use `customerColumns` or `tenantWide` for the common shapes.
 */
export function profileChangeTriggers(table: string, customersOf: CustomersOfRows): string[] {
  const note = (select: string) => `INSERT INTO profile_changes (tenant_id, customer_id, xid)
      SELECT DISTINCT s.tenant_id, s.customer_id, pg_current_xact_id() FROM (${select}) s (tenant_id, customer_id)
       WHERE s.tenant_id IS NOT NULL AND s.customer_id IS NOT NULL
      ON CONFLICT DO NOTHING;`;
  const fn = `profile_changes_of_${table}`;
  return [
    `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'INSERT' THEN
         ${note(customersOf('new_rows'))}
       ELSIF TG_OP = 'UPDATE' THEN
         ${note(`${customersOf('new_rows')} UNION ALL ${customersOf('old_rows')}`)}
       ELSE
         ${note(customersOf('old_rows'))}
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER profile_changes_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER profile_changes_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER profile_changes_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  ];
}

/** The rows' own customer columns (rows of a table keyed by tenant_id). */
export const customerColumns =
  (...columns: string[]): CustomersOfRows =>
  (rows) =>
    columns.map((column) => `SELECT tenant_id, ${column} FROM ${rows}`).join(' UNION ALL ');

/** The customers named by another table's row that the rows refer to: `table`'s `customerColumn` where its `key` is the row's `column`. */
export const customersVia =
  (table: string, key: string, column: string, customerColumn = 'customer_id'): CustomersOfRows =>
  (rows) =>
    `SELECT p.tenant_id, p.${customerColumn} FROM ${rows} r JOIN ${table} p ON p.tenant_id = r.tenant_id AND p.${key} = r.${column}`;

/** The customers any of `selections` selects. */
export const allOf =
  (...selections: CustomersOfRows[]): CustomersOfRows =>
  (rows) =>
    selections.map((select) => select(rows)).join(' UNION ALL ');

/** Any write to the table changes every profile of the tenant. */
export const tenantWide: CustomersOfRows = (rows) => `SELECT DISTINCT tenant_id, '${TENANT_WIDE}'::uuid FROM ${rows}`;

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
export function profileChangesMigration(tables: Record<string, CustomersOfRows>, columns: Record<string, string[]> = {}): Pick<MigrationInterface, 'up' | 'down'> {
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
      for (const table of Object.keys(tables)) {
        await drop(table, ['insert', 'update', 'delete']);
        await q.query(`DROP FUNCTION profile_changes_of_${table}()`);
      }
      for (const table of Object.keys(columns)) await drop(table, ['tenant_columns', 'tenant_rows']);
    },
  };
}
