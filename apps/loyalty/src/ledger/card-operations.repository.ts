import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '@app/contracts';
import { CARD_COLUMNS, operable, toCardRow, type CardRow } from '../cards/cards.repository';
import { dateOrNull, num } from '../shared/sql';
import type { Allocation, BonusLot } from './bonus-lifecycle';
import type { NewLedgerEntry } from './ledger.repository';
import type { VisitDelta } from './visit-rules';

export interface OperationContext {
  card: CardRow;
  lots: BonusLot[];
  settings: TenantSettings;
}

export interface Applied {
  card: CardRow;
  seq: number;
}

/** A statement's parameters, numbered as they are added. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Each ledger operation as few statements as possible: on this platform every round trip to
 * Postgres costs more than the work it asks for (a socket write per query), so what belongs
 * together is one statement with data-modifying CTEs:
 *
 * - `context`: the card, its unspent bonus lots and the tenant's settings in one read;
 * - `applyVisits` / `addBonus`: the card's conditional UPDATE and the ledger entry (and the new
 *   bonus lot) together. The entry is inserted FROM the updated row, so when the condition
 *   fails (deleted, expired, not enough visits) nothing at all is written;
 * - `spendBonus`: entry, lot decrements, allocations and card totals, on a card locked by
 *   `context` while the lots were read.
 */
@Injectable()
export class CardOperationsRepository {
  async context(em: EntityManager, tenantId: string, cardId: string, options: { lock?: boolean } = {}): Promise<OperationContext | null> {
    const [row] = await em.query(
      `SELECT ${CARD_COLUMNS},
              (SELECT s.settings FROM tenant_settings s WHERE s.tenant_id = c.tenant_id) AS tenant_settings,
              (SELECT coalesce(json_agg(json_build_object('id', l.id, 'seq', l.seq, 'remaining', l.remaining,
                                                          'activatesAt', l.activates_at, 'expiresAt', l.expires_at)), '[]')
                 FROM bonus_lots l WHERE l.tenant_id = c.tenant_id AND l.card_id = c.id AND l.remaining > 0) AS lots
         FROM loyalty_cards c WHERE c.tenant_id = $1 AND c.id = $2${options.lock ? ' FOR NO KEY UPDATE OF c' : ''}`,
      [tenantId, cardId],
    );
    if (!row) return null;
    return {
      card: toCardRow(row),
      settings: { ...DEFAULT_TENANT_SETTINGS, ...(row.tenant_settings ?? {}) },
      lots: (row.lots as Array<Record<string, any>>).map((l) => ({
        id: l.id,
        seq: num(l.seq),
        remaining: l.remaining,
        activatesAt: dateOrNull(l.activatesAt),
        expiresAt: dateOrNull(l.expiresAt),
      })),
    };
  }

  /** Visits counters, dates and LTV, and the entry; null when the card is not operable or has too few visits. */
  async applyVisits(em: EntityManager, tenantId: string, e: NewLedgerEntry, d: VisitDelta, today: string): Promise<Applied | null> {
    const p = new Params();
    const [tenant, card, at] = [p.add(tenantId), p.add(e.cardId), p.add(e.at)];
    const available = p.add(d.available);
    const rows = await em.query(
      `WITH c AS (
         UPDATE loyalty_cards c
            SET visits_sold = visits_sold + ${p.add(d.sold)}, visits_used = visits_used + ${p.add(d.used)},
                visits_corrected = visits_corrected + ${p.add(d.corrected)}, visits_available = visits_available + ${available},
                last_visit_added_at = CASE WHEN ${p.add(d.added)} THEN ${at}::timestamptz ELSE last_visit_added_at END,
                last_visit_refunded_at = CASE WHEN ${p.add(d.refunded)} THEN ${at}::timestamptz ELSE last_visit_refunded_at END,
                ltv = ltv + ${p.add(e.purchaseAmount ?? 0)}, updated_at = ${at}
          WHERE c.tenant_id = ${tenant} AND c.id = ${card} AND ${operable(p.add(today))} AND c.visits_available + ${available} >= 0
          RETURNING ${CARD_COLUMNS}),
       e AS (${insertEntry(p, tenant, e, 'c')})
       SELECT c.*, e.seq FROM c, e`,
      p.values,
    );
    return rows.length ? { card: toCardRow(rows[0]), seq: num(rows[0].seq) } : null;
  }

