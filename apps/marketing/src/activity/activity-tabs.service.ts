import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '@app/common';
import { invalid, type AbandonedCartItemView, type InterestView, type Page, type WebActivityView } from '@app/contracts';
import { TenantSettingsStore } from '@app/platform';
import { iso, isoNow, pageRequest, toPage } from '../common/paging';
import { KnownCustomers } from '../customers/known-customers.service';
import { interestExpiresAt, interestWindowStart, rankInterests } from './interest-rules';

const ACTIVITY_TYPES = ['visit', 'category_view', 'product_view', 'page_view', 'cart_add', 'cart_remove', 'order'];
/** Interest ranking reads at most this many of the customer's latest views in the window. */
const INTEREST_VIEWS = 10_000;

/** The profile's web activity, interests and abandoned cart tabs (M6-M8). */
@Injectable()
export class ActivityTabsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: KnownCustomers,
    private readonly settings: TenantSettingsStore,
  ) {}

  /** Newest first; `type` filters to one kind of event. */
  async activity(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<WebActivityView>> {
    const { tenantId } = caller;
    const type = query.type;
    if (type !== undefined && !ACTIVITY_TYPES.includes(type as string)) throw invalid({ type: [`must be one of ${ACTIVITY_TYPES.join(', ')}`] });
    const { limit, after } = pageRequest(query, `activity:${type ?? ''}`);
    await this.customers.assertLive(tenantId, customerId);
    const rows = await this.dataSource.query(
      `SELECT id::text, type, at, at::text AS cursor_at, url, category, product, details FROM web_events
        WHERE tenant_id = $1 AND customer_id = $2 AND ($3::text IS NULL OR type = $3)
          AND ($4::timestamptz IS NULL OR (at, id) < ($4, $5::bigint))
        ORDER BY at DESC, id DESC LIMIT $6`,
      [tenantId, customerId, type ?? null, after?.value ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows, limit, `activity:${type ?? ''}`, (r: { cursor_at: string; id: string }) => ({ value: r.cursor_at, id: r.id }), toActivityView);
  }

  /** The top ten categories the customer is interested in now (M7). */
  async interests(caller: Caller, customerId: string): Promise<Page<InterestView>> {
    await this.customers.assertLive(caller.tenantId, customerId);
    return { items: await this.topInterests(this.dataSource.manager, caller.tenantId, customerId), nextCursor: null };
  }

  /** When the clock alone next changes the interests (M7): the oldest view still counted leaves the window. Null: no view counts. */
  async interestsChangeAt(em: EntityManager, tenantId: string, customerId: string, after: Date): Promise<Date | null> {
    const { interestWindowDays } = await this.settings.get(tenantId, em);
    const [row] = await em.query(
      `SELECT min(at) AS oldest FROM web_events
        WHERE tenant_id = $1 AND customer_id = $2 AND category IS NOT NULL AND type IN ('category_view', 'product_view') AND at > $3`,
      [tenantId, customerId, interestWindowStart(after, interestWindowDays)],
    );
    return row.oldest ? interestExpiresAt(new Date(row.oldest), interestWindowDays) : null;
  }

  async topInterests(em: EntityManager, tenantId: string, customerId: string, now = new Date()): Promise<InterestView[]> {
    const { interestWindowDays } = await this.settings.get(tenantId, em);
    const since = interestWindowStart(now, interestWindowDays);
    const [views, purchases] = await Promise.all([
      em.query(
        `SELECT category, at FROM web_events
          WHERE tenant_id = $1 AND customer_id = $2 AND category IS NOT NULL AND type IN ('category_view', 'product_view') AND at > $3
          ORDER BY at DESC LIMIT $4`,
        [tenantId, customerId, since, INTEREST_VIEWS],
      ),
      em.query(`SELECT category, last_purchased_at FROM customer_interests WHERE tenant_id = $1 AND customer_id = $2 AND last_purchased_at IS NOT NULL`, [
        tenantId,
        customerId,
      ]),
    ]);
    const lastPurchases = new Map<string, Date>(purchases.map((p: { category: string; last_purchased_at: Date }) => [p.category, new Date(p.last_purchased_at)]));
    return rankInterests(
      views.map((v: { category: string; at: Date }) => ({ category: v.category, at: new Date(v.at) })),
      lastPurchases,
      interestWindowDays,
      now,
    ).map((r) => ({
      category: r.category,
      views: r.views,
      lastViewedAt: r.lastViewedAt.toISOString(),
      expiresAt: interestExpiresAt(r.lastViewedAt, interestWindowDays).toISOString(),
    }));
  }

  /** Products added to the cart and not bought, most recently added first (M8). */
  async cart(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<AbandonedCartItemView>> {
    const { tenantId } = caller;
    const { limit, after } = pageRequest(query, 'cart');
    await this.customers.assertLive(tenantId, customerId);
    const rows = await this.dataSource.query(
      `SELECT sku, name, price, currency, quantity, added_at, added_at::text AS cursor_at FROM cart_items
        WHERE tenant_id = $1 AND customer_id = $2 AND ($3::timestamptz IS NULL OR (added_at, sku) < ($3, $4))
        ORDER BY added_at DESC, sku DESC LIMIT $5`,
      [tenantId, customerId, after?.value ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows, limit, 'cart', (r: { cursor_at: string; sku: string }) => ({ value: r.cursor_at, id: r.sku }), toCartView);
  }
}

export function toActivityView(r: {
  id: string;
  type: WebActivityView['type'];
  at: Date;
  url: string | null;
  category: string | null;
  product: WebActivityView['product'];
  details: WebActivityView['order'];
}): WebActivityView {
  return { id: r.id, type: r.type, at: isoNow(r.at), url: r.url, category: r.category, product: r.product, order: r.type === 'order' ? r.details : null };
}

export function toCartView(r: { sku: string; name: string; price: string | null; currency: string | null; quantity: number; added_at: Date }): AbandonedCartItemView {
  return { sku: r.sku, name: r.name, price: r.price === null ? null : Number(r.price), currency: r.currency, quantity: r.quantity, addedAt: iso(r.added_at)! };
}
