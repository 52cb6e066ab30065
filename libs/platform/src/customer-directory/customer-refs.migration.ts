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
