import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor, FeedbackView } from '@app/contracts';
import type { FeedbackFilter } from './feedback-input';

const toFeedbackView = (r: Record<string, any>): FeedbackView => ({
  id: r.id,
  customerId: r.customer_id,
  rating: r.rating,
  comment: r.comment,
  at: new Date(r.at).toISOString(),
});

/** Feedback ratings (L8). */
@Injectable()
export class FeedbackRepository {
  async insert(em: EntityManager, tenantId: string, f: { id: string; customerId: string; rating: number; comment: string | null; at: Date; actor: Actor }, now: Date): Promise<FeedbackView> {
    const [row] = await em.query(
      `INSERT INTO feedback (tenant_id, id, customer_id, rating, comment, at, actor, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING id, customer_id, rating, comment, at`,
      [tenantId, f.id, f.customerId, f.rating, f.comment, f.at, JSON.stringify(f.actor), now],
    );
    return toFeedbackView(row);
  }

  private where(filter: FeedbackFilter, params: unknown[]): string {
    const where = ['f.tenant_id = $1', 'f.customer_id = $2'];
    if (filter.withComments) where.push('f.comment IS NOT NULL');
    if (filter.window) {
      params.push(filter.window.start, filter.window.end);
      where.push(`f.at >= $${params.length - 1} AND f.at < $${params.length}`);
    }
    return where.join(' AND ');
  }

  /** `limit + 1` feedback of the customer matching the filter, newest first. */
  async page(em: EntityManager, tenantId: string, customerId: string, filter: FeedbackFilter, after: { at: string; id: string } | null, limit: number): Promise<FeedbackView[]> {
    const params: unknown[] = [tenantId, customerId];
    let where = this.where(filter, params);
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (f.at, f.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit + 1);
    const rows = await em.query(`SELECT f.id, f.customer_id, f.rating, f.comment, f.at FROM feedback f WHERE ${where} ORDER BY f.at DESC, f.id DESC LIMIT $${params.length}`, params);
    return rows.map(toFeedbackView);
  }

  /** Count and average rating of everything matching the filter (not only one page). */
  async stats(em: EntityManager, tenantId: string, customerId: string, filter: FeedbackFilter): Promise<{ count: number; sum: number }> {
    const params: unknown[] = [tenantId, customerId];
    const [row] = await em.query(`SELECT count(*)::int AS count, coalesce(sum(f.rating), 0)::int AS sum FROM feedback f WHERE ${this.where(filter, params)}`, params);
    return row;
  }

  async allOf(em: EntityManager, tenantId: string, customerId: string): Promise<FeedbackView[]> {
    const rows = await em.query(`SELECT id, customer_id, rating, comment, at FROM feedback WHERE tenant_id = $1 AND customer_id = $2 ORDER BY at, id`, [tenantId, customerId]);
    return rows.map(toFeedbackView);
  }
}
