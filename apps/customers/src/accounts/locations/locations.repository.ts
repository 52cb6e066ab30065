import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PrimaryItemRepository } from '../shared/primary-section';
import { primaryFirstPage } from '../shared/primary-page';
import { rowOf } from '../shared/sql';
import type { LocationRecord, LocationRow } from './location-rules';

@Injectable()
export class LocationsRepository implements PrimaryItemRepository<LocationRow, LocationRecord> {
  async insert(em: EntityManager, tenantId: string, customerId: string, id: string, l: LocationRecord, primary: boolean): Promise<LocationRow> {
    return (await rowOf<LocationRow>(
      em,
      `INSERT INTO customer_locations (tenant_id, id, customer_id, name, line1, line2, postal_code, city, region, country, is_primary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [tenantId, id, customerId, l.name, l.line1, l.line2, l.postalCode, l.city, l.region, l.country, primary],
    ))!;
  }

  async update(em: EntityManager, tenantId: string, id: string, l: LocationRecord): Promise<LocationRow> {
    return (await rowOf<LocationRow>(
      em,
      `UPDATE customer_locations SET name = $3, line1 = $4, line2 = $5, postal_code = $6, city = $7, region = $8, country = $9, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, id, l.name, l.line1, l.line2, l.postalCode, l.city, l.region, l.country],
    ))!;
  }

  lock(em: EntityManager, tenantId: string, customerId: string, id: string): Promise<LocationRow | null> {
    return rowOf<LocationRow>(em, `SELECT * FROM customer_locations WHERE tenant_id = $1 AND customer_id = $2 AND id = $3 FOR UPDATE`, [tenantId, customerId, id]);
  }

  async get(em: EntityManager, tenantId: string, id: string): Promise<LocationRow> {
    return (await rowOf<LocationRow>(em, `SELECT * FROM customer_locations WHERE tenant_id = $1 AND id = $2`, [tenantId, id]))!;
  }

  async delete(em: EntityManager, tenantId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM customer_locations WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  page(em: EntityManager, tenantId: string, customerId: string, _filter: Record<string, unknown>, after: { primaryRank: number; seq: string } | null, limit: number): Promise<LocationRow[]> {
    const { sql, params } = primaryFirstPage('customer_locations', tenantId, customerId, after, limit);
    return em.query(sql, params);
  }
}
