import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customers schema. Every table carries tenant_id and every index leads with it.
 * Search (C17) uses one lower-cased `search_text` per customer (names, every email address,
 * phone digits), kept current by triggers, with a pg_trgm GIN index (btree_gin lets tenant_id
 * lead it). One column in one table lets the planner choose: walk the sort index and filter
 * when many customers match, or the trigram index when few do. An exact email lookup uses the
 * (tenant_id, address) primary key of customer_emails.
 */
export class CreateCustomers1700000001000 implements MigrationInterface {
  name = 'CreateCustomers1700000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);

    await q.query(`
      CREATE TABLE customers (
        tenant_id     text NOT NULL,
        id            uuid NOT NULL,
        kind          text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'company')),
        first_name    text,
        last_name     text,
        company_name  text,
        gender        text CHECK (gender IN ('female', 'male', 'other', 'unknown')),
        birth_date    date,
        country       text,
        city          text,
        source        text,
        utm           jsonb,
        attributes    jsonb NOT NULL DEFAULT '{}',
        registered_at timestamptz NOT NULL DEFAULT now(),
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        deleted_at    timestamptz,
        search_text   text NOT NULL DEFAULT '',
        sort_name     text GENERATED ALWAYS AS (
                        lower(btrim(coalesce(last_name, '') || ' ' || coalesce(first_name, '') || ' ' || coalesce(company_name, '')))
                      ) STORED,
        CONSTRAINT customers_pkey PRIMARY KEY (tenant_id, id)
      )`);
    // Keyset pagination per sort (only live customers are listed).
    await q.query(`CREATE INDEX customers_registered ON customers (tenant_id, registered_at, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX customers_first_seen ON customers (tenant_id, first_seen_at, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX customers_sort_name ON customers (tenant_id, sort_name, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX customers_search_trgm ON customers USING gin (tenant_id, search_text gin_trgm_ops) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE customer_emails (
        tenant_id   text NOT NULL,
        address     text NOT NULL CHECK (address = lower(address)),
        customer_id uuid NOT NULL,
        status      text NOT NULL DEFAULT 'unverified' CHECK (status IN ('valid', 'invalid', 'unverified', 'bounced')),
        is_primary  boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_emails_address_unique PRIMARY KEY (tenant_id, address),
        CONSTRAINT customer_emails_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX customer_emails_customer ON customer_emails (tenant_id, customer_id)`);
    await q.query(`CREATE UNIQUE INDEX customer_emails_one_primary ON customer_emails (tenant_id, customer_id) WHERE is_primary`);

    await q.query(`
      CREATE TABLE customer_phones (
        tenant_id   text NOT NULL,
        customer_id uuid NOT NULL,
        number      text NOT NULL CHECK (number ~ '^\\+[1-9][0-9]{3,14}$'),
        type        text NOT NULL CHECK (type IN ('mobile', 'landline', 'unknown')),
        status      text NOT NULL DEFAULT 'unverified' CHECK (status IN ('valid', 'invalid', 'unverified', 'bounced')),
        is_primary  boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_phones_pkey PRIMARY KEY (tenant_id, customer_id, number),
        CONSTRAINT customer_phones_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX customer_phones_one_primary ON customer_phones (tenant_id, customer_id) WHERE is_primary`);

