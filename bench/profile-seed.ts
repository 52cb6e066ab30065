/**
 * Seeds one tenant of the profile benchmark across the four services' databases with SQL:
 * customer n (1..count) has the id md5(tenant:c:n) and the email c<n>@bench.example in every
 * service, as the customer directory events would have left them, and activity of every kind a
 * profile shows. The SQL matches the migrations of apps/<service>/src/migrations (and
 * apps/customers/src/accounts/migrations); a failure names this file.
 *
 * Per customer, on average: 12 timeline entries, 2 consents with 3 history rows, latest booking
 * details, 3 bookings (1 upcoming), a pass for every 4th, a voucher for every 10th, a group for
 * every 3rd, a loyalty card for every 2nd (6 ledger rows, 2 bonus lots), 3 receipts of 2 lines
 * (and 2 B2B orders for every 10th), metrics, sales and store summaries, a rating for every 4th,
 * 2 subscriptions, 2 segments, 5 mailings, 8 web events, 2 interests, a cart for every 5th, a
 * promo code for every 5th, a poll answer for every 10th, a push message for every 10th, and
 * for every 10th (the B2B accounts) notes, tasks, a location and a contact.
 */
import { createHash } from 'node:crypto';
import type { ServiceName } from '@app/contracts';
import { seedSql, type SeedStatement } from './support';

const customerId = `md5($1 || ':c:' || n)::uuid`;
const email = `'c' || n || '@bench.example'`;
const uuidOf = (kind: string, ...parts: string[]) => `md5($1 || ':${kind}:' || ${parts.join(` || ':' || `)})::uuid`;

