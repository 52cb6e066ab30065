import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { dateOrNull, num } from '../shared/sql';
import type { Allocation, BonusLot } from './bonus-lifecycle';

/** Unspent bonus lots of cards and what subtractions took from them (L4). */
@Injectable()
export class BonusLotsRepository {
  async insert(em: EntityManager, tenantId: string, lot: { id: string; cardId: string; seq: number; amount: number; activatesAt: Date | null; expiresAt: Date | null }): Promise<void> {
    await em.query(
      `INSERT INTO bonus_lots (tenant_id, id, card_id, seq, amount, remaining, activates_at, expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6, $7)`,
      [tenantId, lot.id, lot.cardId, lot.seq, lot.amount, lot.activatesAt, lot.expiresAt],
    );
  }

  /** Every lot with points left (active, pending or expired) of these cards, by card. */
  async unspent(em: EntityManager, tenantId: string, cardIds: string[]): Promise<Map<string, BonusLot[]>> {
    const byCard = new Map<string, BonusLot[]>(cardIds.map((id) => [id, []]));
    if (cardIds.length === 0) return byCard;
    const rows = await em.query(
      `SELECT id, card_id, seq, remaining, activates_at, expires_at FROM bonus_lots
        WHERE tenant_id = $1 AND card_id = ANY($2::uuid[]) AND remaining > 0`,
      [tenantId, cardIds],
    );
    for (const r of rows) {
      byCard.get(r.card_id)?.push({ id: r.id, seq: num(r.seq), remaining: r.remaining, activatesAt: dateOrNull(r.activates_at), expiresAt: dateOrNull(r.expires_at) });
    }
    return byCard;
  }

  /**
   * Takes the planned points from their lots and records the allocations, in two statements.
   * The card row is locked by the caller, so no other subtraction runs on these lots meanwhile;
   * the CHECK on remaining is the last guard.
   */
  async allocate(em: EntityManager, tenantId: string, entryId: string, allocations: Allocation[]): Promise<void> {
    const ids = allocations.map((a) => a.lotId);
    const amounts = allocations.map((a) => a.amount);
    await em.query(
      `UPDATE bonus_lots l SET remaining = l.remaining - a.amount
         FROM unnest($2::uuid[], $3::int[]) AS a(id, amount)
        WHERE l.tenant_id = $1 AND l.id = a.id`,
      [tenantId, ids, amounts],
    );
    await em.query(
      `INSERT INTO bonus_allocations (tenant_id, entry_id, lot_id, amount) SELECT $1, $2, a.id, a.amount FROM unnest($3::uuid[], $4::int[]) AS a(id, amount)`,
      [tenantId, entryId, ids, amounts],
    );
  }

  /** Remaining and state inputs of bonus additions, by their entry (= lot) id. */
  async byIds(em: EntityManager, tenantId: string, ids: string[]): Promise<Map<string, BonusLot>> {
    if (ids.length === 0) return new Map();
    const rows = await em.query(`SELECT id, seq, remaining, activates_at, expires_at FROM bonus_lots WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
    return new Map(
      rows.map((r: Record<string, any>) => [r.id, { id: r.id, seq: num(r.seq), remaining: r.remaining, activatesAt: dateOrNull(r.activates_at), expiresAt: dateOrNull(r.expires_at) }]),
    );
  }
}