    await q.query(`
      CREATE FUNCTION customer_search_text(p_tenant text, p_id uuid, p_first text, p_last text, p_company text)
      RETURNS text LANGUAGE sql STABLE AS $$
        SELECT lower(concat_ws(' ', p_first, p_last, p_company,
          (SELECT string_agg(address, ' ') FROM customer_emails WHERE tenant_id = p_tenant AND customer_id = p_id),
          (SELECT string_agg(ltrim(number, '+'), ' ') FROM customer_phones WHERE tenant_id = p_tenant AND customer_id = p_id)))
      $$`);
    await q.query(`
      CREATE FUNCTION customers_set_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_text := customer_search_text(NEW.tenant_id, NEW.id, NEW.first_name, NEW.last_name, NEW.company_name);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER customers_search_text BEFORE INSERT OR UPDATE OF first_name, last_name, company_name ON customers
      FOR EACH ROW EXECUTE FUNCTION customers_set_search_text()`);
    await q.query(`
      CREATE FUNCTION contact_refresh_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE row_ record := coalesce(NEW, OLD);
      BEGIN
        UPDATE customers c
           SET search_text = customer_search_text(c.tenant_id, c.id, c.first_name, c.last_name, c.company_name)
         WHERE c.tenant_id = row_.tenant_id AND c.id = row_.customer_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER customer_emails_search_text AFTER INSERT OR UPDATE OR DELETE ON customer_emails
      FOR EACH ROW EXECUTE FUNCTION contact_refresh_search_text()`);
    await q.query(`
      CREATE TRIGGER customer_phones_search_text AFTER INSERT OR UPDATE OR DELETE ON customer_phones
      FOR EACH ROW EXECUTE FUNCTION contact_refresh_search_text()`);

    await q.query(`
      CREATE TABLE customer_tags (
        tenant_id   text NOT NULL,
        customer_id uuid NOT NULL,
        tag         text NOT NULL CHECK (char_length(tag) BETWEEN 1 AND 64),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_tags_pkey PRIMARY KEY (tenant_id, customer_id, tag),
        CONSTRAINT customer_tags_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX customer_tags_by_tag ON customer_tags (tenant_id, tag, customer_id)`);

    await q.query(`
      CREATE TABLE attribute_definitions (
        tenant_id       text NOT NULL,
        key             text NOT NULL,
        label           text NOT NULL,
        type            text NOT NULL CHECK (type IN ('string', 'number', 'date', 'boolean', 'enum')),
        options         jsonb,
        required        boolean NOT NULL DEFAULT false,
        "order"         integer NOT NULL DEFAULT 0,
        show_in_profile boolean NOT NULL DEFAULT true,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT attribute_definitions_key_unique PRIMARY KEY (tenant_id, key),
        CONSTRAINT attribute_definitions_enum_options CHECK (type <> 'enum' OR jsonb_array_length(options) > 0)
      )`);
    await q.query(`CREATE INDEX attribute_definitions_order ON attribute_definitions (tenant_id, "order", key)`);

    await q.query(`
      CREATE TABLE consents (
        tenant_id   text NOT NULL,
        customer_id uuid NOT NULL,
        key         text NOT NULL,
        status      text NOT NULL CHECK (status IN ('given', 'revoked', 'not_captured')),
        source      text NOT NULL,
        updated_at  timestamptz NOT NULL,
        CONSTRAINT consents_pkey PRIMARY KEY (tenant_id, customer_id, key),
        CONSTRAINT consents_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE consent_history (
        tenant_id   text NOT NULL,
        id          bigserial NOT NULL,
        customer_id uuid NOT NULL,
        key         text NOT NULL,
        status      text NOT NULL CHECK (status IN ('given', 'revoked', 'not_captured')),
        source      text NOT NULL,
        at          timestamptz NOT NULL,
        CONSTRAINT consent_history_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT consent_history_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX consent_history_by_key ON consent_history (tenant_id, customer_id, key, at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consent_history`);
    await q.query(`DROP TABLE consents`);
    await q.query(`DROP TABLE attribute_definitions`);
    await q.query(`DROP TABLE customer_tags`);
    await q.query(`DROP TABLE customer_phones`);
    await q.query(`DROP TABLE customer_emails`);
    await q.query(`DROP TABLE customers`);
    await q.query(`DROP FUNCTION contact_refresh_search_text()`);
    await q.query(`DROP FUNCTION customers_set_search_text()`);
    await q.query(`DROP FUNCTION customer_search_text(text, uuid, text, text, text)`);
    // pg_trgm and btree_gin stay installed: other objects in the database may use them.
  }
}
