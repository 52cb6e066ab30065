import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorRef } from '@app/contracts';
import type { PageRequest } from '../shared/account-page';
import { rowOf } from '../shared/sql';
import type { AppointmentRecord, AppointmentRow } from './appointment-rules';

export interface AppointmentFilter {
  type?: string;
  season?: string;
  year?: number;
}

@Injectable()
export class AppointmentsRepository {
  async insert(em: EntityManager, tenantId: string, customerId: string, id: string, a: AppointmentRecord, creator: ActorRef): Promise<AppointmentRow> {
    return (await rowOf<AppointmentRow>(
      em,
      `INSERT INTO customer_appointments (tenant_id, id, customer_id, type, season, year, starts_at, ends_at, notes, created_by_type, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [tenantId, id, customerId, a.type, a.season, a.year, a.startsAt, a.endsAt, a.notes, creator.type, creator.id],
    ))!;
  }

  async lock(em: EntityManager, tenantId: string, customerId: string, id: string): Promise<AppointmentRow | null> {
    return rowOf<AppointmentRow>(em, `SELECT * FROM customer_appointments WHERE tenant_id = $1 AND customer_id = $2 AND id = $3 FOR UPDATE`, [
      tenantId,
      customerId,
      id,
    ]);
  }

  async update(em: EntityManager, tenantId: string, id: string, a: AppointmentRecord): Promise<AppointmentRow> {
    return (await rowOf<AppointmentRow>(
      em,
      `UPDATE customer_appointments SET type = $3, season = $4, year = $5, starts_at = $6, ends_at = $7, notes = $8, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, id, a.type, a.season, a.year, a.startsAt, a.endsAt, a.notes],
    ))!;
  }

  async delete(em: EntityManager, tenantId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM customer_appointments WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  /** Latest start first, `limit + 1` rows after the cursor. */
  async page(em: EntityManager, tenantId: string, customerId: string, filter: AppointmentFilter, page: PageRequest): Promise<AppointmentRow[]> {
    const params: unknown[] = [tenantId, customerId];
    const where = ['tenant_id = $1', 'customer_id = $2'];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.type !== undefined) where.push(`type = ${param(filter.type)}`);
    if (filter.season !== undefined) where.push(`season = ${param(filter.season)}`);
    if (filter.year !== undefined) where.push(`year = ${param(filter.year)}`);
    if (page.after) where.push(`(starts_at, id) < (${param(page.after.value)}::timestamptz, ${param(page.after.id)}::uuid)`);
    return em.query(
      `SELECT * FROM customer_appointments WHERE ${where.join(' AND ')} ORDER BY starts_at DESC, id DESC LIMIT ${param(page.limit + 1)}`,
      params,
    );
  }
}
