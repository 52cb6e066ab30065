import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, pageLimit, uniqueViolation, type Caller } from '@app/common';
import {
  BookingErrorCodes,
  BookingEvents,
  conflict,
  invalid,
  notFound,
  unprocessable,
  type Actor,
  type CustomerVoucherView,
  type Page,
  type VoucherPurchasedV1,
  type VoucherRedeemedV1,
  type VoucherView,
} from '@app/contracts';
import { IdempotencyService, OutboxService, TenantSettingsStore } from '@app/platform';
import { CustomerResolver } from '../common/customer-resolver';
import { InputReader } from '../common/input';
import { iso, isoOrNull, money } from '../common/money';
import { rowsOf, type WriteResult } from '../common/sql';

const CODE = /^[A-Z0-9-]{4,32}$/;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O or 1/I: codes are read aloud and typed

/** A random code such as "K7PQ-M2XD-9HTA". */
export function generateVoucherCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Vouchers (B5): sold with a value, redeemed once (on their own or by a booking). */
@Injectable()
export class VouchersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: TenantSettingsStore,
    private readonly customers: CustomerResolver,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
  ) {}

  async sell(caller: Caller, input: Record<string, unknown>, idempotencyKey: unknown): Promise<VoucherView> {
    const { tenantId, actor } = caller;
    const r = new InputReader();
    const given = input.code === undefined ? null : String(input.code).trim().toUpperCase();
    if (given !== null && !CODE.test(given)) r.fail('code', 'must be 4-32 letters, digits or -');
    const amount = r.int(input.amount, 'amount', 1, 100_000_000);
    const customerId = r.uuid(input.customerId, 'customerId', { optional: true });
    const expiresAt = r.instant(input.expiresAt, 'expiresAt', { optional: true });
    const currency = r.currency(input.currency, 'currency', (await this.settings.get(tenantId)).currency);
    if (!r.ok) throw invalid(r.errors);
    const request = { code: given, amount, currency, customerId, expiresAt: expiresAt?.toISOString() ?? null };
    try {
      const view = await this.idempotency.run(tenantId, idempotencyKey, 'bookings.voucher.sell', request, async (em) => {
        if (customerId) await this.customers.require(em, tenantId, customerId);
        const id = randomUUID();
        const code = given ?? generateVoucherCode();
        const now = new Date();
        await em.query(
          `INSERT INTO vouchers (tenant_id, id, code, amount, currency, purchased_by, purchased_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [tenantId, id, code, amount, currency, customerId, now, expiresAt],
        );
        await this.outbox.enqueue<VoucherPurchasedV1>(em, {
          type: BookingEvents.voucherPurchased,
          tenantId,
          actor,
          data: { voucherId: id, code, value: money(amount!, currency), customerId, purchasedAt: now.toISOString() },
        });
        return this.view(em, tenantId, code);
      });
      this.outbox.flush();
      return view!;
    } catch (e) {
      if (uniqueViolation(e) === 'vouchers_code_unique') throw conflict(BookingErrorCodes.voucherExists, `A voucher with the code ${given} exists already`);
      throw e;
    }
  }

  /** Redeems a voucher once; the second time is 409 voucher_already_redeemed. */
  async redeem(caller: Caller, code: string, input: Record<string, unknown>, idempotencyKey: unknown): Promise<VoucherView> {
    const { tenantId, actor } = caller;
    const r = new InputReader();
    const customerId = r.uuid(input.customerId, 'customerId', { optional: true });
    if (!r.ok) throw invalid(r.errors);
    const normalized = code.trim().toUpperCase();
    const view = await this.idempotency.run(tenantId, idempotencyKey, `bookings.voucher.redeem:${normalized}`, { customerId }, async (em) => {
      if (customerId) await this.customers.require(em, tenantId, customerId);
      const outcome = await this.take(em, tenantId, normalized, customerId, null, actor);
      if (outcome === 'not_found') throw notFound('Voucher', BookingErrorCodes.voucherNotFound);
      return this.view(em, tenantId, normalized);
    });
    this.outbox.flush();
    return view!;
  }

  /** Redeems the voucher a booking names; answers its value. Refusals are 422/409 (booking input). */
  async redeemForBooking(em: EntityManager, tenantId: string, code: string, customerId: string | null, bookingId: string, actor: Actor): Promise<number> {
    const outcome = await this.take(em, tenantId, code, customerId, bookingId, actor);
    if (outcome === 'not_found') throw unprocessable(BookingErrorCodes.voucherNotFound, `There is no voucher with the code ${code}`);
    return outcome.amount;
  }

  /** The customer's vouchers tab: those they bought and those they redeemed, newest first. */
  async ofCustomer(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<CustomerVoucherView>> {
    const r = new InputReader();
    const filter = r.oneOf(query.filter, 'filter', ['purchased', 'redeemed'] as const, { optional: true });
    if (!r.ok) throw invalid(r.errors);
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor, '-purchasedAt');
    const rows = await this.dataSource.query(
      `SELECT * FROM vouchers
        WHERE tenant_id = $1
          AND (($2::text IS DISTINCT FROM 'redeemed' AND purchased_by = $3) OR ($2::text IS DISTINCT FROM 'purchased' AND redeemed_by = $3))
          AND ($4::timestamptz IS NULL OR (purchased_at, id) < ($4, $5::uuid))
        ORDER BY purchased_at DESC, id DESC LIMIT $6`,
      [caller.tenantId, filter, customerId, cursor?.value ?? null, cursor?.id ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map((row: Record<string, any>): CustomerVoucherView => ({
      ...voucherView(row),
      purchased: row.purchased_by === customerId,
      redeemed: row.redeemed_by === customerId,
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor('-purchasedAt', { value: last.purchasedAt, id: last.id }) : null };
  }

  private async take(
    em: EntityManager,
    tenantId: string,
    code: string,
    customerId: string | null,
    bookingId: string | null,
    actor: Actor,
  ): Promise<{ amount: number } | 'not_found'> {
    const now = new Date();
    const taken: WriteResult = await em.query(
      `UPDATE vouchers SET redeemed_at = $3, redeemed_by = $4, redeemed_booking_id = $5
        WHERE tenant_id = $1 AND code = $2 AND redeemed_at IS NULL AND (expires_at IS NULL OR expires_at > $3)
        RETURNING id, amount`,
      [tenantId, code, now, customerId, bookingId],
    );
    const [row] = rowsOf(taken);
    if (!row) {
      const [voucher] = await em.query(`SELECT redeemed_at, expires_at FROM vouchers WHERE tenant_id = $1 AND code = $2`, [tenantId, code]);
      if (!voucher) return 'not_found';
      if (voucher.redeemed_at) {
        throw conflict(BookingErrorCodes.voucherAlreadyRedeemed, `The voucher ${code} was redeemed on ${iso(voucher.redeemed_at)}`, { redeemedAt: iso(voucher.redeemed_at) });
      }
      throw unprocessable(BookingErrorCodes.voucherExpired, `The voucher ${code} expired on ${iso(voucher.expires_at)}`);
    }
    await this.outbox.enqueue<VoucherRedeemedV1>(em, {
      type: BookingEvents.voucherRedeemed,
      tenantId,
      actor,
      data: { voucherId: row.id, code, customerId, bookingId, redeemedAt: now.toISOString() },
    });
    return { amount: row.amount };
  }

  private async view(em: EntityManager, tenantId: string, code: string): Promise<VoucherView> {
    const [row] = await em.query(`SELECT * FROM vouchers WHERE tenant_id = $1 AND code = $2`, [tenantId, code]);
    return voucherView(row);
  }
}

function voucherView(row: Record<string, any>): VoucherView {
  return {
    id: row.id,
    code: row.code,
    value: money(row.amount, row.currency),
    purchasedByCustomerId: row.purchased_by,
    purchasedAt: iso(row.purchased_at),
    expiresAt: isoOrNull(row.expires_at),
    redeemedAt: isoOrNull(row.redeemed_at),
    redeemedByCustomerId: row.redeemed_by,
    redeemedBookingId: row.redeemed_booking_id,
  };
}
