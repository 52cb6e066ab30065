import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '@app/common';
import {
  DomainError,
  ErrorCodes,
  invalid,
  MarketingEvents,
  type ActivityTrackedV1,
  type FieldErrors,
  type PurchaseV1,
  type TrackRejection,
  type TrackResult,
} from '@app/contracts';
import { OutboxService } from '@app/platform';
import { CustomerFactsRepository } from '../customers/customer-facts.repository';
import { customerNotFound, KnownCustomers } from '../customers/known-customers.service';
import { SegmentMembershipService } from '../segments/segment-membership.service';
import { cartChanges, isInterestView, parseTrackEvent, TRACK_LIMITS, type TrackedEvent } from './track-rules';

interface Resolved extends TrackedEvent {
  index: number;
  customer: string;
}

interface StoredEvent {
  customer_id: string;
  type: string;
  at: Date;
  url: string | null;
  category: string | null;
  product: Resolved['product'];
  ord: number;
}

/** Purchases that satisfy an interest: a completed receipt, or an order that was not cancelled. */
const satisfies = (p: PurchaseV1) => (p.kind === 'receipt' ? p.status === 'completed' : p.status !== 'cancelled');

/**
 * Web activity (M6): events from POST /track, one or a batch, by customer id or email; each
 * good event is stored, each bad one reported by its index. Category and product views feed
 * interests (M7), cart additions and removals the abandoned cart (M8). Orders come from
 * loyalty's purchase events.
 */
