import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox and inbox tables every service has (see libs/platform/src/messaging). */
export class CreateOutboxAndInbox1700000000000 implements MigrationInterface {
  name = 'CreateOutboxAndInbox1700000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_events (
        seq          bigserial PRIMARY KEY,
        id           uuid NOT NULL UNIQUE,
        type         text NOT NULL,
        subject      text NOT NULL,
        tenant_id    text NOT NULL,
        envelope     jsonb NOT NULL,
        request_id   text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts     integer NOT NULL DEFAULT 0,
        last_error   text
      )`);
    await q.query(`CREATE INDEX outbox_events_unpublished ON outbox_events (seq) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX outbox_events_published_at ON outbox_events (published_at) WHERE published_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE inbox_events (
        consumer     text NOT NULL,
        event_id     uuid NOT NULL,
        type         text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_events`);
    await q.query(`DROP TABLE outbox_events`);
  }
}

/** Idempotency keys of value-moving requests (see libs/platform/src/idempotency). */
export class CreateIdempotencyKeys1700000000200 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1700000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        tenant_id    text NOT NULL,
        scope        text NOT NULL,
        key          text NOT NULL,
        request_hash text NOT NULL,
        response     jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, scope, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
