import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LoyaltyErrorCodes, notFound, type PurchaseKind, type PurchaseLineView, type PurchaseStatus } from '@app/contracts';
import { num, numOrNull, updatedRows } from '../shared/sql';
import type { PurchaseAttributes } from './purchase-input';

export const purchaseNotFound = () => notFound('Purchase', LoyaltyErrorCodes.purchaseNotFound);

export interface PurchaseRow {
  id: string;
  customerId: string;
  kind: PurchaseKind;
  number: string;
  storeId: string | null;
  storeName: string | null;
  occurredAt: Date;
  status: PurchaseStatus;
  counted: boolean;
  currency: string;
  deliveryCost: number;
  total: number;
  itemCount: number;
  brand: string | null;
  season: string | null;
  year: number | null;
  salesYear: number;
  attributes: PurchaseAttributes;
  createdAt: Date;
}

export type NewPurchase = Omit<PurchaseRow, 'counted' | 'createdAt'>;

const PURCHASE_COLUMNS = `p.id, p.customer_id, p.kind, p.number, p.store_id, p.store_name, p.occurred_at, p.status, p.counted, p.currency,
  p.delivery_cost, p.total, p.item_count, p.brand, p.season, p.year, p.sales_year, p.attributes, p.created_at`;

const toPurchaseRow = (r: Record<string, any>): PurchaseRow => ({
  id: r.id,
  customerId: r.customer_id,
  kind: r.kind,
  number: r.number,
  storeId: r.store_id,
  storeName: r.store_name,
  occurredAt: new Date(r.occurred_at),
  status: r.status,
  counted: r.counted,
  currency: r.currency,
  deliveryCost: num(r.delivery_cost),
  total: num(r.total),
  itemCount: r.item_count,
  brand: r.brand,
  season: r.season,
  year: numOrNull(r.year),
  salesYear: r.sales_year,
  attributes: r.attributes,
  createdAt: new Date(r.created_at),
});

/** Receipts and orders (L6) with their lines. */
@Injectable()
export class PurchasesRepository {
  /**
   * Inserts a purchase and its lines in one statement (the lines are inserted FROM the new
   * purchase row); null when one of its kind with its number exists in the tenant.
   */
  async insert(em: EntityManager, tenantId: string, p: NewPurchase, lines: PurchaseLineView[], at: Date): Promise<PurchaseRow | null> {
    const rows = await em.query(
      `WITH p AS (
         INSERT INTO purchases AS p (tenant_id, id, customer_id, kind, number, store_id, store_name, occurred_at, status, currency,
                                     delivery_cost, total, item_count, brand, season, year, sales_year, attributes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)
         ON CONFLICT (tenant_id, kind, number) DO NOTHING
         RETURNING ${PURCHASE_COLUMNS}),
       l AS (
         INSERT INTO purchase_lines (tenant_id, purchase_id, line_no, sku, name, category, quantity, price)
         SELECT $1, p.id, l.no, l.sku, l.name, l.category, l.quantity, l.price
           FROM p, unnest($20::int[], $21::text[], $22::text[], $23::text[], $24::int[], $25::bigint[]) AS l(no, sku, name, category, quantity, price))
       SELECT * FROM p`,
      [tenantId, p.id, p.customerId, p.kind, p.number, p.storeId, p.storeName, p.occurredAt, p.status, p.currency, p.deliveryCost, p.total,
        p.itemCount, p.brand, p.season, p.year, p.salesYear, JSON.stringify(p.attributes), at,
        lines.map((_, i) => i + 1), lines.map((l) => l.sku), lines.map((l) => l.name), lines.map((l) => l.category), lines.map((l) => l.quantity),
        lines.map((l) => l.price)],
    );
    return rows.length ? toPurchaseRow(rows[0]) : null;
  }

  async get(em: EntityManager, tenantId: string, id: string, options: { lock?: boolean } = {}): Promise<PurchaseRow> {
    const rows = await em.query(`SELECT ${PURCHASE_COLUMNS} FROM purchases p WHERE p.tenant_id = $1 AND p.id = $2${options.lock ? ' FOR NO KEY UPDATE' : ''}`, [tenantId, id]);
    if (!rows.length) throw purchaseNotFound();
    return toPurchaseRow(rows[0]);
  }

  /** Lines of several purchases in one query, by purchase, in line order. */
  async lines(em: EntityManager, tenantId: string, purchaseIds: string[]): Promise<Map<string, PurchaseLineView[]>> {
    const byPurchase = new Map<string, PurchaseLineView[]>(purchaseIds.map((id) => [id, []]));
    if (purchaseIds.length === 0) return byPurchase;
    const rows = await em.query(
      `SELECT purchase_id, sku, name, category, quantity, price FROM purchase_lines
        WHERE tenant_id = $1 AND purchase_id = ANY($2::uuid[]) ORDER BY purchase_id, line_no`,
      [tenantId, purchaseIds],
    );
    for (const r of rows) {
      const price = num(r.price);
      byPurchase.get(r.purchase_id)?.push({ sku: r.sku, name: r.name, category: r.category, quantity: r.quantity, price, amount: price * r.quantity });
    }
    return byPurchase;
  }

  async setStatus(em: EntityManager, tenantId: string, id: string, status: PurchaseStatus, at: Date): Promise<PurchaseRow> {
    const result = await em.query(`UPDATE purchases p SET status = $3, updated_at = $4 WHERE p.tenant_id = $1 AND p.id = $2 RETURNING ${PURCHASE_COLUMNS}`, [
      tenantId,
      id,
      status,
      at,
    ]);
    return toPurchaseRow(updatedRows(result)[0]);
  }

  /** `limit + 1` purchases of one kind of the customer, newest first. */
  async page(
    em: EntityManager,
    tenantId: string,
    customerId: string,
    filter: { kind: PurchaseKind; status?: PurchaseStatus; after: { occurredAt: string; id: string } | null },
    limit: number,
  ): Promise<PurchaseRow[]> {
    const params: unknown[] = [tenantId, customerId, filter.kind, limit + 1];
    const where = ['p.tenant_id = $1', 'p.customer_id = $2', 'p.kind = $3'];
    if (filter.status) {
      params.push(filter.status);
      where.push(`p.status = $${params.length}`);
    }
    if (filter.after) {
      params.push(filter.after.occurredAt, filter.after.id);
      where.push(`(p.occurred_at, p.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows = await em.query(`SELECT ${PURCHASE_COLUMNS} FROM purchases p WHERE ${where.join(' AND ')} ORDER BY p.occurred_at DESC, p.id DESC LIMIT $4`, params);
    return rows.map(toPurchaseRow);
  }

  async allOf(em: EntityManager, tenantId: string, customerId: string): Promise<PurchaseRow[]> {
    const rows = await em.query(`SELECT ${PURCHASE_COLUMNS} FROM purchases p WHERE p.tenant_id = $1 AND p.customer_id = $2 ORDER BY p.occurred_at, p.id`, [
      tenantId,
      customerId,
    ]);
    return rows.map(toPurchaseRow);
  }
}
