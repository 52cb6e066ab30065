import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '@app/common';
import {
  CHANNELS,
  invalid,
  MarketingErrorCodes,
  MarketingEvents,
  unprocessable,
  type Channel,
  type FieldErrors,
  type Page,
  type SubscriptionCategoryView,
  type SubscriptionChangedV1,
  type SubscriptionView,
} from '@app/contracts';
import { OutboxService } from '@app/platform';
import { isoNow, iso, pageRequest, toPage } from '../common/paging';
import { contactReason, type CardState, type EmailState, type PhoneState } from '../customers/contact-state';
import { CustomerFactsRepository } from '../customers/customer-facts.repository';
import { customerNotFound, KnownCustomers } from '../customers/known-customers.service';
import { SegmentMembershipService } from '../segments/segment-membership.service';
import { CATEGORY_KEY } from '../segments/segment-rules';

const MAX_CHANGES = 100;

interface SubscriptionRow {
  category: string;
  name: string;
  channel: Channel;
  pos: string;
  subscribed: boolean | null;
  updated_at: Date | null;
  email_state: EmailState | null;
  phone_state: PhoneState | null;
  card_state: CardState | null;
}

/**
 * Subscriptions (M1): per channel and category, opt-in (not subscribed until the customer
 * subscribes). Only active categories are shown and accept changes. Whether a send can reach
 * the customer combines the subscription with contact validity (C2).
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: CustomerFactsRepository,
    private readonly customers: KnownCustomers,
    private readonly membership: SegmentMembershipService,
    private readonly outbox: OutboxService,
  ) {}

  async listCategories(caller: Caller): Promise<SubscriptionCategoryView[]> {
    const rows = await this.dataSource.query(`SELECT * FROM subscription_categories WHERE tenant_id = $1 ORDER BY key`, [caller.tenantId]);
    return rows.map(toCategoryView);
  }

  /** Creates a category or changes its name or active flag. */
  async putCategory(caller: Caller, key: unknown, input: Record<string, unknown>): Promise<SubscriptionCategoryView> {
    const errors: FieldErrors = {};
    if (typeof key !== 'string' || !CATEGORY_KEY.test(key)) errors.key = ['must be 1-64 lower-case letters, digits, _ or -, starting with a letter or digit'];
    if (typeof input.name !== 'string' || !input.name.trim() || input.name.length > 200) errors.name = ['must be a text of 1-200 characters'];
    if (input.active !== undefined && typeof input.active !== 'boolean') errors.active = ['must be true or false'];
    if (Object.keys(errors).length) throw invalid(errors);
    const [row] = await this.dataSource.query(
      `INSERT INTO subscription_categories (tenant_id, key, name, active) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, key) DO UPDATE
         SET name = EXCLUDED.name, active = coalesce($5::boolean, subscription_categories.active), updated_at = now()
       RETURNING *`,
      [caller.tenantId, key, (input.name as string).trim(), input.active ?? true, input.active ?? null],
    );
    return toCategoryView(row);
  }

  /**
   * Sets subscriptions of one customer (the customer themself through the portal, or staff).
   * Each change that flips a subscription is published; the customer's segments follow.
   */
  async set(caller: Caller, customerId: string, rawChanges: unknown): Promise<SubscriptionView[]> {
    const { tenantId, actor } = caller;
    const changes = checkChanges(rawChanges);
    await this.customers.assertLive(tenantId, customerId);
    const views = await this.dataSource.transaction(async (em) => {
      if (!(await this.facts.lockLive(em, tenantId, customerId))) throw customerNotFound();
      await this.assertActiveCategories(em, tenantId, changes.map((c) => c.category));
      const current: Array<{ channel: string; category: string; subscribed: boolean }> = await em.query(
        `SELECT channel, category, subscribed FROM subscriptions WHERE tenant_id = $1 AND customer_id = $2`,
        [tenantId, customerId],
      );
      const was = new Map(current.map((c) => [`${c.channel}.${c.category}`, c.subscribed]));
      const source = actor.type === 'customer' ? 'customer' : actor.type === 'system' ? 'system' : 'staff';
      const flipped = changes.filter((c) => (was.get(`${c.channel}.${c.category}`) ?? false) !== c.subscribed);
      const now = new Date().toISOString();
      await em.query(
        `INSERT INTO subscriptions (tenant_id, customer_id, channel, category, subscribed, source, updated_at)
         SELECT $1, $2, * , $6, now() FROM unnest($3::text[], $4::text[], $5::boolean[])
         ON CONFLICT (tenant_id, customer_id, channel, category) DO UPDATE
           SET subscribed = EXCLUDED.subscribed, source = EXCLUDED.source,
               updated_at = CASE WHEN subscriptions.subscribed = EXCLUDED.subscribed THEN subscriptions.updated_at ELSE now() END`,
        [tenantId, customerId, changes.map((c) => c.channel), changes.map((c) => c.category), changes.map((c) => c.subscribed), source],
      );
      for (const c of flipped) {
        await this.outbox.enqueue<SubscriptionChangedV1>(em, {
          type: MarketingEvents.subscriptionChanged,
          tenantId,
          actor,
          data: { customerId, channel: c.channel, category: c.category, subscribed: c.subscribed, at: now },
        });
      }
      if (flipped.length) await this.membership.reevaluate(em, tenantId, [customerId], ['subscriptions']);
      const rows = await this.rows(em, tenantId, customerId, { categories: changes.map((c) => c.category) });
      const wanted = new Set(changes.map((c) => `${c.channel}.${c.category}`));
      return rows.filter((r) => wanted.has(`${r.channel}.${r.category}`)).map(toSubscriptionView);
    });
    this.outbox.flush();
    return views;
  }

  /** The customer's subscriptions: every active category × channel, by category then channel. */
  async customerSubscriptions(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<SubscriptionView>> {
    const { limit, after } = pageRequest(query, 'subscriptions');
    await this.customers.assertLive(caller.tenantId, customerId);
    return subscriptionsPage(await this.rows(this.dataSource.manager, caller.tenantId, customerId, { after, limit: limit + 1 }), limit);
  }

  /**
   * All of the customer's subscription states (the customer summary) and, from the same read,
   * the first page of their tab; 404 unless the customer is live.
   */
  async allOfCustomer(caller: Caller, customerId: string): Promise<{ all: SubscriptionView[]; firstPage: (limit: number) => Page<SubscriptionView> }> {
    await this.customers.assertLive(caller.tenantId, customerId);
    const rows = await this.rows(this.dataSource.manager, caller.tenantId, customerId, {});
    return { all: rows.map(toSubscriptionView), firstPage: (limit) => subscriptionsPage(rows.slice(0, limit + 1), limit) };
  }

  private async rows(
    em: EntityManager,
    tenantId: string,
    customerId: string,
    options: { categories?: string[]; after?: { value: string; id: string } | null; limit?: number },
  ): Promise<SubscriptionRow[]> {
    return em.query(
      `SELECT c.key AS category, c.name, ch.channel, ch.pos::text AS pos, s.subscribed, s.updated_at, f.email_state, f.phone_state, f.card_state
         FROM subscription_categories c
        CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS ch(channel, pos)
         LEFT JOIN subscriptions s ON s.tenant_id = c.tenant_id AND s.customer_id = $2 AND s.channel = ch.channel AND s.category = c.key
         LEFT JOIN customer_facts f ON f.tenant_id = c.tenant_id AND f.customer_id = $2
        WHERE c.tenant_id = $1 AND c.active
          AND ($4::text[] IS NULL OR c.key = ANY($4))
          AND ($5::text IS NULL OR (c.key, ch.pos) > ($5, $6::bigint))
        ORDER BY c.key, ch.pos
        LIMIT $7`,
      [tenantId, customerId, CHANNELS, options.categories ?? null, options.after?.value ?? null, options.after?.id ?? null, options.limit ?? null],
    );
  }

  private async assertActiveCategories(em: EntityManager, tenantId: string, categories: string[]): Promise<void> {
    const rows: Array<{ key: string; active: boolean }> = await em.query(
      `SELECT key, active FROM subscription_categories WHERE tenant_id = $1 AND key = ANY($2) FOR SHARE`,
      [tenantId, [...new Set(categories)]],
    );
    const byKey = new Map(rows.map((r) => [r.key, r.active]));
    const unknown = categories.filter((c) => !byKey.has(c));
    if (unknown.length) throw notFoundCategory(unknown[0]);
    const inactive = categories.find((c) => byKey.get(c) === false);
    if (inactive) throw unprocessable(MarketingErrorCodes.subscriptionCategoryInactive, `The subscription category ${inactive} is not active`, { category: inactive });
  }
}