  /** Bonus total and LTV, the entry and its lot; null when the card is not operable. */
  async addBonus(em: EntityManager, tenantId: string, e: NewLedgerEntry, today: string): Promise<Applied | null> {
    const p = new Params();
    const [tenant, card, at, value] = [p.add(tenantId), p.add(e.cardId), p.add(e.at), p.add(e.value)];
    const rows = await em.query(
      `WITH c AS (
         UPDATE loyalty_cards c SET bonus_added = bonus_added + ${value}, ltv = ltv + ${p.add(e.purchaseAmount ?? 0)}, updated_at = ${at}
          WHERE c.tenant_id = ${tenant} AND c.id = ${card} AND ${operable(p.add(today))}
          RETURNING ${CARD_COLUMNS}),
       e AS (${insertEntry(p, tenant, e, 'c')}),
       l AS (
         INSERT INTO bonus_lots (tenant_id, id, card_id, seq, amount, remaining, activates_at, expires_at)
         SELECT ${tenant}, e.id, ${card}, e.seq, ${value}, ${value}, ${p.add(e.activatesAt)}::timestamptz, ${p.add(e.expiresAt)}::timestamptz FROM e)
       SELECT c.*, e.seq FROM c, e`,
      p.values,
    );
    return rows.length ? { card: toCardRow(rows[0]), seq: num(rows[0].seq) } : null;
  }

  /** Takes the planned points from their lots, records the allocations, the entry and the card totals. */
  async spendBonus(em: EntityManager, tenantId: string, e: NewLedgerEntry, allocations: Allocation[]): Promise<Applied> {
    const p = new Params();
    const [tenant, card, at] = [p.add(tenantId), p.add(e.cardId), p.add(e.at)];
    const [ids, amounts] = [p.add(allocations.map((a) => a.lotId)), p.add(allocations.map((a) => a.amount))];
    const rows = await em.query(
      `WITH e AS (${insertEntry(p, tenant, e)}),
       l AS (
         UPDATE bonus_lots l SET remaining = l.remaining - a.amount
           FROM unnest(${ids}::uuid[], ${amounts}::int[]) AS a(id, amount)
          WHERE l.tenant_id = ${tenant} AND l.id = a.id),
       a AS (
         INSERT INTO bonus_allocations (tenant_id, entry_id, lot_id, amount)
         SELECT ${tenant}, e.id, a.id, a.amount FROM e, unnest(${ids}::uuid[], ${amounts}::int[]) AS a(id, amount)),
       c AS (
         UPDATE loyalty_cards c SET bonus_spent = bonus_spent + ${p.add(e.value)}, ltv = ltv + ${p.add(e.purchaseAmount ?? 0)}, updated_at = ${at}
          WHERE c.tenant_id = ${tenant} AND c.id = ${card}
          RETURNING ${CARD_COLUMNS})
       SELECT c.*, e.seq FROM c, e`,
      p.values,
    );
    return { card: toCardRow(rows[0]), seq: num(rows[0].seq) };
  }
}

/**
 * The ledger entry's INSERT for a CTE (`RETURNING id, seq`); with `onlyIf`, it is inserted only
 * when that CTE returned a row (the card's conditional update applied).
 */
function insertEntry(p: Params, tenant: string, e: NewLedgerEntry, onlyIf?: string): string {
  return `INSERT INTO ledger_entries (tenant_id, id, card_id, customer_id, kind, operation, value, reason, purchase_amount, currency,
                                      comment, activates_at, expires_at, actor, at)
          SELECT ${tenant}, ${p.add(e.id)}::uuid, ${p.add(e.cardId)}::uuid, ${p.add(e.customerId)}::uuid, ${p.add(e.kind)}, ${p.add(e.operation)}, ${p.add(e.value)}::int,
                 ${p.add(e.reason)}, ${p.add(e.purchaseAmount)}::bigint, ${p.add(e.currency)}, ${p.add(e.comment)}, ${p.add(e.activatesAt)}::timestamptz,
                 ${p.add(e.expiresAt)}::timestamptz, ${p.add(JSON.stringify(e.actor))}::jsonb, ${p.add(e.at)}::timestamptz
          ${onlyIf ? `FROM ${onlyIf}` : ''}
          RETURNING id, seq`;
}
