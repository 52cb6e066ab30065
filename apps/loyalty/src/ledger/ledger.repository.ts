import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor, LedgerKind, LedgerOperation, VisitSubtractReason } from '@app/contracts';
import { dateOrNull, num, numOrNull } from '../shared/sql';
import type { BonusLot } from './bonus-lifecycle';

export interface LedgerRow {
  id: string;
  seq: number;
  cardId: string;
  customerId: string;
  kind: LedgerKind;
  operation: LedgerOperation;
  value: number;
  reason: VisitSubtractReason | null;
  purchaseAmount: number | null;
  currency: string | null;
  comment: string | null;
  activatesAt: Date | null;
  expiresAt: Date | null;
  actor: Actor;
  at: Date;
  /** The bonus lot of an addition, for its remaining points and state. */
  lot: BonusLot | null;
}

export type NewLedgerEntry = Omit<LedgerRow, 'seq' | 'lot'>;

const ENTRY_COLUMNS = `e.id, e.seq, e.card_id, e.customer_id, e.kind, e.operation, e.value, e.reason, e.purchase_amount, e.currency,
  e.comment, e.activates_at, e.expires_at, e.actor, e.at, l.remaining AS lot_remaining`;

const toLedgerRow = (r: Record<string, any>): LedgerRow => ({
  id: r.id,
  seq: num(r.seq),
  cardId: r.card_id,
  customerId: r.customer_id,
  kind: r.kind,
  operation: r.operation,
  value: r.value,
  reason: r.reason,
  purchaseAmount: numOrNull(r.purchase_amount),
  currency: r.currency,
  comment: r.comment,
  activatesAt: dateOrNull(r.activates_at),
  expiresAt: dateOrNull(r.expires_at),
  actor: r.actor,
  at: new Date(r.at),
  lot:
    r.lot_remaining === null || r.lot_remaining === undefined
      ? null
      : { id: r.id, seq: num(r.seq), remaining: r.lot_remaining, activatesAt: dateOrNull(r.activates_at), expiresAt: dateOrNull(r.expires_at) },
});

export interface LedgerFilter {
  kind?: LedgerKind;
  cardId?: string;
  /** Entries before this sequence number (keyset). */
  beforeSeq?: number;
}

/** Reads of the append-only card ledger (L2, L3); entries are appended by CardOperationsRepository. */
@Injectable()
export class LedgerRepository {
  /** `limit + 1` entries of the customer, newest first. */
  async page(em: EntityManager, tenantId: string, customerId: string, filter: LedgerFilter, limit: number): Promise<LedgerRow[]> {
    const params: unknown[] = [tenantId, customerId, limit + 1];
    const where = ['e.tenant_id = $1', 'e.customer_id = $2'];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.kind) where.push(`e.kind = ${param(filter.kind)}`);
    if (filter.cardId) where.push(`e.card_id = ${param(filter.cardId)}`);
    if (filter.beforeSeq !== undefined) where.push(`e.seq < ${param(filter.beforeSeq)}`);
    const rows = await em.query(
      `SELECT ${ENTRY_COLUMNS} FROM ledger_entries e LEFT JOIN bonus_lots l ON l.tenant_id = e.tenant_id AND l.id = e.id
        WHERE ${where.join(' AND ')} ORDER BY e.seq DESC LIMIT $3`,
      params,
    );
    return rows.map(toLedgerRow);
  }

  /** Every entry of the customer, oldest first (export). */
  async allOf(em: EntityManager, tenantId: string, customerId: string): Promise<LedgerRow[]> {
    const rows = await em.query(
      `SELECT ${ENTRY_COLUMNS} FROM ledger_entries e LEFT JOIN bonus_lots l ON l.tenant_id = e.tenant_id AND l.id = e.id
        WHERE e.tenant_id = $1 AND e.customer_id = $2 ORDER BY e.seq`,
      [tenantId, customerId],
    );
    return rows.map(toLedgerRow);
  }
}
