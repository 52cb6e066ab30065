import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * B2B account sections (C9-C15). Every table carries tenant_id and every index leads with it.
 * Items of a customer reference the customer row ON DELETE CASCADE, but a deleted customer
 * keeps its (anonymised) row, so erasure deletes these rows itself (account-erasure.ts).
 *
 * Exactly one primary location / contact per customer that has any: a partial unique index
 * allows at most one, and a deferred constraint trigger checks at commit that a customer with
 * items has one. The services also serialise these changes per customer (row lock), so
 * concurrent requests queue instead of failing on the index.
 */
export class CreateAccountSections1700000006100 implements MigrationInterface {
  name = 'CreateAccountSections1700000006100';

  async up(q: QueryRunner): Promise<void> {
    // ---- C9 notes
    await q.query(`
      CREATE TABLE note_types (
        tenant_id  text NOT NULL,
        key        text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
        label      text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 100),
        position   integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT note_types_pkey PRIMARY KEY (tenant_id, key)
      )`);
    await q.query(`CREATE INDEX note_types_order ON note_types (tenant_id, position, key)`);
    await q.query(`
      CREATE TABLE customer_notes (
        tenant_id       text NOT NULL,
        id              uuid NOT NULL,
        seq             bigint GENERATED ALWAYS AS IDENTITY,
        customer_id     uuid NOT NULL,
        type            text NOT NULL,
        season          text CHECK (char_length(season) BETWEEN 1 AND 32),
        year            integer CHECK (year BETWEEN 1900 AND 2999),
        call_status     text CHECK (call_status IN ('not_called', 'no_answer', 'left_message', 'call_back', 'reached', 'not_interested')),
        text            text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 10000),
        author_type     text NOT NULL,
        author_id       text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        updated_by_type text,
        updated_by_id   text,
        CONSTRAINT customer_notes_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT customer_notes_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT customer_notes_type_fk FOREIGN KEY (tenant_id, type) REFERENCES note_types (tenant_id, key) ON UPDATE CASCADE
      )`);
    await q.query(`CREATE INDEX customer_notes_list ON customer_notes (tenant_id, customer_id, seq DESC)`);
    await q.query(`CREATE INDEX customer_notes_by_season ON customer_notes (tenant_id, customer_id, year, season, seq DESC)`);
    await q.query(`CREATE INDEX customer_notes_by_type ON customer_notes (tenant_id, customer_id, type, seq DESC)`);
    // The note-type foreign key (and "is this type in use") looks notes up by type.
    await q.query(`CREATE INDEX customer_notes_type ON customer_notes (tenant_id, type)`);

    // ---- C10 tasks
    await q.query(`
      CREATE TABLE customer_tasks (
        tenant_id         text NOT NULL,
        id                uuid NOT NULL,
        customer_id       uuid NOT NULL,
        category          text NOT NULL CHECK (char_length(category) BETWEEN 1 AND 64),
        assignee          text CHECK (char_length(assignee) BETWEEN 1 AND 128),
        due_date          date NOT NULL,
        description       text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 4000),
        status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        completed_at      timestamptz,
        completed_by_type text,
        completed_by_id   text,
        created_by_type   text NOT NULL,
        created_by_id     text NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_tasks_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT customer_tasks_done CHECK ((status = 'done') = (completed_at IS NOT NULL)),
        CONSTRAINT customer_tasks_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX customer_tasks_list ON customer_tasks (tenant_id, customer_id, due_date, id)`);
    await q.query(`CREATE INDEX customer_tasks_by_status ON customer_tasks (tenant_id, customer_id, status, due_date, id)`);
    // Tenant-wide task lists ("my open tasks", everything due).
    await q.query(`CREATE INDEX customer_tasks_by_assignee ON customer_tasks (tenant_id, assignee, status, due_date, id) WHERE assignee IS NOT NULL`);
    await q.query(`CREATE INDEX customer_tasks_tenant ON customer_tasks (tenant_id, status, due_date, id)`);

    // ---- C11 appointments
    await q.query(`
      CREATE TABLE customer_appointments (
        tenant_id       text NOT NULL,
        id              uuid NOT NULL,
        customer_id     uuid NOT NULL,
        type            text NOT NULL CHECK (char_length(type) BETWEEN 1 AND 64),
        season          text CHECK (char_length(season) BETWEEN 1 AND 32),
        year            integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
        starts_at       timestamptz NOT NULL,
        ends_at         timestamptz,
        notes           text CHECK (char_length(notes) BETWEEN 1 AND 4000),
        created_by_type text NOT NULL,
        created_by_id   text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_appointments_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT customer_appointments_ends_after_start CHECK (ends_at IS NULL OR ends_at > starts_at),
        CONSTRAINT customer_appointments_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX customer_appointments_list ON customer_appointments (tenant_id, customer_id, starts_at DESC, id DESC)`);
    await q.query(`CREATE INDEX customer_appointments_by_season ON customer_appointments (tenant_id, customer_id, year, season, starts_at DESC, id DESC)`);
    await q.query(`CREATE INDEX customer_appointments_by_type ON customer_appointments (tenant_id, customer_id, type, starts_at DESC, id DESC)`);

    // ---- C12 locations, C13 contacts: exactly one primary
    await q.query(`
      CREATE TABLE customer_locations (
        tenant_id   text NOT NULL,
        id          uuid NOT NULL,
        seq         bigint GENERATED ALWAYS AS IDENTITY,
        customer_id uuid NOT NULL,
        name        text CHECK (char_length(name) BETWEEN 1 AND 100),
        line1       text NOT NULL CHECK (char_length(line1) BETWEEN 1 AND 200),
        line2       text CHECK (char_length(line2) BETWEEN 1 AND 200),
        postal_code text CHECK (char_length(postal_code) BETWEEN 1 AND 20),
        city        text NOT NULL CHECK (char_length(city) BETWEEN 1 AND 100),
        region      text CHECK (char_length(region) BETWEEN 1 AND 100),
        country     text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        is_primary  boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_locations_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT customer_locations_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX customer_locations_list ON customer_locations (tenant_id, customer_id, is_primary DESC, seq)`);
    await q.query(`CREATE UNIQUE INDEX customer_locations_one_primary ON customer_locations (tenant_id, customer_id) WHERE is_primary`);

    await q.query(`
      CREATE TABLE customer_contacts (
        tenant_id        text NOT NULL,
        id               uuid NOT NULL,
        seq              bigint GENERATED ALWAYS AS IDENTITY,
        customer_id      uuid NOT NULL,
        name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        title            text CHECK (char_length(title) BETWEEN 1 AND 100),
        email            text CHECK (email = lower(email) AND char_length(email) <= 254),
        phone            text CHECK (phone ~ '^\\+[1-9][0-9]{3,14}$'),
        phone_type       text CHECK (phone_type IN ('mobile', 'landline', 'unknown')),
        email_status     text NOT NULL DEFAULT 'unverified' CHECK (email_status IN ('valid', 'invalid', 'unverified', 'bounced')),
        email_consent    text NOT NULL DEFAULT 'not_captured' CHECK (email_consent IN ('given', 'revoked', 'not_captured')),
        email_consent_at timestamptz,
        is_primary       boolean NOT NULL DEFAULT false,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_contacts_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT customer_contacts_phone_type CHECK ((phone IS NULL) = (phone_type IS NULL)),
        CONSTRAINT customer_contacts_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX customer_contacts_list ON customer_contacts (tenant_id, customer_id, is_primary DESC, seq)`);
    await q.query(`CREATE UNIQUE INDEX customer_contacts_one_primary ON customer_contacts (tenant_id, customer_id) WHERE is_primary`);
    // Contacts by address (e.g. a bounce or an unsubscribe for an address).
    await q.query(`CREATE INDEX customer_contacts_email ON customer_contacts (tenant_id, email) WHERE email IS NOT NULL`);

    await q.query(`
      CREATE FUNCTION account_items_require_primary() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        row_ record := coalesce(NEW, OLD);
        total bigint;
        primaries bigint;
      BEGIN
        EXECUTE format('SELECT count(*), count(*) FILTER (WHERE is_primary) FROM %I WHERE tenant_id = $1 AND customer_id = $2', TG_TABLE_NAME)
          INTO total, primaries USING row_.tenant_id, row_.customer_id;
        IF total > 0 AND primaries <> 1 THEN
          RAISE EXCEPTION '% of customer % have % primary rows, exactly one is required', TG_TABLE_NAME, row_.customer_id, primaries
            USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_exactly_one_primary';
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['customer_locations', 'customer_contacts']) {
      await q.query(`
        CREATE CONSTRAINT TRIGGER ${table}_exactly_one_primary AFTER INSERT OR UPDATE OR DELETE ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION account_items_require_primary()`);
    }

    // ---- C14 attachments: content in chunks of at most a few hundred KB (NATS carries one per message)
    await q.query(`
      CREATE TABLE customer_attachments (
        tenant_id         text NOT NULL,
        id                uuid NOT NULL,
        seq               bigint GENERATED ALWAYS AS IDENTITY,
        customer_id       uuid NOT NULL,
        file_name         text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
        content_type      text NOT NULL CHECK (char_length(content_type) BETWEEN 3 AND 255),
        status            text NOT NULL CHECK (status IN ('uploading', 'ready')),
        size_bytes        bigint NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
        max_bytes         bigint NOT NULL CHECK (max_bytes > 0),
        chunk_count       integer NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
        sha256            text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        uploaded_by_type  text NOT NULL,
        uploaded_by_id    text NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_attachments_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT customer_attachments_within_limit CHECK (size_bytes <= max_bytes),
        CONSTRAINT customer_attachments_ready CHECK (status = 'uploading' OR (sha256 IS NOT NULL AND size_bytes > 0)),
        CONSTRAINT customer_attachments_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX customer_attachments_list ON customer_attachments (tenant_id, customer_id, seq DESC) WHERE status = 'ready'`);
    await q.query(`CREATE INDEX customer_attachments_uploading ON customer_attachments (tenant_id, created_at) WHERE status = 'uploading'`);
    await q.query(`
      CREATE TABLE customer_attachment_chunks (
        tenant_id     text NOT NULL,
        attachment_id uuid NOT NULL,
        index         integer NOT NULL CHECK (index >= 0),
        data          bytea NOT NULL,
        CONSTRAINT customer_attachment_chunks_pkey PRIMARY KEY (tenant_id, attachment_id, index),
        CONSTRAINT customer_attachment_chunks_attachment_fk FOREIGN KEY (tenant_id, attachment_id)
          REFERENCES customer_attachments (tenant_id, id) ON DELETE CASCADE
      )`);
    // Files are mostly compressed already (PDF, JPEG, Office): store out of line without trying to compress.
    await q.query(`ALTER TABLE customer_attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL`);

    // ---- C15 brands and commission (rates in basis points: 1250 = 12.50 %)
    await q.query(`
      CREATE TABLE brands (
        tenant_id        text NOT NULL,
        id               uuid NOT NULL,
        name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        default_rate_bps integer NOT NULL CHECK (default_rate_bps BETWEEN 0 AND 10000),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT brands_pkey PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX brands_name_unique ON brands (tenant_id, lower(name))`);
    await q.query(`CREATE INDEX brands_by_name ON brands (tenant_id, lower(name), id)`);

    await q.query(`
      CREATE TABLE sales_reps (
        tenant_id        text NOT NULL,
        id               uuid NOT NULL,
        name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        email            text CHECK (email = lower(email) AND char_length(email) <= 254),
        user_id          text CHECK (char_length(user_id) BETWEEN 1 AND 128),
        default_rate_bps integer CHECK (default_rate_bps BETWEEN 0 AND 10000),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sales_reps_pkey PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX sales_reps_user_unique ON sales_reps (tenant_id, user_id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX sales_reps_by_name ON sales_reps (tenant_id, lower(name), id)`);
    await q.query(`
      CREATE TABLE sales_rep_brand_rates (
        tenant_id    text NOT NULL,
        sales_rep_id uuid NOT NULL,
        brand_id     uuid NOT NULL,
        rate_bps     integer NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
        CONSTRAINT sales_rep_brand_rates_pkey PRIMARY KEY (tenant_id, sales_rep_id, brand_id),
        CONSTRAINT sales_rep_brand_rates_rep_fk FOREIGN KEY (tenant_id, sales_rep_id) REFERENCES sales_reps (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT sales_rep_brand_rates_brand_fk FOREIGN KEY (tenant_id, brand_id) REFERENCES brands (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX sales_rep_brand_rates_brand ON sales_rep_brand_rates (tenant_id, brand_id)`);

    // A customer's sales rep (one per account).
    await q.query(`
      CREATE TABLE account_sales_reps (
        tenant_id    text NOT NULL,
        customer_id  uuid NOT NULL,
        sales_rep_id uuid NOT NULL,
        assigned_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT account_sales_reps_pkey PRIMARY KEY (tenant_id, customer_id),
        CONSTRAINT account_sales_reps_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT account_sales_reps_rep_fk FOREIGN KEY (tenant_id, sales_rep_id) REFERENCES sales_reps (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX account_sales_reps_rep ON account_sales_reps (tenant_id, sales_rep_id)`);

    await q.query(`
      CREATE TABLE customer_brands (
        tenant_id         text NOT NULL,
        customer_id       uuid NOT NULL,
        brand_id          uuid NOT NULL,
        status            text NOT NULL CHECK (status IN ('active', 'potential')),
        brand_customer_id text CHECK (char_length(brand_customer_id) BETWEEN 1 AND 100),
        rate_bps          integer CHECK (rate_bps BETWEEN 0 AND 10000),
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_brands_pkey PRIMARY KEY (tenant_id, customer_id, brand_id),
        CONSTRAINT customer_brands_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT customer_brands_brand_fk FOREIGN KEY (tenant_id, brand_id) REFERENCES brands (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX customer_brands_by_status ON customer_brands (tenant_id, customer_id, status)`);
    // The brand foreign key (and "is this brand in use") looks customers up by brand.
    await q.query(`CREATE INDEX customer_brands_brand ON customer_brands (tenant_id, brand_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'customer_brands',
      'account_sales_reps',
      'sales_rep_brand_rates',
      'sales_reps',
      'brands',
      'customer_attachment_chunks',
      'customer_attachments',
      'customer_contacts',
      'customer_locations',
      'customer_appointments',
      'customer_tasks',
      'customer_notes',
      'note_types',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION account_items_require_primary()`);
  }
}
