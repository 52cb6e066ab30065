import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, pageLimit, type Caller } from '@app/common';
import {
  BookingErrorCodes,
  BookingEvents,
  invalid,
  notFound,
  unprocessable,
  type Page,
  type PassAdjustedV1,
  type PassProductView,
  type PassPurchasedV1,
  type PassStatus,
  type PassView,
} from '@app/contracts';
import { IdempotencyService, OutboxService, TenantSettingsStore } from '@app/platform';
import { CustomerResolver } from '../common/customer-resolver';
import { InputReader } from '../common/input';
import { iso, isoOrNull, money } from '../common/money';
import { rowsOf, type WriteResult } from '../common/sql';
import { passExpiry, passRefusal, passStatus } from './pass-rules';

const passNotFound = () => notFound('Pass', BookingErrorCodes.passNotFound);
const STATUS_FILTER: Record<PassStatus, string> = {
  active: `p.uses_used < p.uses_total AND (p.expires_at IS NULL OR p.expires_at > now())`,
  used_up: `p.uses_used >= p.uses_total`,
  expired: `p.uses_used < p.uses_total AND p.expires_at <= now()`,
};

/** Pass products and customers' passes (B4): uses, expiry, status, staff adjustments. */
@Injectable()
export class PassesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: TenantSettingsStore,
    private readonly customers: CustomerResolver,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
  ) {}

  async createProduct(caller: Caller, input: Record<string, unknown>): Promise<PassProductView> {
    const { tenantId } = caller;
    const r = new InputReader();
    const name = r.text(input.name, 'name');
    const uses = r.int(input.uses, 'uses', 1, 10_000);
    const validityDays = r.int(input.validityDays, 'validityDays', 1, 3650, { optional: true });
    const price = r.int(input.price, 'price', 0, 100_000_000);
    const currency = r.currency(input.currency, 'currency', (await this.settings.get(tenantId)).currency);
    if (!r.ok) throw invalid(r.errors);
    const id = randomUUID();
    const [row] = await this.dataSource.query(
      `INSERT INTO pass_products (tenant_id, id, name, uses, validity_days, price, currency) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [tenantId, id, name, uses, validityDays, price, currency],
    );
    return productView(row);
  }

  async listProducts(caller: Caller, query: Record<string, unknown>): Promise<Page<PassProductView>> {
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor, 'createdAt');
    const rows = await this.dataSource.query(
      `SELECT * FROM pass_products WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [caller.tenantId, cursor?.value ?? null, cursor?.id ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map(productView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor('createdAt', { value: last.createdAt, id: last.id }) : null };
  }

  /** Sells a pass of a product to a customer; it expires validityDays after purchase (if the product says so). */
  async sell(caller: Caller, input: Record<string, unknown>, idempotencyKey: unknown): Promise<PassView> {
    const { tenantId, actor } = caller;
    const r = new InputReader();
    const productId = r.uuid(input.productId, 'productId');
    const customerId = r.uuid(input.customerId, 'customerId');
    if (!r.ok) throw invalid(r.errors);
    const view = await this.idempotency.run(tenantId, idempotencyKey, 'bookings.pass.sell', { productId, customerId }, async (em) => {
      const [product] = await em.query(`SELECT * FROM pass_products WHERE tenant_id = $1 AND id = $2`, [tenantId, productId]);
      if (!product) throw notFound('Pass product', BookingErrorCodes.passProductNotFound);
      await this.customers.require(em, tenantId, customerId!);
      const { timeZone } = await this.settings.get(tenantId, em);
      const now = new Date();
      const id = randomUUID();
      const expiresAt = passExpiry(now, product.validity_days, timeZone);
      await em.query(
        `INSERT INTO passes (tenant_id, id, product_id, customer_id, uses_total, expires_at, purchased_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [tenantId, id, productId, customerId, product.uses, expiresAt, now],
      );
      await this.outbox.enqueue<PassPurchasedV1>(em, {
        type: BookingEvents.passPurchased,
        tenantId,
        actor,
        data: { passId: id, productId: productId!, productName: product.name, customerId: customerId!, uses: product.uses, expiresAt: isoOrNull(expiresAt) },
      });
      return (await this.views(em, tenantId, { ids: [id] }))[0];
    });
    this.outbox.flush();
    return view;
  }

  async get(caller: Caller, id: string): Promise<PassView> {
    const [view] = await this.views(this.dataSource.manager, caller.tenantId, { ids: [id] });
    if (!view) throw passNotFound();
    return view;
  }

  /** Staff adjust the uses left or the expiry; every adjustment is recorded with who, when and why. */
  async adjust(caller: Caller, id: string, input: Record<string, unknown>): Promise<PassView> {
    const { tenantId, actor } = caller;
    const r = new InputReader();
    const usesRemaining = r.int(input.usesRemaining, 'usesRemaining', 0, 10_000, { optional: true });
    const changesExpiry = input.expiresAt !== undefined;
    const expiresAt = changesExpiry ? r.instant(input.expiresAt, 'expiresAt', { optional: true }) : null;
    const reason = r.text(input.reason, 'reason', { max: 500, optional: true });
    if (usesRemaining === null && !changesExpiry && r.ok) r.fail('usesRemaining', 'give usesRemaining or expiresAt to change');
    if (!r.ok) throw invalid(r.errors);
    const view = await this.dataSource.transaction(async (em) => {
      const [pass] = await em.query(`SELECT * FROM passes WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      if (!pass) throw passNotFound();
      const before = pass.uses_total - pass.uses_used;
      const after = usesRemaining ?? before;
      const expiresAfter = changesExpiry ? expiresAt : pass.expires_at;
      await em.query(`UPDATE passes SET uses_total = uses_used + $3, expires_at = $4 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, after, expiresAfter]);
      await em.query(
        `INSERT INTO pass_adjustments (tenant_id, pass_id, actor, uses_remaining_before, uses_remaining_after, expires_at_before, expires_at_after, reason, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
        [tenantId, id, `${actor.type}:${actor.id}`, before, after, pass.expires_at, expiresAfter, reason],
      );
      await this.outbox.enqueue<PassAdjustedV1>(em, {
        type: BookingEvents.passAdjusted,
        tenantId,
        actor,
        data: { passId: id, customerId: pass.customer_id, usesRemaining: after, expiresAt: isoOrNull(expiresAfter), reason },
      });
      return (await this.views(em, tenantId, { ids: [id] }))[0];
    });
    this.outbox.flush();
    return view;
  }

  /**
   * Takes one use per attendee from the lead booker's pass, atomically (a conditional UPDATE
   * that cannot pass the uses or the expiry); 422 with the rule that refused otherwise.
   */
  async useForBooking(
    em: EntityManager,
    tenantId: string,
    use: { passId: string; customerId: string | null; attendeeIds: string[]; bookingId: string; now: Date },
  ): Promise<void> {
    const taken: WriteResult = await em.query(
      `UPDATE passes SET uses_used = uses_used + $4
        WHERE tenant_id = $1 AND id = $2 AND customer_id = $3::uuid AND uses_used + $4 <= uses_total AND (expires_at IS NULL OR expires_at > $5)
        RETURNING id`,
      [tenantId, use.passId, use.customerId, use.attendeeIds.length, use.now],
    );
    if (rowsOf(taken).length === 0) {
      const [pass] = await em.query(`SELECT customer_id, uses_total, uses_used, expires_at FROM passes WHERE tenant_id = $1 AND id = $2`, [tenantId, use.passId]);
      if (!pass) throw unprocessable(BookingErrorCodes.passNotFound, 'The pass does not exist');
      const refusal = passRefusal(
        { customerId: pass.customer_id, usesTotal: pass.uses_total, usesUsed: pass.uses_used, expiresAt: pass.expires_at },
        use.customerId,
        use.attendeeIds.length,
        use.now,
      ) ?? { code: BookingErrorCodes.passUsedUp, message: 'The pass cannot pay for this booking' };
      throw unprocessable(refusal.code, refusal.message, { passId: use.passId });
    }
    await em.query(
      `INSERT INTO pass_uses (tenant_id, pass_id, attendee_id, booking_id, used_at) SELECT $1, $2, unnest($3::uuid[]), $4, $5`,
      [tenantId, use.passId, use.attendeeIds, use.bookingId, use.now],
    );
  }

  /** Gives a cancelled booking's pass uses back. */
  async returnForBooking(em: EntityManager, tenantId: string, bookingId: string): Promise<void> {
    const returned: WriteResult = await em.query(
      `UPDATE pass_uses SET returned_at = now() WHERE tenant_id = $1 AND booking_id = $2 AND returned_at IS NULL RETURNING pass_id`,
      [tenantId, bookingId],
    );
    const rows = rowsOf(returned);
    if (rows.length === 0) return;
    await em.query(`UPDATE passes SET uses_used = uses_used - $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, rows[0].pass_id, rows.length]);
  }

  /** The customer's passes tab, newest first, optionally by status (derived from the clock). */
  async ofCustomer(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<PassView>> {
    const r = new InputReader();
    const status = r.oneOf(query.status, 'status', Object.keys(STATUS_FILTER) as PassStatus[], { optional: true });
    if (!r.ok) throw invalid(r.errors);
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor, '-purchasedAt');
    const rows = await this.views(this.dataSource.manager, caller.tenantId, {
      customerId,
      status,
      before: cursor && { purchasedAt: cursor.value, id: cursor.id },
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor('-purchasedAt', { value: last.purchasedAt, id: last.id }) : null };
  }

  private async views(
    em: EntityManager,
    tenantId: string,
    filter: { ids?: string[]; customerId?: string; status?: PassStatus | null; before?: { purchasedAt: string; id: string } | null; limit?: number },
  ): Promise<PassView[]> {
    const rows = await em.query(
      `SELECT p.*, pp.name AS product_name,
              (SELECT coalesce(json_agg(json_build_object('at', a.at, 'actor', a.actor, 'usesRemainingBefore', a.uses_remaining_before,
                        'usesRemainingAfter', a.uses_remaining_after, 'expiresAtBefore', a.expires_at_before, 'expiresAtAfter', a.expires_at_after,
                        'reason', a.reason) ORDER BY a.at, a.id), '[]')
                 FROM pass_adjustments a WHERE a.tenant_id = p.tenant_id AND a.pass_id = p.id) AS adjustments
         FROM passes p JOIN pass_products pp ON pp.tenant_id = p.tenant_id AND pp.id = p.product_id
        WHERE p.tenant_id = $1
          AND ($2::uuid[] IS NULL OR p.id = ANY($2))
          AND ($3::uuid IS NULL OR p.customer_id = $3)
          AND ($4::timestamptz IS NULL OR (p.purchased_at, p.id) < ($4, $5::uuid))
          ${filter.status ? `AND ${STATUS_FILTER[filter.status]}` : ''}
        ORDER BY p.purchased_at DESC, p.id DESC
        LIMIT $6`,
      [tenantId, filter.ids ?? null, filter.customerId ?? null, filter.before?.purchasedAt ?? null, filter.before?.id ?? null, filter.limit ?? 100],
    );
    const now = new Date();
    return rows.map(
      (p: Record<string, any>): PassView => ({
        id: p.id,
        productId: p.product_id,
        productName: p.product_name,
        customerId: p.customer_id,
        usesTotal: p.uses_total,
        usesUsed: p.uses_used,
        usesRemaining: p.uses_total - p.uses_used,
        expiresAt: isoOrNull(p.expires_at),
        status: passStatus({ usesTotal: p.uses_total, usesUsed: p.uses_used, expiresAt: p.expires_at }, now),
        purchasedAt: iso(p.purchased_at),
        adjustments: p.adjustments.map((a: Record<string, any>) => ({
          ...a,
          at: iso(a.at),
          expiresAtBefore: isoOrNull(a.expiresAtBefore),
          expiresAtAfter: isoOrNull(a.expiresAtAfter),
        })),
      }),
    );
  }
}

function productView(row: Record<string, any>): PassProductView {
  return { id: row.id, name: row.name, uses: row.uses, validityDays: row.validity_days, price: money(row.price, row.currency), createdAt: iso(row.created_at) };
}