@Injectable()
export class TrackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: CustomerFactsRepository,
    private readonly known: KnownCustomers,
    private readonly membership: SegmentMembershipService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * A single event answers like any request (400 with its field errors, 404 for an unknown
   * customer); a batch (`batch: true`) always answers what it stored and what it refused.
   */
  async track(caller: Caller, rawEvents: unknown, batch: boolean): Promise<TrackResult> {
    const { tenantId } = caller;
    if (!Array.isArray(rawEvents) || rawEvents.length === 0 || rawEvents.length > TRACK_LIMITS.batch) {
      throw invalid({ events: [`must be an event or a list of 1-${TRACK_LIMITS.batch} events`] });
    }
    const rejected: TrackRejection[] = [];
    const parsed: Array<TrackedEvent & { index: number }> = [];
    const now = new Date();
    rawEvents.forEach((raw, index) => {
      const { event, errors } = parseTrackEvent(raw, now);
      if (event) parsed.push({ ...event, index });
      else rejected.push({ index, code: ErrorCodes.validationFailed, errors });
    });

    const resolved = await this.resolve(tenantId, parsed, rejected);
    const result = await this.dataSource.transaction(async (em) => {
      const live = await this.facts.lockLiveMany(em, tenantId, resolved.map((e) => e.customer));
      const kept = resolved.filter((e) => {
        if (live.has(e.customer)) return true;
        rejected.push(unknownCustomer(e));
        return false;
      });
      if (kept.length === 0) return { accepted: 0, duplicates: 0 };
      const stored = await this.insert(em, tenantId, kept);
      await this.applyInterests(em, tenantId, stored);
      await this.applyCart(em, tenantId, stored);
      await this.publish(em, tenantId, caller, stored);
      await this.membership.reevaluate(em, tenantId, [...new Set(stored.filter(isInterestView).map((e) => e.customer_id))], ['interests']);
      return { accepted: stored.length, duplicates: kept.length - stored.length };
    });
    this.outbox.flush();
    rejected.sort((a, b) => a.index - b.index);
    if (!batch && rejected.length) {
      const [only] = rejected;
      if (only.code === ErrorCodes.customerNotFound) throw customerNotFound();
      if (only.code === ErrorCodes.serviceUnavailable) throw new DomainError(503, ErrorCodes.serviceUnavailable, 'The customers service did not answer; send the event again');
      throw invalid(only.errors);
    }
    return { ...result, rejected };
  }

  /**
   * Records a purchase from loyalty (in the event's transaction): an order in the web activity,
   * interests in its categories satisfied, its products out of the abandoned cart.
   */
  async recordPurchase(em: EntityManager, tenantId: string, purchase: PurchaseV1): Promise<void> {
    if (!(await this.facts.lockLive(em, tenantId, purchase.customerId))) return;
    await em.query(
      `INSERT INTO web_events (tenant_id, customer_id, type, at, details, event_key)
       VALUES ($1, $2, 'order', $3, $4, $5) ON CONFLICT (tenant_id, event_key) WHERE event_key IS NOT NULL DO NOTHING`,
      [
        tenantId,
        purchase.customerId,
        purchase.occurredAt,
        JSON.stringify({ purchaseId: purchase.id, number: purchase.number, total: purchase.total, currency: purchase.currency, status: purchase.status }),
        `purchase:${purchase.id}`,
      ],
    );
    if (!satisfies(purchase)) return;
    const categories = [...new Set(purchase.lines.map((l) => l.category).filter((c): c is string => !!c))];
    if (categories.length) {
      await em.query(
        `INSERT INTO customer_interests (tenant_id, customer_id, category, last_purchased_at)
         SELECT $1, $2, unnest($3::text[]), $4
         ON CONFLICT (tenant_id, customer_id, category) DO UPDATE
           SET last_purchased_at = greatest(customer_interests.last_purchased_at, EXCLUDED.last_purchased_at)`,
        [tenantId, purchase.customerId, categories, purchase.occurredAt],
      );
      await this.membership.reevaluate(em, tenantId, [purchase.customerId], ['interests']);
    }
    const skus = [...new Set(purchase.lines.map((l) => l.sku))];
    await em.query(`DELETE FROM cart_items WHERE tenant_id = $1 AND customer_id = $2 AND sku = ANY($3) AND added_at <= $4`, [
      tenantId,
      purchase.customerId,
      skus,
      purchase.occurredAt,
    ]);
  }

  /** Customer ids for every parsed event; events of unknown customers (or not checkable now) go to `rejected`. */
  private async resolve(tenantId: string, parsed: Array<TrackedEvent & { index: number }>, rejected: TrackRejection[]): Promise<Resolved[]> {
    const ids = await this.known.checkIds(tenantId, parsed.filter((e) => e.customerId).map((e) => e.customerId!));
    const emails = await this.known.idsByEmails(tenantId, parsed.filter((e) => e.email).map((e) => e.email!));
    const resolved: Resolved[] = [];
    for (const e of parsed) {
      const customer = e.customerId ? (ids.get(e.customerId) === 'known' ? e.customerId : null) : (emails.get(e.email!) ?? null);
      const checked = e.customerId ? ids.get(e.customerId) !== 'unchecked' : emails.has(e.email!);
      if (customer) resolved.push({ ...e, customer });
      else rejected.push(checked ? unknownCustomer(e) : unchecked(e));
    }
    return resolved;
  }

  /** One INSERT for the batch; an eventId stored before is skipped (a repeat of the same call). */
  private async insert(em: EntityManager, tenantId: string, events: Resolved[]): Promise<StoredEvent[]> {
    return em.query(
      `INSERT INTO web_events (tenant_id, customer_id, type, at, url, category, product, event_key)
       SELECT $1, e.customer_id, e.type, e.at, e.url, e.category, e.product, e.event_key
         FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::jsonb[], $8::text[]) WITH ORDINALITY
              AS e(customer_id, type, at, url, category, product, event_key, ord)
        ORDER BY e.ord
       ON CONFLICT (tenant_id, event_key) WHERE event_key IS NOT NULL DO NOTHING
       RETURNING customer_id, type, at, url, category, product, id AS ord`,
      [
        tenantId,
        events.map((e) => e.customer),
        events.map((e) => e.type),
        events.map((e) => e.at.toISOString()),
        events.map((e) => e.url),
        events.map((e) => e.category),
        events.map((e) => (e.product ? JSON.stringify(e.product) : null)),
        events.map((e) => e.eventId),
      ],
    );
  }

  /** Category and product views move each interest's last view (M7). */
  private async applyInterests(em: EntityManager, tenantId: string, stored: StoredEvent[]): Promise<void> {
    const latest = new Map<string, { customer: string; category: string; at: Date }>();
    for (const e of stored.filter(isInterestView)) {
      const key = `${e.customer_id} ${e.category}`;
      const at = new Date(e.at);
      const seen = latest.get(key);
      if (!seen || seen.at < at) latest.set(key, { customer: e.customer_id, category: e.category!, at });
    }
    if (latest.size === 0) return;
    const rows = [...latest.values()].sort((a, b) => (a.customer + a.category < b.customer + b.category ? -1 : 1));
    await em.query(
      `INSERT INTO customer_interests (tenant_id, customer_id, category, last_viewed_at)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::timestamptz[])
       ON CONFLICT (tenant_id, customer_id, category) DO UPDATE
         SET last_viewed_at = greatest(customer_interests.last_viewed_at, EXCLUDED.last_viewed_at)`,
      [tenantId, rows.map((r) => r.customer), rows.map((r) => r.category), rows.map((r) => r.at.toISOString())],
    );
  }

  /**
   * Cart additions and removals in the order they happened (M8), in two statements: products
   * removed in the batch leave the cart, then the additions after each product's last removal
   * add to its quantity (the latest name and price win).
   */
  private async applyCart(em: EntityManager, tenantId: string, stored: StoredEvent[]): Promise<void> {
    const cart = stored.filter((e) => e.type === 'cart_add' || e.type === 'cart_remove');
    if (cart.length === 0) return;
    const { removed, added } = cartChanges(cart.map((e) => ({ customerId: e.customer_id, type: e.type as 'cart_add' | 'cart_remove', at: new Date(e.at), order: Number(e.ord), product: e.product! })));
    if (removed.length) {
      await em.query(
        `DELETE FROM cart_items c USING unnest($2::uuid[], $3::text[]) AS r(customer_id, sku)
          WHERE c.tenant_id = $1 AND c.customer_id = r.customer_id AND c.sku = r.sku`,
        [tenantId, removed.map((r) => r.customerId), removed.map((r) => r.sku)],
      );
    }
    if (added.length) {
      await em.query(
        `INSERT INTO cart_items (tenant_id, customer_id, sku, name, price, currency, quantity, added_at)
         SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::int[], $8::timestamptz[])
         ON CONFLICT (tenant_id, customer_id, sku) DO UPDATE
           SET name = EXCLUDED.name, price = coalesce(EXCLUDED.price, cart_items.price), currency = coalesce(EXCLUDED.currency, cart_items.currency),
               quantity = cart_items.quantity + EXCLUDED.quantity, added_at = greatest(cart_items.added_at, EXCLUDED.added_at)`,
        [
          tenantId,
          added.map((a) => a.customerId),
          added.map((a) => a.sku),
          added.map((a) => a.name),
          added.map((a) => a.price),
          added.map((a) => a.currency),
          added.map((a) => a.quantity),
          added.map((a) => a.addedAt.toISOString()),
        ],
      );
    }
  }

  /** One activity.tracked per customer of the call (the customers service's timeline). */
  private async publish(em: EntityManager, tenantId: string, caller: Caller, stored: StoredEvent[]): Promise<void> {
    const byCustomer = new Map<string, ActivityTrackedV1['events']>();
    for (const e of stored) {
      const list = byCustomer.get(e.customer_id) ?? [];
      list.push({ type: e.type, at: new Date(e.at).toISOString(), url: e.url, product: e.product?.name ?? e.product?.sku ?? null, category: e.category });
      byCustomer.set(e.customer_id, list);
    }
    await this.outbox.enqueueMany<ActivityTrackedV1>(
      em,
      [...byCustomer].map(([customerId, events]) => ({ type: MarketingEvents.activityTracked, tenantId, actor: caller.actor, data: { customerId, events } })),
    );
  }
}

/** A customer this service has not seen and could not ask the customers service about: send again later. */
function unchecked(e: TrackedEvent & { index: number }): TrackRejection {
  const field = e.customerId ? 'customerId' : 'email';
  return { index: e.index, code: ErrorCodes.serviceUnavailable, errors: { [field]: ['could not be checked now (customers service unavailable); send this event again'] } };
}

function unknownCustomer(e: TrackedEvent & { index: number }): TrackRejection {
  const errors: FieldErrors = e.customerId ? { customerId: ['no customer with this id'] } : { email: ['no customer with this email'] };
  return { index: e.index, code: ErrorCodes.customerNotFound, errors };
}
