import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LoyaltyCardView, TenantSettings } from '@app/contracts';
import { BonusLotsRepository } from '../ledger/bonus-lots.repository';
import type { CardRow } from './cards.repository';
import { toCardView } from './card-view';

/** Views of several cards with one query for all their bonus lots (no query per card). */
@Injectable()
export class CardViews {
  constructor(private readonly lots: BonusLotsRepository) {}

  async views(em: EntityManager, tenantId: string, rows: CardRow[], settings: TenantSettings, now: Date): Promise<LoyaltyCardView[]> {
    const lots = await this.lots.unspent(em, tenantId, rows.map((r) => r.id));
    return rows.map((row) => toCardView(row, lots.get(row.id) ?? [], settings, now));
  }

  async view(em: EntityManager, tenantId: string, row: CardRow, settings: TenantSettings, now: Date): Promise<LoyaltyCardView> {
    return (await this.views(em, tenantId, [row], settings, now))[0];
  }
}
