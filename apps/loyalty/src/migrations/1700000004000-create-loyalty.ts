import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The loyalty schema. Every table carries tenant_id and every index leads with it.
 *
 * - loyalty_cards: the card (L1) with its visit counters and LTV, each a sum over its ledger,
 *   kept in the transaction of every operation; CHECKs keep available visits ≥ 0 and equal to
 *   sold − used − corrected. At most one card per customer is not deleted.
 * - ledger_entries: every operation on a card (L2, L3), append-only.
 * - bonus_lots: what each bonus addition left unspent (L4), with its activation and expiry;
 *   bonus_allocations: which lots each subtraction took. A lot's remaining amount is its amount
 *   minus its allocations; the balance and states are derived from the lots and the clock.
 * - purchases + purchase_lines (L6); customer_metrics (L5, L7, L8 average), customer_stores and
 *   customer_sales are kept current in each purchase's transaction.
 * - rfm_thresholds: the tenant's quintile cut points; rfm_refresh_queue: tenants whose purchases
 *   changed since the cut points were last computed.
 * - feedback (L8).
 */
export class CreateLoyalty1700000004000 implements MigrationInterface {
  name = 'CreateLoyalty1700000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE loyalty_cards (
        tenant_id              text NOT NULL,
        id                     uuid NOT NULL,
        serial_number          text NOT NULL,
        customer_id            uuid NOT NULL,
        status                 text NOT NULL CHECK (status IN ('installed', 'not_installed', 'deleted')),
        device                 text CHECK (device IN ('pwa', 'apple_wallet', 'google_wallet')),
        issued_on              date NOT NULL,
        expires_on             date,
        utm                    jsonb,
        referral_code          text,
        referrer_customer_id   uuid,
        referrer_card_id       uuid,
        invite_code            text,
        visits_sold            bigint NOT NULL DEFAULT 0,
        visits_used            bigint NOT NULL DEFAULT 0,
        visits_corrected       bigint NOT NULL DEFAULT 0,
        visits_available       bigint NOT NULL DEFAULT 0,
        last_visit_added_at    timestamptz,
        last_visit_refunded_at timestamptz,
        bonus_added            bigint NOT NULL DEFAULT 0,
        bonus_spent            bigint NOT NULL DEFAULT 0,
        ltv                    bigint NOT NULL DEFAULT 0 CHECK (ltv >= 0),
        created_at             timestamptz NOT NULL,
        updated_at             timestamptz NOT NULL,
        CONSTRAINT loyalty_cards_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT loyalty_cards_serial_unique UNIQUE (tenant_id, serial_number),
        CONSTRAINT loyalty_cards_expiry_after_issue CHECK (expires_on IS NULL OR expires_on >= issued_on),
        CONSTRAINT loyalty_cards_visits CHECK (
          visits_sold >= 0 AND visits_used >= 0 AND visits_corrected >= 0 AND visits_available >= 0
          AND visits_available = visits_sold - visits_used - visits_corrected),
        CONSTRAINT loyalty_cards_bonus CHECK (bonus_spent >= 0 AND bonus_spent <= bonus_added)
      )`);
    await q.query(`CREATE UNIQUE INDEX loyalty_cards_one_current ON loyalty_cards (tenant_id, customer_id) WHERE status <> 'deleted'`);
    await q.query(`CREATE INDEX loyalty_cards_customer ON loyalty_cards (tenant_id, customer_id, created_at DESC, id DESC)`);
    await q.query(`CREATE UNIQUE INDEX loyalty_cards_invite_code ON loyalty_cards (tenant_id, invite_code) WHERE invite_code IS NOT NULL`);
    await q.query(`CREATE INDEX loyalty_cards_referrer_card ON loyalty_cards (tenant_id, referrer_card_id) WHERE referrer_card_id IS NOT NULL`);
    await q.query(`CREATE INDEX loyalty_cards_referrer_customer ON loyalty_cards (tenant_id, referrer_customer_id) WHERE referrer_customer_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE ledger_entries (
        tenant_id       text NOT NULL,
        id              uuid NOT NULL,
        seq             bigserial NOT NULL,
        card_id         uuid NOT NULL,
        customer_id     uuid NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('visits', 'bonus')),
        operation       text NOT NULL CHECK (operation IN ('add', 'subtract')),
        value           integer NOT NULL CHECK (value > 0),
        reason          text CHECK (reason IN ('use', 'correction')),
        purchase_amount bigint CHECK (purchase_amount >= 0),
        currency        text,
        comment         text,
        activates_at    timestamptz,
        expires_at      timestamptz,
        actor           jsonb NOT NULL,
        at              timestamptz NOT NULL,
        CONSTRAINT ledger_entries_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT ledger_entries_card_fk FOREIGN KEY (tenant_id, card_id) REFERENCES loyalty_cards (tenant_id, id),
        CONSTRAINT ledger_entries_reason CHECK ((reason IS NOT NULL) = (kind = 'visits' AND operation = 'subtract')),
        CONSTRAINT ledger_entries_lifecycle CHECK ((kind = 'bonus' AND operation = 'add') OR (activates_at IS NULL AND expires_at IS NULL)),
        CONSTRAINT ledger_entries_amount_currency CHECK ((purchase_amount IS NULL) = (currency IS NULL))
      )`);
    await q.query(`CREATE INDEX ledger_entries_customer ON ledger_entries (tenant_id, customer_id, seq DESC)`);
    await q.query(`CREATE INDEX ledger_entries_customer_kind ON ledger_entries (tenant_id, customer_id, kind, seq DESC)`);
    await q.query(`CREATE INDEX ledger_entries_card ON ledger_entries (tenant_id, card_id, seq DESC)`);

    await q.query(`
      CREATE TABLE bonus_lots (
        tenant_id    text NOT NULL,
        id           uuid NOT NULL,
        card_id      uuid NOT NULL,
        seq          bigint NOT NULL,
        amount       integer NOT NULL CHECK (amount > 0),
        remaining    integer NOT NULL,
        activates_at timestamptz,
        expires_at   timestamptz,
        CONSTRAINT bonus_lots_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT bonus_lots_entry_fk FOREIGN KEY (tenant_id, id) REFERENCES ledger_entries (tenant_id, id),
        CONSTRAINT bonus_lots_remaining CHECK (remaining >= 0 AND remaining <= amount),
        CONSTRAINT bonus_lots_dates CHECK (expires_at IS NULL OR activates_at IS NULL OR expires_at > activates_at)
      )`);
    await q.query(`CREATE INDEX bonus_lots_unspent ON bonus_lots (tenant_id, card_id, expires_at) WHERE remaining > 0`);

    await q.query(`
      CREATE TABLE bonus_allocations (
        tenant_id text NOT NULL,
        entry_id  uuid NOT NULL,
        lot_id    uuid NOT NULL,
        amount    integer NOT NULL CHECK (amount > 0),
        CONSTRAINT bonus_allocations_pkey PRIMARY KEY (tenant_id, entry_id, lot_id),
        CONSTRAINT bonus_allocations_entry_fk FOREIGN KEY (tenant_id, entry_id) REFERENCES ledger_entries (tenant_id, id),
        CONSTRAINT bonus_allocations_lot_fk FOREIGN KEY (tenant_id, lot_id) REFERENCES bonus_lots (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX bonus_allocations_lot ON bonus_allocations (tenant_id, lot_id)`);

    await q.query(`
      CREATE TABLE purchases (
        tenant_id     text NOT NULL,
        id            uuid NOT NULL,
        customer_id   uuid NOT NULL,
        kind          text NOT NULL CHECK (kind IN ('receipt', 'order')),
        number        text NOT NULL,
        store_id      text,
        store_name    text,
        occurred_at   timestamptz NOT NULL,
        status        text NOT NULL,
        counted       boolean GENERATED ALWAYS AS (CASE WHEN kind = 'receipt' THEN status = 'completed' ELSE status <> 'cancelled' END) STORED,
        currency      text NOT NULL,
        delivery_cost bigint NOT NULL DEFAULT 0 CHECK (delivery_cost >= 0),
        total         bigint NOT NULL CHECK (total >= 0),
        item_count    integer NOT NULL CHECK (item_count >= 0),
        brand         text,
        season        text,
        year          integer,
        sales_year    integer NOT NULL,
        attributes    jsonb NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL,
        CONSTRAINT purchases_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT purchases_number_unique UNIQUE (tenant_id, kind, number),
        CONSTRAINT purchases_status CHECK (
          (kind = 'receipt' AND status IN ('completed', 'returned'))
          OR (kind = 'order' AND status IN ('active', 'booked', 'cancelled', 'shipped')))
      )`);
    await q.query(`CREATE INDEX purchases_customer_kind ON purchases (tenant_id, customer_id, kind, occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX purchases_customer_kind_status ON purchases (tenant_id, customer_id, kind, status, occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX purchases_customer_counted ON purchases (tenant_id, customer_id, occurred_at DESC, id DESC) WHERE counted`);

    await q.query(`
      CREATE TABLE purchase_lines (
        tenant_id   text NOT NULL,
        purchase_id uuid NOT NULL,
        line_no     integer NOT NULL,
        sku         text NOT NULL,
        name        text NOT NULL,
        category    text,
        quantity    integer NOT NULL CHECK (quantity > 0),
        price       bigint NOT NULL CHECK (price >= 0),
        CONSTRAINT purchase_lines_pkey PRIMARY KEY (tenant_id, purchase_id, line_no),
        CONSTRAINT purchase_lines_purchase_fk FOREIGN KEY (tenant_id, purchase_id) REFERENCES purchases (tenant_id, id)
      )`);

    await q.query(`
      CREATE TABLE customer_metrics (
        tenant_id           text NOT NULL,
        customer_id         uuid NOT NULL,
        currency            text,
        ltv                 bigint NOT NULL DEFAULT 0 CHECK (ltv >= 0),
        purchase_count      integer NOT NULL DEFAULT 0 CHECK (purchase_count >= 0),
        purchase_total      bigint NOT NULL DEFAULT 0 CHECK (purchase_total >= 0),
        item_total          bigint NOT NULL DEFAULT 0 CHECK (item_total >= 0),
        first_purchase_at   timestamptz,
        last_purchase_at    timestamptz,
        last_purchase_id    uuid,
        last_purchase_total bigint,
        rfm_r               smallint CHECK (rfm_r BETWEEN 1 AND 5),
        rfm_f               smallint CHECK (rfm_f BETWEEN 1 AND 5),
        rfm_m               smallint CHECK (rfm_m BETWEEN 1 AND 5),
        rfm_segment         text,
        rating_count        integer NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
        rating_sum          integer NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
        updated_at          timestamptz NOT NULL,
        CONSTRAINT customer_metrics_pkey PRIMARY KEY (tenant_id, customer_id)
      )`);
    // RFM cut points and rescoring read the tenant's customers who bought something.
    await q.query(`CREATE INDEX customer_metrics_buyers ON customer_metrics (tenant_id, customer_id) WHERE purchase_count > 0`);

    await q.query(`
      CREATE TABLE customer_stores (
        tenant_id        text NOT NULL,
        customer_id      uuid NOT NULL,
        store_id         text NOT NULL,
        store_name       text,
        purchase_count   integer NOT NULL CHECK (purchase_count > 0),
        purchase_total   bigint NOT NULL CHECK (purchase_total >= 0),
        last_purchase_at timestamptz NOT NULL,
        CONSTRAINT customer_stores_pkey PRIMARY KEY (tenant_id, customer_id, store_id)
      )`);
    await q.query(`CREATE INDEX customer_stores_favourite ON customer_stores (tenant_id, customer_id, purchase_count DESC, store_id)`);

    await q.query(`
      CREATE TABLE customer_sales (
        tenant_id      text NOT NULL,
        customer_id    uuid NOT NULL,
        year           integer NOT NULL,
        status         text NOT NULL,
        amount         bigint NOT NULL CHECK (amount >= 0),
        purchase_count integer NOT NULL CHECK (purchase_count >= 0),
        CONSTRAINT customer_sales_pkey PRIMARY KEY (tenant_id, customer_id, year, status)
      )`);

    await q.query(`
      CREATE TABLE rfm_thresholds (
        tenant_id   text PRIMARY KEY,
        recency     timestamptz[] NOT NULL,
        frequency   integer[] NOT NULL,
        monetary    bigint[] NOT NULL,
        customers   integer NOT NULL,
        computed_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE rfm_refresh_queue (
        tenant_id text PRIMARY KEY,
        queued_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE feedback (
        tenant_id   text NOT NULL,
        id          uuid NOT NULL,
        customer_id uuid NOT NULL,
        rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment     text,
        at          timestamptz NOT NULL,
        actor       jsonb NOT NULL,
        created_at  timestamptz NOT NULL,
        CONSTRAINT feedback_pkey PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX feedback_customer ON feedback (tenant_id, customer_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX feedback_customer_commented ON feedback (tenant_id, customer_id, at DESC, id DESC) WHERE comment IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'feedback',
      'rfm_refresh_queue',
      'rfm_thresholds',
      'customer_sales',
      'customer_stores',
      'customer_metrics',
      'purchase_lines',
      'purchases',
      'bonus_allocations',
      'bonus_lots',
      'ledger_entries',
      'loyalty_cards',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
