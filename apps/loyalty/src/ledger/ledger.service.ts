import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  LoyaltyErrorCodes,
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
  type TenantSettings,
} from '@app/contracts';
import { type Caller, decodeCursor, encodeCursor, localDate, pageLimit } from '@app/common';
import { OutboxService, TenantSettingsStore } from '@app/platform';
import { assertOperable } from '../cards/card-rules';
import { toCardView } from '../cards/card-view';
import { CardsRepository, type CardRow } from '../cards/cards.repository';
import { metricsEvent } from '../metrics/metrics-rules';
import { MetricsRepository } from '../metrics/metrics.repository';
import { InputReader } from '../shared/input-reader';
import { LiveCustomers } from '../shared/live-customers.service';
import { WriteTransaction } from '../shared/write-transaction.service';
import { planSpend, type BonusLot } from './bonus-lifecycle';
import { BonusLotsRepository } from './bonus-lots.repository';
import { readLedgerCommand, type LedgerCommand } from './ledger-input';
import { toLedgerEntryView, toLedgerEvent } from './ledger-view';
import { LedgerRepository, type LedgerRow } from './ledger.repository';
import { visitDelta } from './visit-rules';

const LEDGER_SORT = 'ledger';

/**
 * Operations on a card (L2, L3, L4, L5). Each runs in one transaction with the card row locked,
 * so concurrent operations on a card queue up and none can spend what another already took:
 * the check "enough available" and the write see the same state. A refused operation throws
 * before commit, so nothing of it is written.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: CardsRepository,
    private readonly ledger: LedgerRepository,
    private readonly lots: BonusLotsRepository,
    private readonly metrics: MetricsRepository,
    private readonly customers: LiveCustomers,
    private readonly settings: TenantSettingsStore,
    private readonly outbox: OutboxService,
    private readonly tx: WriteTransaction,
  ) {}

  async change(caller: Caller, kind: LedgerKind, cardId: string, input: Record<string, unknown>, idempotencyKey: unknown): Promise<LedgerOperationResult> {
    const { tenantId } = caller;
    const now = new Date();
    const command = readLedgerCommand(kind, input, now);
    const settings = await this.settings.get(tenantId);
    const pattern = kind === 'visits' ? LoyaltyPatterns.changeVisits : LoyaltyPatterns.changeBonus;
    return this.tx.run(tenantId, idempotencyKey, `${pattern}:${cardId}`, input, (em) => this.apply(em, caller, cardId, command, settings, now));
  }

  private async apply(em: EntityManager, caller: Caller, cardId: string, c: LedgerCommand, settings: TenantSettings, now: Date): Promise<LedgerOperationResult> {
    const { tenantId, actor } = caller;
    const card = await this.cards.get(em, tenantId, cardId, { lock: true });
    assertOperable(card, localDate(now, settings.timeZone));
    const entry = newEntry(card, c, actor, settings.currency, now);

    // The amount goes to the customer's LTV first: it checks the currency, and the card's view
    // (returned by the card update below) then shows the customer's currency.
    const amount = c.purchaseAmount;
    const metrics = amount !== null ? await this.metrics.addLtv(em, tenantId, card.customerId, amount, entry.currency!, now) : null;

    let updated: CardRow;
    let lots: BonusLot[];
    if (c.kind === 'visits') {
      const delta = visitDelta(c.operation, c.value, c.reason);
      if (card.visitsAvailable + delta.available < 0) {
        throw unprocessable(LoyaltyErrorCodes.insufficientVisits, `Only ${card.visitsAvailable} visits are available on this card`, {
          available: card.visitsAvailable,
        });
      }
      await this.ledger.insert(em, tenantId, entry);
      updated = await this.cards.applyVisits(em, tenantId, cardId, delta, amount ?? 0, now);
      lots = (await this.lots.unspent(em, tenantId, [cardId])).get(cardId)!;
    } else if (c.operation === 'subtract') {
      lots = (await this.lots.unspent(em, tenantId, [cardId])).get(cardId)!;
      const plan = planSpend(lots, c.value, now);
      if (!plan.ok) {
        throw unprocessable(LoyaltyErrorCodes.insufficientBonus, `Only ${plan.available} bonus points are active on this card`, { available: plan.available });
      }
      await this.ledger.insert(em, tenantId, entry);
      await this.lots.allocate(em, tenantId, entry.id, plan.allocations);
      const taken = new Map(plan.allocations.map((a) => [a.lotId, a.amount]));
      lots = lots.map((lot) => ({ ...lot, remaining: lot.remaining - (taken.get(lot.id) ?? 0) }));
      updated = await this.cards.applyBonus(em, tenantId, cardId, 0, c.value, amount ?? 0, now);
    } else {
      const seq = await this.ledger.insert(em, tenantId, entry);
      const lot = { id: entry.id, cardId, seq, amount: c.value, activatesAt: c.activatesAt, expiresAt: c.expiresAt };
      await this.lots.insert(em, tenantId, lot);
      lots = (await this.lots.unspent(em, tenantId, [cardId])).get(cardId)!;
      updated = await this.cards.applyBonus(em, tenantId, cardId, c.value, 0, amount ?? 0, now);
    }

    const row: LedgerRow = { ...entry, seq: 0, lot: null };
    if (c.kind === 'bonus' && c.operation === 'add') row.lot = lots.find((l) => l.id === entry.id) ?? null;
    await this.outbox.enqueue<LedgerRecordedV1>(em, {
      type: LoyaltyEvents.ledgerRecorded,
      tenantId,
      actor,
      data: toLedgerEvent(row, updated.currency ?? settings.currency),
    });
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

  /** Tab loyalty-ledger: the customer's operations on all cards, newest first; filters kind and cardId. */
  async list(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<LedgerEntryView>> {
    const { tenantId } = caller;
    const r = new InputReader(query);
    const kind = r.oneOf('kind', ['visits', 'bonus'] as const) ?? undefined;
    const cardId = r.uuid('cardId');
    r.done();
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, LEDGER_SORT);
    await this.customers.assertLive(tenantId, customerId);
    const em = this.dataSource.manager;
    const [rows, settings] = await Promise.all([
      this.ledger.page(em, tenantId, customerId, { kind, cardId, beforeSeq: after ? Number(after.value) : undefined }, limit),
      this.settings.get(tenantId),
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
