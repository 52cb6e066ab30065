import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_WIDE } from '@app/contracts';

/** Customers named one by one in a statement's notice; beyond this the notice names the whole tenant (a notice holds 8000 bytes). */
export const FEED_CUSTOMERS_PER_NOTICE = 100;

/**
 * Announces every committed change row on the `profile_changes` channel (ProfileChangeFeed
 * listens): one notice per statement and tenant, `{"t": tenant, "c": [customer, …]}`. Postgres
 * delivers notices only when their transaction commits, in commit order, and never drops one
 * while the listener stays connected.
 */
export class CreateProfileChangeFeed1700000009000 implements MigrationInterface {
  name = 'CreateProfileChangeFeed1700000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION profile_changes_announce() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('profile_changes', json_build_object(
                  't', tenant_id,
                  'c', CASE WHEN count(DISTINCT customer_id) > ${FEED_CUSTOMERS_PER_NOTICE} THEN json_build_array('${TENANT_WIDE}')
                            ELSE json_agg(DISTINCT customer_id) END)::text)
           FROM new_rows GROUP BY tenant_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER profile_changes_announce AFTER INSERT ON profile_changes
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION profile_changes_announce()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER profile_changes_announce ON profile_changes`);
    await q.query(`DROP FUNCTION profile_changes_announce()`);
  }
}
