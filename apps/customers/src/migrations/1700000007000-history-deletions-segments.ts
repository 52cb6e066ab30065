import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history timeline (C16), built from every service's events; the audit of deletions (C18),
 * which names no one; and the customers' segment membership from marketing (C17 segmentId filter).
 */
export class CreateHistoryDeletionsSegments1700000007000 implements MigrationInterface {
  name = 'CreateHistoryDeletionsSegments1700000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_history (
        tenant_id       text NOT NULL,
        id              uuid NOT NULL,
        customer_id     uuid NOT NULL,
        at              timestamptz NOT NULL,
        category        text NOT NULL,
        type            text NOT NULL,
        name            text NOT NULL,
        description     text NOT NULL,
        actor           jsonb NOT NULL,
        data            jsonb NOT NULL DEFAULT '{}',
        source_event_id uuid NOT NULL,
        CONSTRAINT customer_history_pkey PRIMARY KEY (tenant_id, id)
      )`);
    // One event may concern several customers, and several rows of one customer (a batch of web events).
    await q.query(`CREATE INDEX customer_history_timeline ON customer_history (tenant_id, customer_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX customer_history_category ON customer_history (tenant_id, customer_id, category, at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE customer_deletions (
        tenant_id    text NOT NULL,
        customer_id  uuid NOT NULL,
        requested_at timestamptz NOT NULL,
        requested_by jsonb NOT NULL,
        erased       jsonb NOT NULL DEFAULT '{}',
        completed_at timestamptz,
        CONSTRAINT customer_deletions_pkey PRIMARY KEY (tenant_id, customer_id)
      )`);
    await q.query(`CREATE INDEX customer_deletions_open ON customer_deletions (tenant_id, requested_at) WHERE completed_at IS NULL`);

    await q.query(`
      CREATE TABLE customer_segment_members (
        tenant_id    text NOT NULL,
        segment_id   uuid NOT NULL,
        customer_id  uuid NOT NULL,
        segment_name text NOT NULL,
        CONSTRAINT customer_segment_members_pkey PRIMARY KEY (tenant_id, segment_id, customer_id)
      )`);
    await q.query(`CREATE INDEX customer_segment_members_customer ON customer_segment_members (tenant_id, customer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_segment_members`);
    await q.query(`DROP TABLE customer_deletions`);
    await q.query(`DROP TABLE customer_history`);
  }
}
