import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BrandView, CustomerBrandStatus, SalesRepBrandRate, SalesRepView } from '@app/contracts';
import type { PageRequest } from '../shared/account-page';
import { iso } from '../shared/actor-ref';
import { rowOf } from '../shared/sql';
import type { CustomerBrandFields, CustomerBrandRow } from './commission-rules';

interface BrandRow {
  id: string;
  name: string;
  sort_name: string;
  default_rate_bps: number;
  created_at: Date;
  updated_at: Date;
}
interface SalesRepRow {
  id: string;
  name: string;
  sort_name: string;
  email: string | null;
  user_id: string | null;
  default_rate_bps: number | null;
  brand_rates: SalesRepBrandRate[];
  created_at: Date;
  updated_at: Date;
}

export const toBrandView = (r: BrandRow): BrandView => ({
  id: r.id,
  name: r.name,
  defaultRateBps: r.default_rate_bps,
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
});

export const toSalesRepView = (r: SalesRepRow): SalesRepView => ({
  id: r.id,
  name: r.name,
  email: r.email,
  userId: r.user_id,
  defaultRateBps: r.default_rate_bps,
  brandRates: r.brand_rates,
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
});

const SALES_REP_COLUMNS = `r.id, r.name, lower(r.name) AS sort_name, r.email, r.user_id, r.default_rate_bps, r.created_at, r.updated_at,
  (SELECT coalesce(json_agg(json_build_object('brandId', x.brand_id, 'rateBps', x.rate_bps) ORDER BY x.brand_id), '[]')
     FROM sales_rep_brand_rates x WHERE x.tenant_id = r.tenant_id AND x.sales_rep_id = r.id) AS brand_rates`;

/** One customer's brands with everything the effective rate needs, in one statement. */
const CUSTOMER_BRAND_SELECT = `
  SELECT cb.customer_id, cb.brand_id, b.name AS brand_name, lower(b.name) AS sort_name, cb.status, cb.brand_customer_id, cb.rate_bps,
         b.default_rate_bps AS brand_default_rate_bps, sr.id AS sales_rep_id, sr.name AS sales_rep_name,
         sr.default_rate_bps AS sales_rep_default_rate_bps, srb.rate_bps AS sales_rep_brand_rate_bps, cb.created_at, cb.updated_at
    FROM customer_brands cb
    JOIN brands b ON b.tenant_id = cb.tenant_id AND b.id = cb.brand_id
    LEFT JOIN account_sales_reps a ON a.tenant_id = cb.tenant_id AND a.customer_id = cb.customer_id
    LEFT JOIN sales_reps sr ON sr.tenant_id = a.tenant_id AND sr.id = a.sales_rep_id
    LEFT JOIN sales_rep_brand_rates srb ON srb.tenant_id = sr.tenant_id AND srb.sales_rep_id = sr.id AND srb.brand_id = cb.brand_id
   WHERE cb.tenant_id = $1 AND cb.customer_id = $2`;

/** SQL of brands, sales reps, a customer's sales rep and a customer's brands; every statement filters by tenant. */
@Injectable()
export class BrandsRepository {
  // ---- brands
  brandsPage(em: EntityManager, tenantId: string, page: PageRequest): Promise<BrandRow[]> {
    const params: unknown[] = [tenantId];
    let after = '';
    if (page.after) {
      params.push(page.after.value, page.after.id);
      after = ` AND (lower(name), id) > ($2, $3::uuid)`;
    }
    params.push(page.limit + 1);
    return em.query(
      `SELECT id, name, lower(name) AS sort_name, default_rate_bps, created_at, updated_at FROM brands
        WHERE tenant_id = $1${after} ORDER BY lower(name), id LIMIT $${params.length}`,
      params,
    );
  }

  async insertBrand(em: EntityManager, tenantId: string, id: string, name: string, defaultRateBps: number): Promise<BrandView> {
    return toBrandView((await rowOf<BrandRow>(em, `INSERT INTO brands (tenant_id, id, name, default_rate_bps) VALUES ($1, $2, $3, $4) RETURNING *`, [tenantId, id, name, defaultRateBps]))!);
  }

  async lockBrand(em: EntityManager, tenantId: string, id: string, mode: 'update' | 'key share'): Promise<BrandView | null> {
    const row = await rowOf<BrandRow>(em, `SELECT * FROM brands WHERE tenant_id = $1 AND id = $2 FOR ${mode.toUpperCase()}`, [tenantId, id]);
    return row ? toBrandView(row) : null;
  }

  async updateBrand(em: EntityManager, tenantId: string, id: string, name: string, defaultRateBps: number): Promise<BrandView> {
    return toBrandView(
      (await rowOf<BrandRow>(em, `UPDATE brands SET name = $3, default_rate_bps = $4, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *`, [
        tenantId,
        id,
        name,
        defaultRateBps,
      ]))!,
    );
  }

