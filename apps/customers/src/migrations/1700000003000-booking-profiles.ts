import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the customers service learns from bookings: latest details (C5), known customers (C6),
 * and the facts the customer list filters on (group membership, upcoming bookings: C17).
 */
export class CreateBookingProfiles1700000003000 implements MigrationInterface {
  name = 'CreateBookingProfiles1700000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_latest_details (
        tenant_id      text NOT NULL,
        customer_id    uuid NOT NULL,
        booking_id     uuid NOT NULL,
        booked_at      timestamptz NOT NULL,
        schedule_entry jsonb NOT NULL,
        email          text,
        first_name     text,
        last_name      text,
        fields         jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT customer_latest_details_pkey PRIMARY KEY (tenant_id, customer_id),
        CONSTRAINT customer_latest_details_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE known_customers (
        tenant_id        text NOT NULL,
        lead_customer_id uuid NOT NULL,
        customer_id      uuid NOT NULL,
        first_booked_at  timestamptz NOT NULL,
        last_booked_at   timestamptz NOT NULL,
        bookings         integer NOT NULL DEFAULT 1,
        CONSTRAINT known_customers_pkey PRIMARY KEY (tenant_id, lead_customer_id, customer_id),
        CONSTRAINT known_customers_lead_fk FOREIGN KEY (tenant_id, lead_customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT known_customers_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX known_customers_list ON known_customers (tenant_id, lead_customer_id, last_booked_at DESC, customer_id DESC)`);
    await q.query(`CREATE INDEX known_customers_of ON known_customers (tenant_id, customer_id)`);
    await q.query(`
      CREATE TABLE customer_group_members (
        tenant_id   text NOT NULL,
        group_id    uuid NOT NULL,
        customer_id uuid NOT NULL,
        group_name  text NOT NULL,
        since       timestamptz NOT NULL,
        CONSTRAINT customer_group_members_pkey PRIMARY KEY (tenant_id, group_id, customer_id)
      )`);
    await q.query(`CREATE INDEX customer_group_members_customer ON customer_group_members (tenant_id, customer_id)`);
    await q.query(`
      CREATE TABLE customer_booked_entries (
        tenant_id   text NOT NULL,
        customer_id uuid NOT NULL,
        booking_id  uuid NOT NULL,
        starts_at   timestamptz NOT NULL,
        CONSTRAINT customer_booked_entries_pkey PRIMARY KEY (tenant_id, customer_id, booking_id)
      )`);
    await q.query(`CREATE INDEX customer_booked_entries_upcoming ON customer_booked_entries (tenant_id, customer_id, starts_at)`);
    await q.query(`CREATE INDEX customer_booked_entries_booking ON customer_booked_entries (tenant_id, booking_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_booked_entries`);
    await q.query(`DROP TABLE customer_group_members`);
    await q.query(`DROP TABLE known_customers`);
    await q.query(`DROP TABLE customer_latest_details`);
  }
}
