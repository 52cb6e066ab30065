import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The marketing schema. Every table carries tenant_id and every index leads with it.
 *
 * - customer_facts: this service's projection of what segments and sends need about a customer
 *   (contact reachability, city, country, tags, attributes, consents from customer events;
 *   groups and booking counts from bookings; purchase figures, RFM and card state from loyalty).
 *   One row per customer, so a segment is computed by one scan with one WHERE.
 * - segments / segment_members: rules and their stored membership, with an exact member count.
 * - subscription_categories / subscriptions (M1), mailings / mailing_recipients /
 *   delivery_attempts (M2), push_messages (M3), promo_code_pools / promo_codes /
 *   promo_code_issues (M4), polls / poll_responses (M5), web_events (M6), customer_interests
 *   (M7), cart_items (M8).
 */
export class CreateMarketing1700000005000 implements MigrationInterface {
  name = 'CreateMarketing1700000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_facts (
        tenant_id           text NOT NULL,
        customer_id         uuid NOT NULL,
        email               text,
        email_state         text NOT NULL DEFAULT 'none' CHECK (email_state IN ('ok', 'invalid', 'none')),
        sms_phone           text,
        phone_state         text NOT NULL DEFAULT 'none' CHECK (phone_state IN ('mobile', 'invalid', 'landline', 'unknown', 'none')),
        card_state          text NOT NULL DEFAULT 'none' CHECK (card_state IN ('installed', 'not_installed', 'none')),
        city                text,
        country             text,
        tags                text[] NOT NULL DEFAULT '{}',
        attributes          jsonb NOT NULL DEFAULT '{}',
        consents            jsonb NOT NULL DEFAULT '{}',
        group_ids           uuid[] NOT NULL DEFAULT '{}',
        total_events_booked integer NOT NULL DEFAULT 0,
        purchase_count      integer NOT NULL DEFAULT 0,
        purchase_total      bigint NOT NULL DEFAULT 0,
        last_purchase_at    timestamptz,
        rfm_segment         text,
        snapshot_at         timestamptz,
        deleted_at          timestamptz,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, customer_id)
      )`);

    await q.query(`
      CREATE TABLE customer_cards (
        tenant_id     text NOT NULL,
        card_id       uuid NOT NULL,
        customer_id   uuid NOT NULL,
        serial_number text NOT NULL,
        status        text NOT NULL CHECK (status IN ('installed', 'not_installed', 'deleted')),
        device        text,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, card_id)
      )`);
    await q.query(`CREATE INDEX customer_cards_customer ON customer_cards (tenant_id, customer_id)`);

    // ---------------------------------------------------------------- M1 subscriptions
    await q.query(`
      CREATE TABLE subscription_categories (
        tenant_id  text NOT NULL,
        key        text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
        name       text NOT NULL,
        active     boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key)
      )`);
    await q.query(`
      CREATE TABLE subscriptions (
        tenant_id   text NOT NULL,
        customer_id uuid NOT NULL,
        channel     text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
        category    text NOT NULL,
        subscribed  boolean NOT NULL,
        source      text NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, customer_id, channel, category),
        FOREIGN KEY (tenant_id, category) REFERENCES subscription_categories (tenant_id, key)
      )`);
    // Who is subscribed to a channel and category (segments, mailings).
    await q.query(`CREATE INDEX subscriptions_audience ON subscriptions (tenant_id, channel, category, customer_id) WHERE subscribed`);

    // ---------------------------------------------------------------- M9 segments
    await q.query(`
      CREATE TABLE segments (
        tenant_id        text NOT NULL,
        id               uuid NOT NULL,
        name             text NOT NULL,
        description      text,
        rule             jsonb NOT NULL,
        fields           text[] NOT NULL,
        depends_on       uuid[] NOT NULL DEFAULT '{}',
        member_count     integer NOT NULL DEFAULT 0 CHECK (member_count >= 0),
        version          integer NOT NULL DEFAULT 1,
        computed_version integer NOT NULL DEFAULT 0,
        computed_at      timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX segments_name ON segments (tenant_id, lower(name))`);
    await q.query(`CREATE INDEX segments_created ON segments (tenant_id, created_at, id)`);
    // The recompute worker's queue: rules changed since membership was last computed.
    await q.query(`CREATE INDEX segments_stale ON segments (tenant_id, updated_at) WHERE computed_version < version`);
    await q.query(`
      CREATE TABLE segment_members (
        tenant_id   text NOT NULL,
        segment_id  uuid NOT NULL,
        customer_id uuid NOT NULL,
        since       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, segment_id, customer_id),
        FOREIGN KEY (tenant_id, segment_id) REFERENCES segments (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX segment_members_customer ON segment_members (tenant_id, customer_id, segment_id)`);

    // ---------------------------------------------------------------- M4 promo codes (before mailings, which reference pools)
    await q.query(`
      CREATE TABLE promo_code_pools (
        tenant_id  text NOT NULL,
        id         uuid NOT NULL,
        name       text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX promo_code_pools_created ON promo_code_pools (tenant_id, created_at, id)`);
    await q.query(`
      CREATE TABLE promo_codes (
        tenant_id   text NOT NULL,
        code        text NOT NULL CHECK (code = upper(code)),
        pool_id     uuid NOT NULL,
        customer_id uuid,
        issued_at   timestamptz,
        redeemed_at timestamptz,
        PRIMARY KEY (tenant_id, code),
        FOREIGN KEY (tenant_id, pool_id) REFERENCES promo_code_pools (tenant_id, id),
        CHECK (redeemed_at IS NULL OR issued_at IS NOT NULL)
      )`);
    // Codes still free in a pool, in a stable order.
    await q.query(`CREATE INDEX promo_codes_available ON promo_codes (tenant_id, pool_id, code) WHERE issued_at IS NULL`);
    // At most one unredeemed code per customer and pool: a new issue re-issues that one.
    await q.query(`CREATE UNIQUE INDEX promo_codes_held ON promo_codes (tenant_id, pool_id, customer_id) WHERE customer_id IS NOT NULL AND redeemed_at IS NULL`);
    await q.query(`CREATE INDEX promo_codes_pool ON promo_codes (tenant_id, pool_id)`);

    // ---------------------------------------------------------------- M2 mailings, M3 push
    await q.query(`
      CREATE TABLE mailings (
        tenant_id             text NOT NULL,
        id                    uuid NOT NULL,
        name                  text NOT NULL,
        kind                  text NOT NULL CHECK (kind IN ('mass', 'campaign')),
        campaign              text,
        segment_id            uuid NOT NULL,
        channel               text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
        category              text NOT NULL,
        control_basis_points  integer NOT NULL CHECK (control_basis_points BETWEEN 0 AND 10000),
        subject               text,
        body                  text NOT NULL,
        promo_code_pool_id    uuid,
        required_consent      text,
        status                text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sending', 'sent')),
        audience_count        integer NOT NULL DEFAULT 0,
        sent_count            integer NOT NULL DEFAULT 0,
        control_count         integer NOT NULL DEFAULT 0,
        excluded_count        integer NOT NULL DEFAULT 0,
        failed_count          integer NOT NULL DEFAULT 0,
        created_by            text NOT NULL,
        created_at            timestamptz NOT NULL DEFAULT now(),
        send_requested_at     timestamptz,
        completed_at          timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, category) REFERENCES subscription_categories (tenant_id, key),
        FOREIGN KEY (tenant_id, promo_code_pool_id) REFERENCES promo_code_pools (tenant_id, id),
        CHECK (kind = 'mass' OR campaign IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX mailings_created ON mailings (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX mailings_segment ON mailings (tenant_id, segment_id) WHERE status = 'draft'`);
    // The delivery worker's queue: mailings being sent (a handful at any time).
    await q.query(`CREATE INDEX mailings_sending ON mailings (tenant_id, id) WHERE status = 'sending'`);
    await q.query(`
      CREATE TABLE mailing_recipients (
        tenant_id       text NOT NULL,
        mailing_id      uuid NOT NULL,
        customer_id     uuid NOT NULL,
        outcome         text NOT NULL CHECK (outcome IN ('pending', 'sent', 'control_group', 'excluded', 'failed')),
        reason          text,
        address         text,
        promo_code      text,
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        claimed_until   timestamptz,
        last_error      text,
        created_at      timestamptz NOT NULL,
        sent_at         timestamptz,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, mailing_id, customer_id),
        FOREIGN KEY (tenant_id, mailing_id) REFERENCES mailings (tenant_id, id),
        CHECK ((outcome = 'excluded') = (reason IS NOT NULL))
      )`);
    // The customer's mailings tab, newest first.
    await q.query(`CREATE INDEX mailing_recipients_customer ON mailing_recipients (tenant_id, customer_id, created_at DESC, mailing_id)`);
    await q.query(`CREATE INDEX mailing_recipients_outcome ON mailing_recipients (tenant_id, mailing_id, outcome, customer_id)`);
    await q.query(`CREATE INDEX mailing_recipients_due ON mailing_recipients (tenant_id, mailing_id, next_attempt_at) WHERE outcome = 'pending'`);

    await q.query(`
      CREATE TABLE push_messages (
        tenant_id       text NOT NULL,
        id              uuid NOT NULL,
        customer_id     uuid NOT NULL,
        title           text NOT NULL,
        body            text NOT NULL,
        card_serial     text,
        status          text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        claimed_until   timestamptz,
        last_error      text,
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        sent_at         timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX push_messages_customer ON push_messages (tenant_id, customer_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX push_messages_due ON push_messages (tenant_id, next_attempt_at) WHERE status = 'pending'`);

    // Every delivery attempt (M2: every send attempt is recorded).
    await q.query(`
      CREATE TABLE delivery_attempts (
        tenant_id    text NOT NULL,
        message_kind text NOT NULL CHECK (message_kind IN ('mailing', 'push')),
        message_id   uuid NOT NULL,
        customer_id  uuid NOT NULL,
        attempt      integer NOT NULL,
        at           timestamptz NOT NULL DEFAULT now(),
        ok           boolean NOT NULL,
        error        text,
        PRIMARY KEY (tenant_id, message_kind, message_id, customer_id, attempt)
      )`);
    await q.query(`CREATE INDEX delivery_attempts_customer ON delivery_attempts (tenant_id, customer_id)`);

    await q.query(`
      CREATE TABLE promo_code_issues (
        tenant_id   text NOT NULL,
        id          uuid NOT NULL,
        code        text NOT NULL,
        pool_id     uuid NOT NULL,
        customer_id uuid NOT NULL,
        mailing_id  uuid,
        campaign    text,
        reissued    boolean NOT NULL,
        issued_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, code) REFERENCES promo_codes (tenant_id, code)
      )`);
    await q.query(`CREATE INDEX promo_code_issues_customer ON promo_code_issues (tenant_id, customer_id, issued_at DESC, id)`);

    // ---------------------------------------------------------------- M5 polls
    await q.query(`
      CREATE TABLE polls (
        tenant_id   text NOT NULL,
        id          uuid NOT NULL,
        title       text NOT NULL,
        description text,
        questions   jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX polls_created ON polls (tenant_id, created_at, id)`);
    await q.query(`
      CREATE TABLE poll_responses (
        tenant_id   text NOT NULL,
        poll_id     uuid NOT NULL,
        customer_id uuid NOT NULL,
        answers     jsonb NOT NULL,
        answered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, poll_id, customer_id),
        FOREIGN KEY (tenant_id, poll_id) REFERENCES polls (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX poll_responses_customer ON poll_responses (tenant_id, customer_id, answered_at DESC, poll_id)`);

    // ---------------------------------------------------------------- M6 web activity, M7 interests, M8 cart
    await q.query(`
      CREATE TABLE web_events (
        tenant_id   text NOT NULL,
        id          bigint GENERATED ALWAYS AS IDENTITY,
        customer_id uuid NOT NULL,
        type        text NOT NULL CHECK (type IN ('visit', 'category_view', 'product_view', 'page_view', 'cart_add', 'cart_remove', 'order')),
        at          timestamptz NOT NULL,
        url         text,
        category    text,
        product     jsonb,
        details     jsonb,
        event_key   text,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    // The profile's activity tab, newest first.
    await q.query(`CREATE INDEX web_events_customer ON web_events (tenant_id, customer_id, at DESC, id DESC)`);
    // Interest ranking: the customer's category and product views inside the window.
    await q.query(`
      CREATE INDEX web_events_interest_views ON web_events (tenant_id, customer_id, at)
        INCLUDE (category) WHERE category IS NOT NULL AND type IN ('category_view', 'product_view')`);
    // A sender's eventId (or a purchase id for orders) is stored once.
    await q.query(`CREATE UNIQUE INDEX web_events_key ON web_events (tenant_id, event_key) WHERE event_key IS NOT NULL`);

    await q.query(`
      CREATE TABLE customer_interests (
        tenant_id         text NOT NULL,
        customer_id       uuid NOT NULL,
        category          text NOT NULL,
        last_viewed_at    timestamptz,
        last_purchased_at timestamptz,
        PRIMARY KEY (tenant_id, customer_id, category)
      )`);
    // Interests lapsing (the sweep re-evaluates segments for those customers), and by category.
    await q.query(`CREATE INDEX customer_interests_lapse ON customer_interests (tenant_id, last_viewed_at)`);
    await q.query(`
      CREATE TABLE interest_sweeps (
        tenant_id    text PRIMARY KEY,
        swept_until  timestamptz NOT NULL,
        window_days  integer NOT NULL
      )`);

    await q.query(`
      CREATE TABLE cart_items (
        tenant_id   text NOT NULL,
        customer_id uuid NOT NULL,
        sku         text NOT NULL,
        name        text NOT NULL,
        price       bigint,
        currency    text,
        quantity    integer NOT NULL CHECK (quantity > 0),
        added_at    timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, customer_id, sku)
      )`);
    await q.query(`CREATE INDEX cart_items_customer ON cart_items (tenant_id, customer_id, added_at DESC, sku)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'cart_items',
      'interest_sweeps',
      'customer_interests',
      'web_events',
      'poll_responses',
      'polls',
      'promo_code_issues',
      'delivery_attempts',
      'push_messages',
      'mailing_recipients',
      'mailings',
      'promo_codes',
      'promo_code_pools',
      'segment_members',
      'segments',
      'subscriptions',
      'subscription_categories',
      'customer_cards',
      'customer_facts',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