  async deleteBrand(em: EntityManager, tenantId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM brands WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  /** The ids among `ids` that are no brand of the tenant. */
  async unknownBrands(em: EntityManager, tenantId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await em.query(`SELECT id FROM brands WHERE tenant_id = $1 AND id = ANY($2::uuid[]) FOR KEY SHARE`, [tenantId, ids]);
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  }

  // ---- sales reps
  salesRepsPage(em: EntityManager, tenantId: string, page: PageRequest): Promise<SalesRepRow[]> {
    const params: unknown[] = [tenantId];
    let after = '';
    if (page.after) {
      params.push(page.after.value, page.after.id);
      after = ` AND (lower(r.name), r.id) > ($2, $3::uuid)`;
    }
    params.push(page.limit + 1);
    return em.query(`SELECT ${SALES_REP_COLUMNS} FROM sales_reps r WHERE r.tenant_id = $1${after} ORDER BY lower(r.name), r.id LIMIT $${params.length}`, params);
  }

  async salesRep(em: EntityManager, tenantId: string, id: string, lock: '' | 'FOR UPDATE' | 'FOR KEY SHARE' = ''): Promise<SalesRepView | null> {
    const row = await rowOf<SalesRepRow>(em, `SELECT ${SALES_REP_COLUMNS} FROM sales_reps r WHERE r.tenant_id = $1 AND r.id = $2 ${lock}`, [tenantId, id]);
    return row ? toSalesRepView(row) : null;
  }

  async upsertSalesRep(
    em: EntityManager,
    tenantId: string,
    id: string,
    rep: { name: string; email: string | null; userId: string | null; defaultRateBps: number | null },
  ): Promise<void> {
    await em.query(
      `INSERT INTO sales_reps (tenant_id, id, name, email, user_id, default_rate_bps) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, user_id = EXCLUDED.user_id,
              default_rate_bps = EXCLUDED.default_rate_bps, updated_at = now()`,
      [tenantId, id, rep.name, rep.email, rep.userId, rep.defaultRateBps],
    );
  }

  async replaceBrandRates(em: EntityManager, tenantId: string, salesRepId: string, rates: SalesRepBrandRate[]): Promise<void> {
    await em.query(`DELETE FROM sales_rep_brand_rates WHERE tenant_id = $1 AND sales_rep_id = $2`, [tenantId, salesRepId]);
    if (rates.length === 0) return;
    await em.query(
      `INSERT INTO sales_rep_brand_rates (tenant_id, sales_rep_id, brand_id, rate_bps)
       SELECT $1, $2, x.brand_id, x.rate_bps FROM unnest($3::uuid[], $4::int[]) AS x(brand_id, rate_bps)`,
      [tenantId, salesRepId, rates.map((r) => r.brandId), rates.map((r) => r.rateBps)],
    );
  }

  async deleteSalesRep(em: EntityManager, tenantId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM sales_reps WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  // ---- a customer's sales rep
  async accountSalesRep(em: EntityManager, tenantId: string, customerId: string): Promise<{ salesRepId: string; assignedAt: Date } | null> {
    const row = await rowOf<{ sales_rep_id: string; assigned_at: Date }>(
      em,
      `SELECT sales_rep_id, assigned_at FROM account_sales_reps WHERE tenant_id = $1 AND customer_id = $2`,
      [tenantId, customerId],
    );
    return row ? { salesRepId: row.sales_rep_id, assignedAt: row.assigned_at } : null;
  }

  async setAccountSalesRep(em: EntityManager, tenantId: string, customerId: string, salesRepId: string | null): Promise<void> {
    if (salesRepId === null) {
      await em.query(`DELETE FROM account_sales_reps WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
      return;
    }
    await em.query(
      `INSERT INTO account_sales_reps (tenant_id, customer_id, sales_rep_id) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, customer_id) DO UPDATE SET sales_rep_id = EXCLUDED.sales_rep_id, assigned_at = now()`,
      [tenantId, customerId, salesRepId],
    );
  }

  // ---- a customer's brands
  customerBrandsPage(em: EntityManager, tenantId: string, customerId: string, status: CustomerBrandStatus | undefined, page: PageRequest): Promise<CustomerBrandRow[]> {
    const params: unknown[] = [tenantId, customerId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    let where = '';
    if (status) where += ` AND cb.status = ${param(status)}`;
    if (page.after) where += ` AND (lower(b.name), b.id) > (${param(page.after.value)}, ${param(page.after.id)}::uuid)`;
    return em.query(`${CUSTOMER_BRAND_SELECT}${where} ORDER BY lower(b.name), b.id LIMIT ${param(page.limit + 1)}`, params);
  }

  customerBrand(em: EntityManager, tenantId: string, customerId: string, brandId: string): Promise<CustomerBrandRow | null> {
    return rowOf<CustomerBrandRow>(em, `${CUSTOMER_BRAND_SELECT} AND cb.brand_id = $3`, [tenantId, customerId, brandId]);
  }

  async lockCustomerBrand(em: EntityManager, tenantId: string, customerId: string, brandId: string): Promise<boolean> {
    const rows = await em.query(`SELECT 1 FROM customer_brands WHERE tenant_id = $1 AND customer_id = $2 AND brand_id = $3 FOR UPDATE`, [tenantId, customerId, brandId]);
    return rows.length > 0;
  }

  async upsertCustomerBrand(em: EntityManager, tenantId: string, customerId: string, brandId: string, f: CustomerBrandFields): Promise<void> {
    await em.query(
      `INSERT INTO customer_brands (tenant_id, customer_id, brand_id, status, brand_customer_id, rate_bps) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, customer_id, brand_id) DO UPDATE SET status = EXCLUDED.status, brand_customer_id = EXCLUDED.brand_customer_id,
              rate_bps = EXCLUDED.rate_bps, updated_at = now()`,
      [tenantId, customerId, brandId, f.status, f.brandCustomerId, f.rateBps],
    );
  }

  async deleteCustomerBrand(em: EntityManager, tenantId: string, customerId: string, brandId: string): Promise<void> {
    await em.query(`DELETE FROM customer_brands WHERE tenant_id = $1 AND customer_id = $2 AND brand_id = $3`, [tenantId, customerId, brandId]);
  }
}
