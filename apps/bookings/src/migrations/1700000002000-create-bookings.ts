import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bookings schema. Every table carries tenant_id and every index leads with it. Counters
 * that rules depend on are changed by conditional UPDATEs (capacity, pass uses, offer uses),
 * so concurrent bookings can never push them past their limits.
 */
export class CreateBookings1700000002000 implements MigrationInterface {
  name = 'CreateBookings1700000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE schedule_entries (
        tenant_id     text NOT NULL,
        id            uuid NOT NULL,
        title         text NOT NULL,
        starts_at     timestamptz NOT NULL,
        ends_at       timestamptz NOT NULL,
        capacity      integer NOT NULL CHECK (capacity >= 0),
        places_booked integer NOT NULL DEFAULT 0,
        booking_form  jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT schedule_entries_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT schedule_entries_times CHECK (ends_at > starts_at),
        CONSTRAINT schedule_entries_capacity CHECK (places_booked >= 0 AND places_booked <= capacity)
      )`);
    await q.query(`CREATE INDEX schedule_entries_starts ON schedule_entries (tenant_id, starts_at, id)`);

    await q.query(`
      CREATE TABLE customer_groups (
        tenant_id   text NOT NULL,
        id          uuid NOT NULL,
        name        text NOT NULL,
        description text,
        kind        text NOT NULL CHECK (kind IN ('manual', 'membership')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_groups_pkey PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX customer_groups_created ON customer_groups (tenant_id, created_at, id)`);

    await q.query(`
      CREATE TABLE tickets (
        tenant_id         text NOT NULL,
        id                uuid NOT NULL,
        schedule_entry_id uuid NOT NULL,
        position          integer NOT NULL,
        name              text NOT NULL,
        price             integer NOT NULL CHECK (price >= 0),
        currency          text NOT NULL,
        customer_group_id uuid,
        CONSTRAINT tickets_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT tickets_entry_fk FOREIGN KEY (tenant_id, schedule_entry_id) REFERENCES schedule_entries (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT tickets_group_fk FOREIGN KEY (tenant_id, customer_group_id) REFERENCES customer_groups (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX tickets_entry ON tickets (tenant_id, schedule_entry_id, position)`);

    await q.query(`
      CREATE TABLE bookings (
        tenant_id         text NOT NULL,
        id                uuid NOT NULL,
        schedule_entry_id uuid NOT NULL,
        status            text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
        channel           text NOT NULL CHECK (channel IN ('admin', 'customer')),
        lead_customer_id  uuid,
        lead_email        text,
        lead_first_name   text,
        lead_last_name    text,
        total_amount      integer NOT NULL CHECK (total_amount >= 0),
        currency          text NOT NULL,
        voucher_code      text,
        pass_id           uuid,
        booked_at         timestamptz NOT NULL,
        cancelled_at      timestamptz,
        CONSTRAINT bookings_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT bookings_entry_fk FOREIGN KEY (tenant_id, schedule_entry_id) REFERENCES schedule_entries (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX bookings_entry ON bookings (tenant_id, schedule_entry_id, booked_at)`);
    await q.query(`CREATE INDEX bookings_lead_customer ON bookings (tenant_id, lead_customer_id) WHERE lead_customer_id IS NOT NULL`);
    await q.query(`CREATE INDEX bookings_lead_email ON bookings (tenant_id, lead_email) WHERE lead_email IS NOT NULL`);

    await q.query(`
      CREATE TABLE booking_attendees (
        tenant_id              text NOT NULL,
        id                     uuid NOT NULL,
        booking_id             uuid NOT NULL,
        position               integer NOT NULL,
        ticket_id              uuid NOT NULL,
        customer_id            uuid,
        email                  text,
        first_name             text,
        last_name              text,
        fields                 jsonb NOT NULL DEFAULT '{}',
        consents               jsonb NOT NULL DEFAULT '{}',
        attended               boolean,
        attendance_recorded_at timestamptz,
        CONSTRAINT booking_attendees_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT booking_attendees_booking_fk FOREIGN KEY (tenant_id, booking_id) REFERENCES bookings (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX booking_attendees_booking ON booking_attendees (tenant_id, booking_id, position)`);
    await q.query(`CREATE INDEX booking_attendees_customer ON booking_attendees (tenant_id, customer_id) WHERE customer_id IS NOT NULL`);
    await q.query(`CREATE INDEX booking_attendees_email ON booking_attendees (tenant_id, email) WHERE email IS NOT NULL`);

    // One row per customer and booking they made or attend: the customer's bookings tab and
    // summary (B3) read only this table's indexes.
    await q.query(`
      CREATE TABLE customer_bookings (
        tenant_id         text NOT NULL,
        customer_id       uuid NOT NULL,
        booking_id        uuid NOT NULL,
        schedule_entry_id uuid NOT NULL,
        starts_at         timestamptz NOT NULL,
        booked_at         timestamptz NOT NULL,
        status            text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
        is_lead           boolean NOT NULL DEFAULT false,
        is_attendee       boolean NOT NULL DEFAULT false,
        attended          boolean,
        CONSTRAINT customer_bookings_pkey PRIMARY KEY (tenant_id, customer_id, booking_id)
      )`);
    await q.query(`CREATE INDEX customer_bookings_recent ON customer_bookings (tenant_id, customer_id, booked_at DESC, booking_id DESC)`);
    await q.query(`CREATE INDEX customer_bookings_starts ON customer_bookings (tenant_id, customer_id, starts_at) WHERE status = 'confirmed'`);
    await q.query(`CREATE INDEX customer_bookings_booking ON customer_bookings (tenant_id, booking_id)`);

    await q.query(`
      CREATE TABLE group_members (
        tenant_id     text NOT NULL,
        id            uuid NOT NULL,
        group_id      uuid NOT NULL,
        customer_id   uuid,
        email         text,
        source        text NOT NULL CHECK (source IN ('manual', 'membership')),
        membership_id uuid,
        member_until  timestamptz,
        added_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT group_members_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT group_members_group_fk FOREIGN KEY (tenant_id, group_id) REFERENCES customer_groups (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT group_members_who CHECK (customer_id IS NOT NULL OR email IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX group_members_customer ON group_members (tenant_id, group_id, customer_id) WHERE customer_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX group_members_pending ON group_members (tenant_id, group_id, email) WHERE customer_id IS NULL`);
    await q.query(`CREATE INDEX group_members_of_customer ON group_members (tenant_id, customer_id, added_at) WHERE customer_id IS NOT NULL`);
    await q.query(`CREATE INDEX group_members_by_email ON group_members (tenant_id, email) WHERE customer_id IS NULL`);
    await q.query(`CREATE INDEX group_members_list ON group_members (tenant_id, group_id, added_at, id)`);
    await q.query(`CREATE INDEX group_members_until ON group_members (member_until) WHERE member_until IS NOT NULL`);

    await q.query(`
      CREATE TABLE group_offers (
        tenant_id                text NOT NULL,
        id                       uuid NOT NULL,
        group_id                 uuid NOT NULL,
        enabled                  boolean NOT NULL,
        personal_use_only        boolean NOT NULL,
        max_additional_attendees integer CHECK (max_additional_attendees >= 0),
        max_uses                 integer CHECK (max_uses >= 1),
        ongoing                  boolean NOT NULL DEFAULT false,
        usage_period             text CHECK (usage_period IN ('day', 'week', 'month', 'year')),
        schedule_entry_id        uuid,
        ticket_ids               uuid[],
        created_at               timestamptz NOT NULL DEFAULT now(),
        deleted_at               timestamptz,
        CONSTRAINT group_offers_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT group_offers_group_fk FOREIGN KEY (tenant_id, group_id) REFERENCES customer_groups (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT group_offers_scope CHECK ((schedule_entry_id IS NULL) <> (ticket_ids IS NULL)),
        CONSTRAINT group_offers_period CHECK (NOT ongoing OR (max_uses IS NOT NULL AND usage_period IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX group_offers_live ON group_offers (tenant_id, group_id, created_at) WHERE deleted_at IS NULL`);

    // Uses of an offer per member and usage period ('1970-01-01' stands for "once, no period").
    // member_key is the customer id, or "email:<address>" until the booker is linked to a customer.
    await q.query(`
      CREATE TABLE offer_usage (
        tenant_id    text NOT NULL,
        offer_id     uuid NOT NULL,
        member_key   text NOT NULL,
        period_start timestamptz NOT NULL,
        uses         integer NOT NULL CHECK (uses >= 0),
        CONSTRAINT offer_usage_pkey PRIMARY KEY (tenant_id, offer_id, member_key, period_start)
      )`);
    await q.query(`
      CREATE TABLE booking_offer_uses (
        tenant_id    text NOT NULL,
        booking_id   uuid NOT NULL,
        offer_id     uuid NOT NULL,
        member_key   text NOT NULL,
        period_start timestamptz NOT NULL,
        uses         integer NOT NULL CHECK (uses > 0),
        CONSTRAINT booking_offer_uses_pkey PRIMARY KEY (tenant_id, booking_id, offer_id)
      )`);
    await q.query(`CREATE INDEX booking_offer_uses_member ON booking_offer_uses (tenant_id, member_key)`);

    await q.query(`
      CREATE TABLE membership_plans (
        tenant_id   text NOT NULL,
        id          uuid NOT NULL,
        name        text NOT NULL,
        description text,
        price       integer NOT NULL CHECK (price >= 0),
        currency    text NOT NULL,
        period      text NOT NULL CHECK (period IN ('week', 'month', 'year')),
        group_id    uuid NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT membership_plans_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT membership_plans_group_fk FOREIGN KEY (tenant_id, group_id) REFERENCES customer_groups (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX membership_plans_created ON membership_plans (tenant_id, created_at, id)`);
    await q.query(`
      CREATE TABLE memberships (
        tenant_id    text NOT NULL,
        id           uuid NOT NULL,
        plan_id      uuid NOT NULL,
        customer_id  uuid NOT NULL,
        status       text NOT NULL CHECK (status IN ('active', 'cancelling', 'ended')),
        started_at   timestamptz NOT NULL,
        cancelled_at timestamptz,
        cancel_mode  text CHECK (cancel_mode IN ('end_of_period', 'immediate')),
        ends_at      timestamptz,
        CONSTRAINT memberships_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT memberships_plan_fk FOREIGN KEY (tenant_id, plan_id) REFERENCES membership_plans (tenant_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX memberships_one_live ON memberships (tenant_id, plan_id, customer_id) WHERE status <> 'ended'`);
    await q.query(`CREATE INDEX memberships_customer ON memberships (tenant_id, customer_id)`);
    await q.query(`CREATE INDEX memberships_ending ON memberships (ends_at) WHERE status = 'cancelling'`);

    await q.query(`
      CREATE TABLE pass_products (
        tenant_id     text NOT NULL,
        id            uuid NOT NULL,
        name          text NOT NULL,
        uses          integer NOT NULL CHECK (uses >= 1),
        validity_days integer CHECK (validity_days >= 1),
        price         integer NOT NULL CHECK (price >= 0),
        currency      text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pass_products_pkey PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX pass_products_created ON pass_products (tenant_id, created_at, id)`);
    await q.query(`
      CREATE TABLE passes (
        tenant_id    text NOT NULL,
        id           uuid NOT NULL,
        product_id   uuid NOT NULL,
        customer_id  uuid NOT NULL,
        uses_total   integer NOT NULL,
        uses_used    integer NOT NULL DEFAULT 0,
        expires_at   timestamptz,
        purchased_at timestamptz NOT NULL,
        CONSTRAINT passes_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT passes_product_fk FOREIGN KEY (tenant_id, product_id) REFERENCES pass_products (tenant_id, id),
        CONSTRAINT passes_uses CHECK (uses_used >= 0 AND uses_used <= uses_total)
      )`);
    await q.query(`CREATE INDEX passes_customer ON passes (tenant_id, customer_id, purchased_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE pass_uses (
        tenant_id   text NOT NULL,
        pass_id     uuid NOT NULL,
        attendee_id uuid NOT NULL,
        booking_id  uuid NOT NULL,
        used_at     timestamptz NOT NULL,
        returned_at timestamptz,
        CONSTRAINT pass_uses_pkey PRIMARY KEY (tenant_id, pass_id, attendee_id)
      )`);
    await q.query(`CREATE INDEX pass_uses_booking ON pass_uses (tenant_id, booking_id)`);
    await q.query(`
      CREATE TABLE pass_adjustments (
        tenant_id             text NOT NULL,
        id                    bigserial NOT NULL,
        pass_id               uuid NOT NULL,
        actor                 text NOT NULL,
        uses_remaining_before integer NOT NULL,
        uses_remaining_after  integer NOT NULL,
        expires_at_before     timestamptz,
        expires_at_after      timestamptz,
        reason                text,
        at                    timestamptz NOT NULL,
        CONSTRAINT pass_adjustments_pkey PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX pass_adjustments_pass ON pass_adjustments (tenant_id, pass_id, at)`);

    await q.query(`
      CREATE TABLE vouchers (
        tenant_id           text NOT NULL,
        id                  uuid NOT NULL,
        code                text NOT NULL,
        amount              integer NOT NULL CHECK (amount > 0),
        currency            text NOT NULL,
        purchased_by        uuid,
        purchased_at        timestamptz NOT NULL,
        expires_at          timestamptz,
        redeemed_at         timestamptz,
        redeemed_by         uuid,
        redeemed_booking_id uuid,
        CONSTRAINT vouchers_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT vouchers_code_unique UNIQUE (tenant_id, code)
      )`);
    await q.query(`CREATE INDEX vouchers_purchaser ON vouchers (tenant_id, purchased_by, purchased_at DESC, id DESC) WHERE purchased_by IS NOT NULL`);
    await q.query(`CREATE INDEX vouchers_redeemer ON vouchers (tenant_id, redeemed_by, redeemed_at DESC, id DESC) WHERE redeemed_by IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'vouchers',
      'pass_adjustments',
      'pass_uses',
      'passes',
      'pass_products',
      'memberships',
      'membership_plans',
      'booking_offer_uses',
      'offer_usage',
      'group_offers',
      'group_members',
      'customer_bookings',
      'booking_attendees',
      'bookings',
      'tickets',
      'customer_groups',
      'schedule_entries',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
