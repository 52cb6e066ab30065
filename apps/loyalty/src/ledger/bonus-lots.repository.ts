import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { dateOrNull, num } from '../shared/sql';
import type { BonusLot } from './bonus-lifecycle';

/** Unspent bonus lots of cards (L4), for their figures; operations write lots in CardOperationsRepository. */
@Injectable()
export class BonusLotsRepository {
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
}
