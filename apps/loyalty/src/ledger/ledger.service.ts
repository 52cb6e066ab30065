import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  conflict,
  ErrorCodes,
  LoyaltyErrorCodes,
  type DomainError,
  LoyaltyEvents,
  LoyaltyPatterns,
  unprocessable,
  type Actor,
  type LedgerEntryView,
  type LedgerKind,
  type LedgerOperationResult,
  type LedgerRecordedV1,
  type MetricsChangedV1,
  type Page,
} from '@app/contracts';
import { type Caller, decodeCursor, encodeCursor, localDate, pageLimit } from '@app/common';
import { cursorNumber } from '../shared/page';
import { OutboxService } from '@app/platform';
import { assertOperable } from '../cards/card-rules';
import { toCardView } from '../cards/card-view';
import { cardNotFound, CardsRepository, type CardRow } from '../cards/cards.repository';
import { metricsEvent } from '../metrics/metrics-rules';
import { MetricsRepository } from '../metrics/metrics.repository';
import { InputReader } from '../shared/input-reader';
import { LiveCustomers } from '../shared/live-customers.service';
import { WriteTransaction } from '../shared/write-transaction.service';
import { planSpend } from './bonus-lifecycle';
import { CardOperationsRepository } from './card-operations.repository';
import { readLedgerCommand, type LedgerCommand } from './ledger-input';
import { toLedgerEntryView, toLedgerEvent } from './ledger-view';
import { LedgerRepository, type LedgerRow } from './ledger.repository';
import { visitDelta } from './visit-rules';

const LEDGER_SORT = 'ledger';

