import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomerRefs1700000000100 implements MigrationInterface {
  name = 'CreateCustomerRefs1700000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_refs (
        tenant_id         text NOT NULL,
        customer_id       uuid NOT NULL,
        email             text,
        first_name        text,
        last_name         text,
        source_updated_at timestamptz NOT NULL,
        deleted_at        timestamptz,
        PRIMARY KEY (tenant_id, customer_id)
      )`);
    await q.query(`CREATE INDEX customer_refs_email ON customer_refs (tenant_id, email)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_refs`);
  }
}

/** Every address of a known customer (primary and others), so a service can find a customer by any of them. */
export class CreateCustomerRefEmails1700000000300 implements MigrationInterface {
  name = 'CreateCustomerRefEmails1700000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_ref_emails (
        tenant_id   text NOT NULL,
        email       text NOT NULL,
        customer_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, email)
      )`);
    await q.query(`CREATE INDEX customer_ref_emails_customer ON customer_ref_emails (tenant_id, customer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_ref_emails`);
  }
}

/** The copy of the tenant's settings (libs/platform/src/tenant-settings); in customers, the settings themselves. */
export class CreateTenantSettings1700000000400 implements MigrationInterface {
  name = 'CreateTenantSettings1700000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_settings (
        tenant_id  text PRIMARY KEY,
        settings   jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tenant_settings`);
  }
}

/** The migrations of the projections every consuming service keeps: customer directory and tenant settings. */
export const projectionMigrations = [CreateCustomerRefs1700000000100, CreateCustomerRefEmails1700000000300, CreateTenantSettings1700000000400];