const ENTRIES = 2000;
const GROUPS = 20;
const SEGMENTS = 10;
const MAILINGS = 20;
const CATEGORIES = ['shoes', 'bags', 'dresses', 'jackets', 'hats', 'socks', 'belts', 'scarves'];
const STORES = ['Mitte', 'Kreuzberg', 'Altona', 'Schwabing', 'Neustadt'];
const RFM = ['champions', 'loyal_customers', 'potential_loyalists', 'new_customers', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'hibernating', 'lost'];
const sqlArray = (items: string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(', ')}]`;

/** The customer directory every service keeps from customer events (libs/platform customer-refs). */
const directory = (series: string): SeedStatement[] => [
  {
    label: 'customer_refs',
    sql: `INSERT INTO customer_refs (tenant_id, customer_id, email, first_name, last_name, source_updated_at)
          SELECT $1, ${customerId}, ${email}, 'First' || n, 'Last' || n, now() FROM ${series}`,
  },
  { label: 'customer_ref_emails', sql: `INSERT INTO customer_ref_emails (tenant_id, email, customer_id) SELECT $1, ${email}, ${customerId} FROM ${series}` },
];

function customersSeed(series: string): SeedStatement[] {
  return [
    {
      label: 'attribute_definitions',
      sql: `INSERT INTO attribute_definitions (tenant_id, key, label, type, options, required, "order", show_in_profile) VALUES
              ($1, 'shoeSize', 'Shoe size', 'number', NULL, false, 1, true),
              ($1, 'tier', 'Tier', 'enum', '["gold","silver","bronze"]', false, 2, true),
              ($1, 'favouriteColour', 'Favourite colour', 'string', NULL, false, 3, false)`,
    },
    {
      label: 'customers',
      sql: `INSERT INTO customers (tenant_id, id, kind, first_name, last_name, gender, birth_date, country, city, source, attributes, registered_at, first_seen_at, updated_at)
            SELECT $1, ${customerId}, 'person', 'First' || n, 'Last' || n, (ARRAY['female','male','other'])[1 + n % 3], date '1960-01-01' + (n % 15000),
                   'DE', (ARRAY['Berlin','Hamburg','Munich','Cologne'])[1 + n % 4], 'bench',
                   jsonb_build_object('shoeSize', 36 + n % 12, 'tier', (ARRAY['gold','silver','bronze'])[1 + n % 3], 'favouriteColour', 'blue'),
                   now() - make_interval(days => 30 + n % 900), now() - make_interval(days => 30 + n % 900), now() - make_interval(days => n % 30)
            FROM ${series}`,
    },
    { label: 'customer_emails', sql: `INSERT INTO customer_emails (tenant_id, address, customer_id, status, is_primary) SELECT $1, ${email}, ${customerId}, 'valid', true FROM ${series}` },
    {
      label: 'customer_phones',
      sql: `INSERT INTO customer_phones (tenant_id, customer_id, number, type, status, is_primary)
            SELECT $1, ${customerId}, '+49151' || lpad(n::text, 8, '0'), CASE WHEN n % 7 = 0 THEN 'landline' ELSE 'mobile' END, 'valid', true FROM ${series}`,
    },
    { label: 'customer_tags', sql: `INSERT INTO customer_tags (tenant_id, customer_id, tag) SELECT $1, ${customerId}, 'vip' FROM ${series} WHERE n % 3 = 0` },
    {
      label: 'consents',
      sql: `INSERT INTO consents (tenant_id, customer_id, key, status, source, updated_at)
            SELECT $1, ${customerId}, k, CASE WHEN k = 'photos' AND n % 5 = 0 THEN 'revoked' ELSE 'given' END, 'booking', now() - make_interval(days => n % 60)
            FROM ${series}, unnest(ARRAY['email_marketing', 'photos']) AS k`,
    },
    {
      label: 'consent_history',
      sql: `INSERT INTO consent_history (tenant_id, customer_id, key, status, source, at)
            SELECT $1, ${customerId}, (ARRAY['email_marketing','photos','photos'])[h], (ARRAY['given','given','revoked'])[h], 'booking', now() - make_interval(days => 100 - h * 20)
            FROM ${series}, generate_series(1, 3) AS h`,
    },
    {
      label: 'customer_latest_details',
      sql: `INSERT INTO customer_latest_details (tenant_id, customer_id, booking_id, booked_at, schedule_entry, email, first_name, last_name, fields)
            SELECT $1, ${customerId}, ${uuidOf('booking', 'n', '3')}, now() - make_interval(days => n % 20),
                   jsonb_build_object('id', ${uuidOf('entry', `(n % ${ENTRIES})`)}, 'title', 'Class ' || (n % ${ENTRIES})), ${email}, 'First' || n, 'Last' || n,
                   jsonb_build_object('age', 20 + n % 50, 'level', 'beginner')
            FROM ${series}`,
    },
    {
      label: 'known_customers',
      sql: `INSERT INTO known_customers (tenant_id, lead_customer_id, customer_id, first_booked_at, last_booked_at, bookings)
            SELECT $1, ${customerId}, md5($1 || ':c:' || (n + 1))::uuid, now() - interval '200 days', now() - interval '20 days', 2 FROM ${series} WHERE n % 2 = 1`,
    },
    {
      label: 'customer_group_members',
      sql: `INSERT INTO customer_group_members (tenant_id, group_id, customer_id, group_name, since)
            SELECT $1, ${uuidOf('group', `(n % ${GROUPS})`)}, ${customerId}, 'Group ' || (n % ${GROUPS}), now() - interval '90 days' FROM ${series} WHERE n % 3 = 0`,
    },
    {
      label: 'customer_segment_members',
      sql: `INSERT INTO customer_segment_members (tenant_id, segment_id, customer_id, segment_name)
            SELECT $1, ${uuidOf('segment', `((n + s) % ${SEGMENTS})`)}, ${customerId}, 'Segment ' || ((n + s) % ${SEGMENTS}) FROM ${series}, generate_series(0, 1) AS s`,
    },
    {
      label: 'customer_history (12 per customer)',
      sql: `INSERT INTO customer_history (tenant_id, id, customer_id, at, category, type, name, description, actor, data, source_event_id)
            SELECT $1, ${uuidOf('history', 'n', 'h')}, ${customerId}, now() - make_interval(hours => h * 37 + n % 24),
                   (ARRAY['profile','booking','booking','loyalty','purchase','purchase','mailing','mailing','web','web','consent','tag'])[h],
                   'bench.event', 'Something happened ' || h, 'What happened, in a sentence of ordinary length ' || h,
                   '{"type":"system","id":"bench"}', '{}', ${uuidOf('event', 'n', 'h')}
            FROM ${series}, generate_series(1, 12) AS h`,
    },
    { label: 'note_types', sql: `INSERT INTO note_types (tenant_id, key, label, position) VALUES ($1, 'call', 'Call', 1), ($1, 'visit', 'Visit', 2)` },
    {
      label: 'customer_notes (every 10th)',
      sql: `INSERT INTO customer_notes (tenant_id, id, customer_id, type, season, year, call_status, text, author_type, author_id, created_at, updated_at)
            SELECT $1, ${uuidOf('note', 'n', 'k')}, ${customerId}, 'call', 'FW', 2025, 'reached', 'Spoke about the next season ' || k, 'user', 'rep-1',
                   now() - make_interval(days => k), now() - make_interval(days => k)
            FROM ${series}, generate_series(1, 3) AS k WHERE n % 10 = 0`,
    },
    {
      label: 'customer_tasks (every 10th)',
      sql: `INSERT INTO customer_tasks (tenant_id, id, customer_id, category, assignee, due_date, description, status, created_by_type, created_by_id)
            SELECT $1, ${uuidOf('task', 'n', 'k')}, ${customerId}, 'Follow-up', 'rep-1', current_date + k, 'Send the catalogue ' || k, 'open', 'user', 'rep-1'
            FROM ${series}, generate_series(1, 2) AS k WHERE n % 10 = 0`,
    },
    {
      label: 'customer_locations (every 10th)',
      sql: `INSERT INTO customer_locations (tenant_id, id, customer_id, name, line1, city, country, is_primary)
            SELECT $1, ${uuidOf('location', 'n')}, ${customerId}, 'HQ', 'Street ' || n, 'Berlin', 'DE', true FROM ${series} WHERE n % 10 = 0`,
    },
    {
      label: 'customer_contacts (every 10th)',
      sql: `INSERT INTO customer_contacts (tenant_id, id, customer_id, name, email, email_status, email_consent, is_primary)
            SELECT $1, ${uuidOf('contact', 'n')}, ${customerId}, 'Buyer ' || n, 'buyer' || n || '@shop.example', 'valid', 'given', true FROM ${series} WHERE n % 10 = 0`,
    },
  ];
}

function bookingsSeed(series: string): SeedStatement[] {
  // Entry e starts (e - 1800) days from now: 1800 in the past, 200 to come.
  const entry = (e: string) => uuidOf('entry', e);
  return [
    ...directory(series),
    {
      label: 'schedule_entries',
      sql: `INSERT INTO schedule_entries (tenant_id, id, title, starts_at, ends_at, capacity, places_booked, booking_form)
            SELECT $1, ${entry('e')}, 'Class ' || e, date_trunc('hour', now()) + make_interval(days => e - 1800), date_trunc('hour', now()) + make_interval(days => e - 1800, hours => 1),
                   1000, 0, '{"fields":[{"key":"age","label":"Age","type":"number","required":true}],"consents":[{"key":"photos","label":"Photos"}]}'
            FROM generate_series(0, ${ENTRIES - 1}) AS e`,
    },
    {
      label: 'tickets',
      sql: `INSERT INTO tickets (tenant_id, id, schedule_entry_id, position, name, price, currency)
            SELECT $1, ${uuidOf('ticket', 'e')}, ${entry('e')}, 1, 'Adult', 1500, 'EUR' FROM generate_series(0, ${ENTRIES - 1}) AS e`,
    },
    {
      label: 'bookings (3 per customer, the third upcoming)',
      sql: `INSERT INTO bookings (tenant_id, id, schedule_entry_id, status, channel, lead_customer_id, lead_email, lead_first_name, lead_last_name, total_amount, currency, booked_at, cancelled_at)
            SELECT $1, ${uuidOf('booking', 'n', 'b')}, ${entry(`(CASE WHEN b = 3 THEN 1800 + n % 200 ELSE (n * 7 + b * 311) % 1800 END)`)},
                   CASE WHEN (n + b) % 10 = 0 THEN 'cancelled' ELSE 'confirmed' END, 'customer', ${customerId}, ${email}, 'First' || n, 'Last' || n, 1500, 'EUR',
                   now() - make_interval(days => (4 - b) * 40 + n % 30), CASE WHEN (n + b) % 10 = 0 THEN now() - make_interval(days => (4 - b) * 40) END
            FROM ${series}, generate_series(1, 3) AS b`,
    },
    {
      label: 'booking_attendees',
      sql: `INSERT INTO booking_attendees (tenant_id, id, booking_id, position, ticket_id, customer_id, email, first_name, last_name, fields, consents, attended, attendance_recorded_at)
            SELECT b.tenant_id, md5(b.id::text || ':a')::uuid, b.id, 1, t.id, b.lead_customer_id, b.lead_email, b.lead_first_name, b.lead_last_name,
                   '{"age": 30}', '{"photos": true}', CASE WHEN e.starts_at < now() AND b.status = 'confirmed' THEN true END,
                   CASE WHEN e.starts_at < now() AND b.status = 'confirmed' THEN e.ends_at END
            FROM bookings b JOIN schedule_entries e ON e.tenant_id = b.tenant_id AND e.id = b.schedule_entry_id
            JOIN tickets t ON t.tenant_id = e.tenant_id AND t.schedule_entry_id = e.id WHERE b.tenant_id = $1`,
    },
    {
      label: 'customer_bookings',
      sql: `INSERT INTO customer_bookings (tenant_id, customer_id, booking_id, schedule_entry_id, starts_at, booked_at, status, is_lead, is_attendee, attended)
            SELECT b.tenant_id, b.lead_customer_id, b.id, b.schedule_entry_id, e.starts_at, b.booked_at, b.status, true, true, a.attended
            FROM bookings b JOIN schedule_entries e ON e.tenant_id = b.tenant_id AND e.id = b.schedule_entry_id
            JOIN booking_attendees a ON a.tenant_id = b.tenant_id AND a.booking_id = b.id WHERE b.tenant_id = $1`,
    },
    {
      label: 'schedule_entries.places_booked',
      sql: `UPDATE schedule_entries e SET places_booked = c.places
            FROM (SELECT schedule_entry_id, count(*)::int AS places FROM bookings WHERE tenant_id = $1 AND status = 'confirmed' GROUP BY 1) c
            WHERE e.tenant_id = $1 AND e.id = c.schedule_entry_id`,
    },
    {
      label: 'pass_products',
      sql: `INSERT INTO pass_products (tenant_id, id, name, uses, validity_days, price, currency)
            SELECT $1, ${uuidOf('product', 'p')}, p || '-class pass', p, 90, p * 1200, 'EUR' FROM unnest(ARRAY[5, 10, 20]) AS p`,
    },
    {
      label: 'passes (every 4th)',
      sql: `INSERT INTO passes (tenant_id, id, product_id, customer_id, uses_total, uses_used, expires_at, purchased_at)
            SELECT $1, ${uuidOf('pass', 'n')}, ${uuidOf('product', '(ARRAY[5, 10, 20])[1 + n % 3]')}, ${customerId}, (ARRAY[5, 10, 20])[1 + n % 3], n % 5,
                   now() + make_interval(days => 90 - n % 120), now() - make_interval(days => n % 120)
            FROM ${series} WHERE n % 4 = 0`,
    },
    {
      label: 'vouchers (every 10th)',
      sql: `INSERT INTO vouchers (tenant_id, id, code, amount, currency, purchased_by, purchased_at, expires_at)
            SELECT $1, ${uuidOf('voucher', 'n')}, 'V' || upper(substr(md5($1 || ':v:' || n), 1, 10)), 5000, 'EUR', ${customerId}, now() - interval '30 days', now() + interval '335 days'
            FROM ${series} WHERE n % 10 = 0`,
    },
    {
      label: 'customer_groups',
      sql: `INSERT INTO customer_groups (tenant_id, id, name, kind) SELECT $1, ${uuidOf('group', 'g')}, 'Group ' || g, 'manual' FROM generate_series(0, ${GROUPS - 1}) AS g`,
    },
    {
      label: 'group_members (every 3rd)',
      sql: `INSERT INTO group_members (tenant_id, id, group_id, customer_id, email, source, added_at)
            SELECT $1, ${uuidOf('member', 'n')}, ${uuidOf('group', `(n % ${GROUPS})`)}, ${customerId}, ${email}, 'manual', now() - interval '90 days'
            FROM ${series} WHERE n % 3 = 0`,
    },
  ];
}

function loyaltySeed(series: string): SeedStatement[] {
  const card = uuidOf('card', 'n');
  const purchase = (k: string) => uuidOf('purchase', 'n', k);
  return [
    ...directory(series),
    {
      label: 'loyalty_cards (every 2nd)',
      sql: `INSERT INTO loyalty_cards (tenant_id, id, serial_number, customer_id, status, device, issued_on, invite_code, visits_sold, visits_used, visits_available,
                                       last_visit_added_at, last_visit_refunded_at, bonus_added, bonus_spent, ltv, created_at, updated_at)
            SELECT $1, ${card}, upper(substr(md5($1 || ':s:' || n), 1, 12)), ${customerId}, 'installed', (ARRAY['pwa','apple_wallet','google_wallet'])[1 + n % 3],
                   current_date - 400, 'INV' || n, 10, 3, 7, now() - interval '50 days', now() - interval '20 days', 300, 50, 12000,
                   now() - interval '400 days', now() - interval '20 days'
            FROM ${series} WHERE n % 2 = 0`,
    },
    {
      label: 'ledger_entries (6 per card)',
      sql: `INSERT INTO ledger_entries (tenant_id, id, card_id, customer_id, kind, operation, value, reason, purchase_amount, currency, activates_at, expires_at, actor, at)
            SELECT $1, ${uuidOf('entry', 'n', 'k')}, ${card}, ${customerId}, o.kind, o.operation, o.value, o.reason, o.amount, CASE WHEN o.amount IS NOT NULL THEN 'EUR' END,
                   o.activates_at, o.expires_at, '{"type":"user","id":"staff-1"}', now() - make_interval(days => 60 - k * 8)
            FROM ${series}, LATERAL (VALUES
              (1, 'visits', 'add', 10, NULL, 12000::bigint, NULL::timestamptz, NULL::timestamptz),
              (2, 'visits', 'subtract', 2, 'use', NULL, NULL, NULL),
              (3, 'bonus', 'add', 200, NULL, NULL, NULL, now() + interval '300 days'),
              (4, 'visits', 'subtract', 1, 'use', NULL, NULL, NULL),
              (5, 'bonus', 'subtract', 50, NULL, NULL, NULL, NULL),
              (6, 'bonus', 'add', 100, NULL, NULL, now() + interval '10 days', now() + interval '400 days')
            ) AS o(k, kind, operation, value, reason, amount, activates_at, expires_at)
            WHERE n % 2 = 0`,
    },
    {
      label: 'bonus_lots (one per bonus addition)',
      sql: `INSERT INTO bonus_lots (tenant_id, id, card_id, seq, amount, remaining, activates_at, expires_at)
            SELECT tenant_id, id, card_id, seq, value, CASE WHEN activates_at IS NULL THEN value - 50 ELSE value END, activates_at, expires_at
            FROM ledger_entries WHERE tenant_id = $1 AND kind = 'bonus' AND operation = 'add'`,
    },
    {
      label: 'bonus_allocations (the spending from the first lot)',
      sql: `INSERT INTO bonus_allocations (tenant_id, entry_id, lot_id, amount)
            SELECT $1, ${uuidOf('entry', 'n', '5')}, ${uuidOf('entry', 'n', '3')}, 50 FROM ${series} WHERE n % 2 = 0`,
    },
    {
      label: 'purchases (3 receipts each, 2 orders for every 10th)',
      sql: `INSERT INTO purchases (tenant_id, id, customer_id, kind, number, store_id, store_name, occurred_at, status, currency, total, item_count, brand, season, year, sales_year, attributes, created_at, updated_at)
            SELECT $1, ${purchase('k')}, ${customerId}, p.kind, 'P-' || n || '-' || k, p.store, p.store, p.at,
                   CASE WHEN p.kind = 'receipt' THEN CASE WHEN k = 2 AND n % 9 = 0 THEN 'returned' ELSE 'completed' END ELSE (ARRAY['active','shipped'])[k - 3] END,
                   'EUR', 2000 + (n % 50) * 100 + k * 700, 2, CASE WHEN p.kind = 'order' THEN 'Brand ' || (n % 20) END, CASE WHEN p.kind = 'order' THEN 'FW' END,
                   CASE WHEN p.kind = 'order' THEN 2026 END, extract(year FROM p.at)::int, '{"channel":"store"}', p.at, p.at
            FROM ${series}, generate_series(1, 5) AS k,
                 LATERAL (SELECT CASE WHEN k <= 3 THEN 'receipt' ELSE 'order' END AS kind,
                                 CASE WHEN k <= 3 THEN (${sqlArray(STORES)})[1 + (n + k) % ${STORES.length}] END AS store,
                                 now() - make_interval(days => (n % 300) + k * 45) AS at) p
            WHERE k <= 3 OR n % 10 = 0`,
    },
    {
      label: 'purchase_lines (2 per purchase)',
      sql: `INSERT INTO purchase_lines (tenant_id, purchase_id, line_no, sku, name, category, quantity, price)
            SELECT p.tenant_id, p.id, l, 'SKU-' || l || '-' || (p.total % 97), 'Item ' || l, (${sqlArray(CATEGORIES)})[1 + (p.total / 100 + l) % ${CATEGORIES.length}], 1, p.total / 2
            FROM purchases p, generate_series(1, 2) AS l WHERE p.tenant_id = $1`,
    },
    {
      label: 'customer_metrics',
      sql: `INSERT INTO customer_metrics (tenant_id, customer_id, currency, ltv, purchase_count, purchase_total, item_total, first_purchase_at, last_purchase_at, last_purchase_id,
                                         last_purchase_total, rfm_r, rfm_f, rfm_m, rfm_segment, updated_at)
            SELECT p.tenant_id, p.customer_id, 'EUR', sum(p.total), count(*), sum(p.total), sum(p.item_count), min(p.occurred_at), max(p.occurred_at),
                   (array_agg(p.id ORDER BY p.occurred_at DESC))[1], (array_agg(p.total ORDER BY p.occurred_at DESC))[1],
                   1 + abs(hashtext(p.customer_id::text)) % 5, 1 + abs(hashtext(p.customer_id::text || 'f')) % 5, 1 + abs(hashtext(p.customer_id::text || 'm')) % 5,
                   (${sqlArray(RFM)})[1 + abs(hashtext(p.customer_id::text)) % ${RFM.length}], now()
            FROM purchases p WHERE p.tenant_id = $1 AND p.counted GROUP BY p.tenant_id, p.customer_id`,
    },
    {
      label: 'customer_sales',
      sql: `INSERT INTO customer_sales (tenant_id, customer_id, year, status, amount, purchase_count)
            SELECT tenant_id, customer_id, sales_year, status, sum(total), count(*) FROM purchases WHERE tenant_id = $1 GROUP BY 1, 2, 3, 4`,
    },
    {
      label: 'customer_stores',
      sql: `INSERT INTO customer_stores (tenant_id, customer_id, store_id, store_name, purchase_count, purchase_total, last_purchase_at)
            SELECT tenant_id, customer_id, store_id, max(store_name), count(*), sum(total), max(occurred_at)
            FROM purchases WHERE tenant_id = $1 AND counted AND store_id IS NOT NULL GROUP BY 1, 2, 3`,
    },
    {
      label: 'feedback (every 4th)',
      sql: `INSERT INTO feedback (tenant_id, id, customer_id, rating, comment, at, actor, created_at)
            SELECT $1, ${uuidOf('feedback', 'n')}, ${customerId}, 1 + n % 5, CASE WHEN n % 8 = 0 THEN 'Friendly staff' END, now() - make_interval(days => n % 90),
                   '{"type":"customer","id":"self"}', now() - make_interval(days => n % 90)
            FROM ${series} WHERE n % 4 = 0`,
    },
    {
      label: 'customer_metrics ratings',
      sql: `UPDATE customer_metrics m SET rating_count = 1, rating_sum = f.rating FROM feedback f
            WHERE m.tenant_id = $1 AND f.tenant_id = $1 AND f.customer_id = m.customer_id`,
    },
  ];
}

function marketingSeed(series: string): SeedStatement[] {
  return [
    ...directory(series),
    {
      label: 'customer_facts',
      sql: `INSERT INTO customer_facts (tenant_id, customer_id, email, email_state, sms_phone, phone_state, card_state, city, country, tags, attributes, consents, group_ids,
                                        total_events_booked, purchase_count, purchase_total, last_purchase_at, rfm_segment, snapshot_at)
            SELECT $1, ${customerId}, ${email}, 'ok', CASE WHEN n % 7 = 0 THEN NULL ELSE '+49151' || lpad(n::text, 8, '0') END,
                   CASE WHEN n % 7 = 0 THEN 'landline' ELSE 'mobile' END, CASE WHEN n % 2 = 0 THEN 'installed' ELSE 'none' END,
                   (ARRAY['Berlin','Hamburg','Munich','Cologne'])[1 + n % 4], 'DE', CASE WHEN n % 3 = 0 THEN ARRAY['vip'] ELSE '{}' END,
                   jsonb_build_object('shoeSize', 36 + n % 12), '{"email_marketing": "given"}',
                   CASE WHEN n % 3 = 0 THEN ARRAY[${uuidOf('group', `(n % ${GROUPS})`)}] ELSE '{}' END, 3, 3, 9000, now() - make_interval(days => n % 300), 'champions', now()
            FROM ${series}`,
    },
    {
      label: 'customer_cards (every 2nd)',
      sql: `INSERT INTO customer_cards (tenant_id, card_id, customer_id, serial_number, status, device)
            SELECT $1, ${uuidOf('card', 'n')}, ${customerId}, upper(substr(md5($1 || ':s:' || n), 1, 12)), 'installed', 'pwa' FROM ${series} WHERE n % 2 = 0`,
    },
    {
      label: 'subscription_categories',
      sql: `INSERT INTO subscription_categories (tenant_id, key, name) VALUES ($1, 'news', 'Newsletter'), ($1, 'promotions', 'Promotions')`,
    },
    {
      label: 'subscriptions (2 per customer)',
      sql: `INSERT INTO subscriptions (tenant_id, customer_id, channel, category, subscribed, source)
            SELECT $1, ${customerId}, c.channel, c.category, (n + c.i) % 4 <> 0, 'bench'
            FROM ${series}, (VALUES (1, 'email', 'news'), (2, 'sms', 'promotions')) AS c(i, channel, category)`,
    },
    {
      label: 'segments',
      sql: `INSERT INTO segments (tenant_id, id, name, rule, fields, member_count, version, computed_version, computed_at)
            SELECT $1, ${uuidOf('segment', 's')}, 'Segment ' || s, '{"field":"city","op":"eq","value":"Berlin"}', ARRAY['city'], 0, 1, 1, now()
            FROM generate_series(0, ${SEGMENTS - 1}) AS s`,
    },
    {
      label: 'segment_members (2 per customer)',
      sql: `INSERT INTO segment_members (tenant_id, segment_id, customer_id, since)
            SELECT $1, ${uuidOf('segment', `((n + s) % ${SEGMENTS})`)}, ${customerId}, now() - interval '10 days' FROM ${series}, generate_series(0, 1) AS s`,
    },
    {
      label: 'promo_code_pools',
      sql: `INSERT INTO promo_code_pools (tenant_id, id, name) VALUES ($1, ${uuidOf('pool', "'1'")}, 'Spring')`,
    },
    {
      label: 'mailings',
      sql: `INSERT INTO mailings (tenant_id, id, name, kind, campaign, segment_id, channel, category, control_basis_points, subject, body, status, created_by, created_at, send_requested_at, completed_at)
            SELECT $1, ${uuidOf('mailing', 'm')}, 'Mailing ' || m, CASE WHEN m % 4 = 0 THEN 'campaign' ELSE 'mass' END, CASE WHEN m % 4 = 0 THEN 'Spring' END,
                   ${uuidOf('segment', `(m % ${SEGMENTS})`)}, 'email', 'news', 1000, 'News ' || m, 'Hello', 'sent', 'user:staff-1',
                   now() - make_interval(days => m * 9), now() - make_interval(days => m * 9), now() - make_interval(days => m * 9)
            FROM generate_series(0, ${MAILINGS - 1}) AS m`,
    },
    {
      label: 'mailing_recipients (5 per customer)',
      sql: `INSERT INTO mailing_recipients (tenant_id, mailing_id, customer_id, outcome, reason, address, attempts, created_at, sent_at)
            SELECT $1, ${uuidOf('mailing', `((n + r * 4) % ${MAILINGS})`)}, ${customerId},
                   CASE WHEN (n + r) % 10 = 0 THEN 'control_group' WHEN (n + r) % 17 = 0 THEN 'excluded' ELSE 'sent' END,
                   CASE WHEN (n + r) % 10 <> 0 AND (n + r) % 17 = 0 THEN 'not_subscribed' END, ${email}, 1,
                   now() - make_interval(days => ((n + r * 4) % ${MAILINGS}) * 9), now() - make_interval(days => ((n + r * 4) % ${MAILINGS}) * 9)
            FROM ${series}, generate_series(0, 4) AS r`,
    },
    {
      label: 'promo_codes (every 5th)',
      sql: `INSERT INTO promo_codes (tenant_id, code, pool_id, customer_id, issued_at, redeemed_at)
            SELECT $1, 'SPRING' || n, ${uuidOf('pool', "'1'")}, ${customerId}, now() - interval '20 days', CASE WHEN n % 15 = 0 THEN now() - interval '5 days' END
            FROM ${series} WHERE n % 5 = 0`,
    },
    {
      label: 'promo_code_issues (every 5th)',
      sql: `INSERT INTO promo_code_issues (tenant_id, id, code, pool_id, customer_id, mailing_id, campaign, reissued, issued_at)
            SELECT $1, ${uuidOf('issue', 'n')}, 'SPRING' || n, ${uuidOf('pool', "'1'")}, ${customerId}, ${uuidOf('mailing', "'0'")}, 'Spring', false, now() - interval '20 days'
            FROM ${series} WHERE n % 5 = 0`,
    },
    {
      label: 'polls',
      sql: `INSERT INTO polls (tenant_id, id, title, questions)
            SELECT $1, ${uuidOf('poll', 'p')}, 'Poll ' || p, '[{"id":"q1","text":"How did you like it?","type":"rating"}]' FROM generate_series(0, 2) AS p`,
    },
    {
      label: 'poll_responses (every 10th)',
      sql: `INSERT INTO poll_responses (tenant_id, poll_id, customer_id, answers, answered_at)
            SELECT $1, ${uuidOf('poll', '(n % 3)')}, ${customerId}, '{"q1": 5}', now() - interval '15 days' FROM ${series} WHERE n % 10 = 0`,
    },
    {
      label: 'push_messages (every 10th)',
      sql: `INSERT INTO push_messages (tenant_id, id, customer_id, title, body, card_serial, status, attempts, created_by, created_at, sent_at)
            SELECT $1, ${uuidOf('push', 'n')}, ${customerId}, 'Your bonus', 'You have new points', upper(substr(md5($1 || ':s:' || n), 1, 12)), 'sent', 1, 'user:staff-1',
                   now() - interval '3 days', now() - interval '3 days'
            FROM ${series} WHERE n % 10 = 0`,
    },
    {
      label: 'web_events (8 per customer)',
      sql: `INSERT INTO web_events (tenant_id, customer_id, type, at, url, category, product, details, event_key)
            SELECT $1, ${customerId}, (ARRAY['visit','page_view','category_view','product_view','product_view','cart_add','page_view','visit'])[w],
                   now() - make_interval(hours => w * 30 + n % 24), 'https://shop.example/' || w,
                   (${sqlArray(CATEGORIES)})[1 + (n + w) % ${CATEGORIES.length}],
                   CASE WHEN w IN (4, 5, 6) THEN jsonb_build_object('sku', 'SKU-' || w, 'name', 'Item ' || w, 'price', 4999) END, '{}', 'bench:' || n || ':' || w
            FROM ${series}, generate_series(1, 8) AS w`,
    },
    {
      label: 'customer_interests (2 per customer)',
      sql: `INSERT INTO customer_interests (tenant_id, customer_id, category, last_viewed_at, last_purchased_at)
            SELECT $1, ${customerId}, (${sqlArray(CATEGORIES)})[1 + (n + i * 3) % ${CATEGORIES.length}], now() - make_interval(days => i + n % 20), NULL
            FROM ${series}, generate_series(1, 2) AS i`,
    },
    {
      label: 'cart_items (every 5th)',
      sql: `INSERT INTO cart_items (tenant_id, customer_id, sku, name, price, currency, quantity, added_at)
            SELECT $1, ${customerId}, 'SKU-' || i, 'Item ' || i, 4999, 'EUR', 1, now() - make_interval(hours => i * 5) FROM ${series}, generate_series(1, 2) AS i WHERE n % 5 = 0`,
    },
    {
      label: 'segments.member_count',
      sql: `UPDATE segments s SET member_count = c.members FROM (SELECT segment_id, count(*)::int AS members FROM segment_members WHERE tenant_id = $1 GROUP BY 1) c
            WHERE s.tenant_id = $1 AND s.id = c.segment_id`,
    },
  ];
}

const SEEDS: Record<ServiceName, (series: string) => SeedStatement[]> = {
  customers: customersSeed,
  bookings: bookingsSeed,
  loyalty: loyaltySeed,
  marketing: marketingSeed,
};

/** The tables each seed writes, for ANALYZE. */
const tablesOf = (statements: SeedStatement[]) => [
  ...new Set(statements.map((s) => /(?:INSERT INTO|UPDATE)\s+(\w+)/.exec(s.sql)![1])),
];

/**
 * Seeds `count` customers into `tenant` in each of the four databases, the databases at once,
 * and returns a sample of customer ids in a shuffled order with how long each database took.
 */
export async function seedProfiles(databases: Record<ServiceName, string>, tenant: string, count: number) {
  const series = `generate_series(1, ${count}) AS n`;
  const seconds: Partial<Record<ServiceName, number>> = {};
  await Promise.all(
    (Object.keys(SEEDS) as ServiceName[]).map(async (service) => {
      const statements = SEEDS[service](series).map((s) => ({ ...s, label: `${service}: ${s.label}` }));
      const seeded = await seedSql(
        databases[service],
        { statements, params: [tenant], analyze: tablesOf(statements), source: 'bench/profile-seed.ts' },
        async () => ({}),
      );
      seconds[service] = seeded.seconds;
    }),
  );
  return seconds as Record<ServiceName, number>;
}

/** `sample` customer ids spread over 1..count (a fixed stride coprime with count), as every service knows them. */
export function sampleCustomerIds(tenant: string, count: number, sample: number): string[] {
  const ids: string[] = [];
  const stride = count % 7919 === 0 ? 1 : 7919;
  for (let i = 0, n = 1; i < Math.min(sample, count); i++, n = ((n - 1 + stride) % count) + 1) {
    const hex = createHash('md5').update(`${tenant}:c:${n}`).digest('hex');
    ids.push(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
  }
  return ids;
}