/**
 * Operations on a card (L2, L3, L4, L5). Each is one transaction in which the card's row lock
 * is the point where concurrent operations on the card queue up: the check "enough available"
 * and the write are one conditional UPDATE (or, to spend points, happen under the lock), so none
 * can spend what another already took. A refused operation writes nothing.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: CardsRepository,
    private readonly operations: CardOperationsRepository,
    private readonly ledger: LedgerRepository,
    private readonly metrics: MetricsRepository,
    private readonly customers: LiveCustomers,
    private readonly outbox: OutboxService,
    private readonly tx: WriteTransaction,
  ) {}

  async change(caller: Caller, kind: LedgerKind, cardId: string, input: Record<string, unknown>, idempotencyKey: unknown): Promise<LedgerOperationResult> {
    const now = new Date();
    const command = readLedgerCommand(kind, input, now);
    const pattern = kind === 'visits' ? LoyaltyPatterns.changeVisits : LoyaltyPatterns.changeBonus;
    return this.tx.run(caller.tenantId, idempotencyKey, `${pattern}:${cardId}`, input, (em) => this.apply(em, caller, cardId, command, now));
  }

  /**
   * One read (card, lots, settings), one statement that applies the operation to the card and
   * appends the entry (nothing is written when the card refuses it), the LTV, the events. A
   * subtraction of bonus points locks the card in that first read, as the lots it takes must
   * not change before they are taken.
   */
  private async apply(em: EntityManager, caller: Caller, cardId: string, c: LedgerCommand, now: Date): Promise<LedgerOperationResult> {
    const { tenantId, actor } = caller;
    const spending = c.kind === 'bonus' && c.operation === 'subtract';
    const context = await this.operations.context(em, tenantId, cardId, { lock: spending });
    if (!context) throw cardNotFound();
    const { card, settings } = context;
    const today = localDate(now, settings.timeZone);
    assertOperable(card, today);
    const entry = newEntry(card, c, actor, settings.currency, now);

    let applied: { card: CardRow; seq: number };
    let lots = context.lots;
    if (c.kind === 'visits') {
      const delta = visitDelta(c.operation, c.value, c.reason);
      applied = await this.conditionally(em, tenantId, cardId, today, () => this.operations.applyVisits(em, tenantId, entry, delta, today), (current) =>
        current.visitsAvailable + delta.available < 0
          ? unprocessable(LoyaltyErrorCodes.insufficientVisits, `Only ${current.visitsAvailable} visits are available on this card`, {
              available: current.visitsAvailable,
            })
          : null,
      );
    } else if (!spending) {
      applied = await this.conditionally(em, tenantId, cardId, today, () => this.operations.addBonus(em, tenantId, entry, today));
      lots = [...lots, { id: entry.id, seq: applied.seq, remaining: c.value, activatesAt: c.activatesAt, expiresAt: c.expiresAt }];
    } else {
      const plan = planSpend(lots, c.value, now);
      if (!plan.ok) {
        throw unprocessable(LoyaltyErrorCodes.insufficientBonus, `Only ${plan.available} bonus points are active on this card`, { available: plan.available });
      }
      applied = await this.operations.spendBonus(em, tenantId, entry, plan.allocations);
      const taken = new Map(plan.allocations.map((a) => [a.lotId, a.amount]));
      lots = lots.map((lot) => ({ ...lot, remaining: lot.remaining - (taken.get(lot.id) ?? 0) }));
    }
    let updated = applied.card;

    // The amount goes to the customer's LTV, which also checks its currency (a mismatch rolls all back).
    const metrics = c.purchaseAmount !== null ? await this.metrics.addLtv(em, tenantId, card.customerId, c.purchaseAmount, entry.currency!, now) : null;
    if (metrics) updated = { ...updated, currency: metrics.currency };

    const row: LedgerRow = { ...entry, seq: applied.seq, lot: c.kind === 'bonus' && c.operation === 'add' ? (lots.find((l) => l.id === entry.id) ?? null) : null };
    await this.outbox.enqueue<LedgerRecordedV1>(em, { type: LoyaltyEvents.ledgerRecorded, tenantId, actor, data: toLedgerEvent(row, updated.currency ?? settings.currency) });
    if (metrics) {
      await this.outbox.enqueue<MetricsChangedV1>(em, {
        type: LoyaltyEvents.metricsChanged,
        tenantId,
        actor,
        data: { customerId: card.customerId, metrics: metricsEvent(metrics) },
      });
    }
    return { entry: toLedgerEntryView(row, settings, now), card: toCardView(updated, lots, settings, now) };
  }

  /**
   * Runs a conditional operation; when it applied nothing, reads the card to say why (deleted,
   * expired, not enough). A card that changed back in between (e.g. its expiry extended) gets
   * one more try.
   */
  private async conditionally<T>(
    em: EntityManager,
    tenantId: string,
    cardId: string,
    today: string,
    operation: () => Promise<T | null>,
    refused: (card: CardRow) => DomainError | null = () => null,
  ): Promise<T> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const applied = await operation();
      if (applied) return applied;
      const card = await this.cards.get(em, tenantId, cardId);
      assertOperable(card, today);
      const error = refused(card);
      if (error) throw error;
    }
    throw conflict(ErrorCodes.conflict, 'The loyalty card changed during the operation; try again');
  }

  /** Tab loyalty-ledger: the customer's operations on all cards, newest first; filters kind and cardId. */
  async list(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<LedgerEntryView>> {
    const { tenantId } = caller;
    const r = new InputReader(query);
    const kind = r.oneOf('kind', ['visits', 'bonus'] as const) ?? undefined;
    const cardId = r.uuid('cardId');
    r.done();
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, LEDGER_SORT);
    const em = this.dataSource.manager;
    const [settings, rows] = await Promise.all([
      this.customers.settingsFor(tenantId, customerId),
      this.ledger.page(em, tenantId, customerId, { kind, cardId, beforeSeq: after ? cursorNumber(after.value) : undefined }, limit),
    ]);
    const now = new Date();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toLedgerEntryView(row, settings, now)),
      nextCursor: rows.length > limit ? encodeCursor(LEDGER_SORT, { value: String(last.seq), id: last.id }) : null,
    };
  }
}

/** The entry an operation appends; an amount is in the tenant's default currency unless the caller names one (API.md). */
function newEntry(card: CardRow, c: LedgerCommand, actor: Actor, defaultCurrency: string, now: Date) {
  return {
    id: randomUUID(),
    cardId: card.id,
    customerId: card.customerId,
    kind: c.kind,
    operation: c.operation,
    value: c.value,
    reason: c.reason,
    purchaseAmount: c.purchaseAmount,
    currency: c.purchaseAmount === null ? null : (c.currency ?? defaultCurrency),
    comment: c.comment,
    activatesAt: c.activatesAt,
    expiresAt: c.expiresAt,
    actor,
    at: now,
  };
}
