import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PurchaseStatus, SalesYearView, StoreView } from '@app/contracts';
import { num } from '../shared/sql';
import { isCounted } from './purchase-rules';

const STATUS_KEYS = ['active', 'booked', 'cancelled', 'shipped', 'completed', 'returned'] as const;

/**
 * Per-customer aggregates kept current in each purchase's transaction (L7): favourite stores
 * (counted purchases per store) and the sales summary (amount and count per year and status).
 */
@Injectable()
export class SalesRepository {
  async addStore(em: EntityManager, tenantId: string, customerId: string, store: { id: string; name: string | null }, total: number, at: Date): Promise<void> {
    await em.query(
      `INSERT INTO customer_stores AS s (tenant_id, customer_id, store_id, store_name, purchase_count, purchase_total, last_purchase_at)
       VALUES ($1, $2, $3, $4, 1, $5, $6)
       ON CONFLICT (tenant_id, customer_id, store_id) DO UPDATE SET
         purchase_count = s.purchase_count + 1,
         purchase_total = s.purchase_total + EXCLUDED.purchase_total,
         store_name = CASE WHEN EXCLUDED.last_purchase_at >= s.last_purchase_at THEN coalesce(EXCLUDED.store_name, s.store_name) ELSE s.store_name END,
         last_purchase_at = GREATEST(s.last_purchase_at, EXCLUDED.last_purchase_at)`,
      [tenantId, customerId, store.id, store.name, total, at],
    );
  }

  /** A purchase at the store no longer counts: one fewer there (the row goes at zero); the last date is looked up again. */
  async removeStore(em: EntityManager, tenantId: string, customerId: string, storeId: string, total: number): Promise<void> {
    await em.query(`DELETE FROM customer_stores WHERE tenant_id = $1 AND customer_id = $2 AND store_id = $3 AND purchase_count <= 1`, [tenantId, customerId, storeId]);
    await em.query(
      `UPDATE customer_stores s SET purchase_count = s.purchase_count - 1, purchase_total = s.purchase_total - $4,
              last_purchase_at = (SELECT max(p.occurred_at) FROM purchases p
                                   WHERE p.tenant_id = s.tenant_id AND p.customer_id = s.customer_id AND p.store_id = s.store_id AND p.counted)
        WHERE s.tenant_id = $1 AND s.customer_id = $2 AND s.store_id = $3`,
      [tenantId, customerId, storeId, total],
    );
  }

  /**
   * A new purchase in one statement: under its year and status in the sales summary, and at its
   * store when it counts.
   */
  async addPurchase(
    em: EntityManager,
    tenantId: string,
    p: { customerId: string; storeId: string | null; storeName: string | null; occurredAt: Date; total: number; salesYear: number; status: PurchaseStatus; counted: boolean },
  ): Promise<void> {
    await em.query(
      `WITH s AS (
         INSERT INTO customer_stores AS s (tenant_id, customer_id, store_id, store_name, purchase_count, purchase_total, last_purchase_at)
         SELECT $1, $2, $3, $4, 1, $5, $6 WHERE $3::text IS NOT NULL AND $9
         ON CONFLICT (tenant_id, customer_id, store_id) DO UPDATE SET
           purchase_count = s.purchase_count + 1,
           purchase_total = s.purchase_total + EXCLUDED.purchase_total,
           store_name = CASE WHEN EXCLUDED.last_purchase_at >= s.last_purchase_at THEN coalesce(EXCLUDED.store_name, s.store_name) ELSE s.store_name END,
           last_purchase_at = GREATEST(s.last_purchase_at, EXCLUDED.last_purchase_at))
       INSERT INTO customer_sales AS y (tenant_id, customer_id, year, status, amount, purchase_count) VALUES ($1, $2, $7, $8, $5, 1)
       ON CONFLICT (tenant_id, customer_id, year, status) DO UPDATE SET amount = y.amount + EXCLUDED.amount, purchase_count = y.purchase_count + 1`,
      [tenantId, p.customerId, p.storeId, p.storeName, p.total, p.occurredAt, p.salesYear, p.status, p.counted],
    );
  }