/** A body naming a category the tenant does not have: 422 (the request is well formed, the category is missing). */
export const notFoundCategory = (key: string) =>
  unprocessable(MarketingErrorCodes.subscriptionCategoryNotFound, `There is no subscription category ${key}`, { category: key });

/** The change list of PUT /customers/{id}/subscriptions, or a 400 by index. */
export function checkChanges(raw: unknown): Array<{ channel: Channel; category: string; subscribed: boolean }> {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_CHANGES) throw invalid({ subscriptions: [`must be a list of 1-${MAX_CHANGES} changes`] });
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  raw.forEach((c, i) => {
    if (!c || typeof c !== 'object') return (errors[`[${i}]`] = ['must be { channel, category, subscribed }']);
    if (!CHANNELS.includes(c.channel)) errors[`[${i}].channel`] = [`must be one of ${CHANNELS.join(', ')}`];
    if (typeof c.category !== 'string' || !CATEGORY_KEY.test(c.category)) errors[`[${i}].category`] = ['must be a category key'];
    if (typeof c.subscribed !== 'boolean') errors[`[${i}].subscribed`] = ['must be true or false'];
    const key = `${c.channel}.${c.category}`;
    if (seen.has(key)) errors[`[${i}]`] = [`${key} is given twice`];
    seen.add(key);
  });
  if (Object.keys(errors).length) throw invalid(errors);
  return raw as Array<{ channel: Channel; category: string; subscribed: boolean }>;
}

function toCategoryView(r: { key: string; name: string; active: boolean; created_at: Date; updated_at: Date }): SubscriptionCategoryView {
  return { key: r.key, name: r.name, active: r.active, createdAt: isoNow(r.created_at), updatedAt: isoNow(r.updated_at) };
}

function toSubscriptionView(r: SubscriptionRow): SubscriptionView {
  const subscribed = r.subscribed === true;
  const contact = contactReason(r.channel, { emailState: r.email_state ?? 'none', phoneState: r.phone_state ?? 'none', cardState: r.card_state ?? 'none' });
  const reason = !subscribed ? 'unsubscribed' : contact;
  return { channel: r.channel, category: r.category, categoryName: r.name, subscribed, updatedAt: iso(r.updated_at), eligible: reason === null, reason };
}

const subscriptionsPage = (rows: SubscriptionRow[], limit: number): Page<SubscriptionView> =>
  toPage(rows, limit, 'subscriptions', (r: SubscriptionRow) => ({ value: r.category, id: r.pos }), toSubscriptionView);