  /** Adds a purchase under its year and status. */
  async addSale(em: EntityManager, tenantId: string, customerId: string, year: number, status: PurchaseStatus, amount: number): Promise<void> {
    await em.query(
      `INSERT INTO customer_sales AS s (tenant_id, customer_id, year, status, amount, purchase_count) VALUES ($1, $2, $3, $4, $5, 1)
       ON CONFLICT (tenant_id, customer_id, year, status) DO UPDATE
         SET amount = s.amount + EXCLUDED.amount, purchase_count = s.purchase_count + 1`,
      [tenantId, customerId, year, status, amount],
    );
  }

  /** Takes a purchase away from the status it had (a plain UPDATE: an upsert would check its negative values first). */
  async removeSale(em: EntityManager, tenantId: string, customerId: string, year: number, status: PurchaseStatus, amount: number): Promise<void> {
    await em.query(
      `UPDATE customer_sales SET amount = amount - $5, purchase_count = purchase_count - 1
        WHERE tenant_id = $1 AND customer_id = $2 AND year = $3 AND status = $4`,
      [tenantId, customerId, year, status, amount],
    );
  }

  /** `limit + 1` stores, most purchases first (then by store id). */
  async storesPage(em: EntityManager, tenantId: string, customerId: string, after: { count: number; storeId: string } | null, limit: number): Promise<StoreView[]> {
    const params: unknown[] = [tenantId, customerId, limit + 1];
    let keyset = '';
    if (after) {
      params.push(after.count, after.storeId);
      keyset = `AND (s.purchase_count < $4 OR (s.purchase_count = $4 AND s.store_id > $5))`;
    }
    const rows = await em.query(
      `SELECT s.store_id, s.store_name, s.purchase_count, s.purchase_total, s.last_purchase_at FROM customer_stores s
        WHERE s.tenant_id = $1 AND s.customer_id = $2 ${keyset}
        ORDER BY s.purchase_count DESC, s.store_id LIMIT $3`,
      params,
    );
    return rows.map((r: Record<string, any>) => ({
      storeId: r.store_id,
      storeName: r.store_name,
      purchaseCount: r.purchase_count,
      purchaseTotal: num(r.purchase_total),
      lastPurchaseAt: new Date(r.last_purchase_at).toISOString(),
    }));
  }

  /** `limit + 1` years of the sales summary, newest first; `year` picks one. */
  async salesPage(
    em: EntityManager,
    tenantId: string,
    customerId: string,
    filter: { year?: number; beforeYear?: number },
    limit: number,
    currency: string,
  ): Promise<SalesYearView[]> {
    const params: unknown[] = [tenantId, customerId, limit + 1];
    const where = ['s.tenant_id = $1', 's.customer_id = $2'];
    if (filter.year !== undefined) {
      params.push(filter.year);
      where.push(`s.year = $${params.length}`);
    }
    if (filter.beforeYear !== undefined) {
      params.push(filter.beforeYear);
      where.push(`s.year < $${params.length}`);
    }
    const rows = await em.query(
      `SELECT s.year, json_object_agg(s.status, json_build_object('amount', s.amount, 'count', s.purchase_count)) AS by_status
         FROM customer_sales s WHERE ${where.join(' AND ')}
        GROUP BY s.year HAVING sum(s.purchase_count) > 0 ORDER BY s.year DESC LIMIT $3`,
      params,
    );
    return rows.map((r: { year: number; by_status: Record<string, { amount: number | string; count: number }> }) => {
      const view: SalesYearView = { year: r.year, currency, active: 0, booked: 0, cancelled: 0, shipped: 0, completed: 0, returned: 0, total: 0, purchaseCount: 0 };
      for (const status of STATUS_KEYS) {
        const cell = r.by_status[status];
        if (!cell) continue;
        view[status] = num(cell.amount);
        if (isCounted(status === 'completed' || status === 'returned' ? 'receipt' : 'order', status)) {
          view.total += num(cell.amount);
          view.purchaseCount += cell.count;
        }
      }
      return view;
    });
  }
}
