import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  conflict,
  invalid,
  LoyaltyErrorCodes,
  LoyaltyEvents,
  LoyaltyPatterns,
  type Actor,
  type MetricsChangedV1,
  type Page,
  type PurchaseChangedV1,
  type PurchaseKind,
  type PurchaseListItem,
  type PurchaseRecordedV1,
  type PurchaseView,
  type SalesYearView,
  type StoreView,
} from '@app/contracts';
import { type Caller, decodeCursor, encodeCursor, pageLimit } from '@app/common';
import { OutboxService } from '@app/platform';
import { metricsEvent, type MetricsRow } from '../metrics/metrics-rules';
import { MetricsRepository } from '../metrics/metrics.repository';
import type { RfmCuts } from '../metrics/rfm';
import { RfmScoring } from '../metrics/rfm-scoring.service';
import { InputReader } from '../shared/input-reader';
import { cursorNumber } from '../shared/page';
import { LiveCustomers } from '../shared/live-customers.service';
import { WriteTransaction } from '../shared/write-transaction.service';
import { readRecordPurchase, readUpdatePurchase } from './purchase-input';
import { contributionDelta, contributionOf, purchaseTotals, salesYear, statusesOf } from './purchase-rules';
import { toPurchaseEvent, toPurchaseListItem, toPurchaseView } from './purchase-view';
import { PurchasesRepository, type PurchaseRow } from './purchases.repository';
import { SalesRepository } from './sales.repository';

const STORES_SORT = 'stores';
const SALES_SORT = 'sales';

/**
 * Purchases (L6) and what they feed (L7): each purchase changes its customer's metrics, RFM
 * scores, favourite stores and sales summary in its own transaction, and publishes
 * purchase.recorded / purchase.changed and metrics.changed through the outbox.
 */
@Injectable()
export class PurchasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly purchases: PurchasesRepository,
    private readonly sales: SalesRepository,
    private readonly metrics: MetricsRepository,
    private readonly rfm: RfmScoring,
    private readonly customers: LiveCustomers,
    private readonly outbox: OutboxService,
    private readonly tx: WriteTransaction,
  ) {}

  /**
   * Records a receipt or an order of a live customer, in the tenant's default currency unless
   * one is given (422 currency_mismatch when the customer's amounts are in another); 409
   * purchase_exists for a number already recorded for that kind.
   */
  async record(caller: Caller, input: Record<string, unknown>, idempotencyKey: unknown): Promise<PurchaseView> {
    const { tenantId, actor } = caller;
    const now = new Date();
    const c = readRecordPurchase(input, now);
    const settings = await this.customers.settingsFor(tenantId, c.customerId);
    const totals = purchaseTotals(c.lines, c.deliveryCost);

    const purchase = await this.tx.run(tenantId, idempotencyKey, LoyaltyPatterns.recordPurchase, input, async (em) => {
      const row = await this.purchases.insert(
        em,
        tenantId,
        {
          id: randomUUID(),
          customerId: c.customerId,
          kind: c.kind,
          number: c.number,
          storeId: c.storeId,
          storeName: c.storeName,
          occurredAt: c.occurredAt,
          status: c.status,
          currency: c.currency ?? settings.currency,
          deliveryCost: c.deliveryCost,
          total: totals.total,
          itemCount: totals.itemCount,
          brand: c.brand,
          season: c.season,
          year: c.year,
          salesYear: salesYear(c.year, c.occurredAt, settings.timeZone),
          attributes: c.attributes,
        },
        totals.lines,
        now,
      );
      if (!row) throw conflict(LoyaltyErrorCodes.purchaseExists, `A ${c.kind} numbered ${c.number} is already recorded`, { number: c.number });

      const contribution = contributionOf(row);
      const { metrics, cuts } = await this.metrics.addPurchase(em, tenantId, row.customerId, row.currency, contribution, row, now);
      await this.sales.addPurchase(em, tenantId, row);
      const view = toPurchaseView(row, totals.lines);
      await this.outbox.enqueue<PurchaseRecordedV1>(em, { type: LoyaltyEvents.purchaseRecorded, tenantId, actor, data: { purchase: toPurchaseEvent(view) } });
      if (contribution.count > 0) await this.metricsChanged(em, tenantId, actor, row.customerId, metrics, cuts);
      return view;
    });
    // After commit, so that a refresh that takes the mark sees this purchase (see RfmScoring.markChanged).
    if (purchase.counted) await this.rfm.markChanged(this.dataSource.manager, tenantId);
    return purchase;
  }

  /**
   * Changes a purchase's status (e.g. a receipt returned, an order shipped or cancelled): the
   * sales summary moves its amount to the new status; when it starts or stops counting, the
   * metrics and favourite stores follow. Publishes purchase.changed (and metrics.changed).
   */
  async updateStatus(caller: Caller, id: string, input: Record<string, unknown>): Promise<PurchaseView> {
    const { tenantId, actor } = caller;
    const { status } = readUpdatePurchase(input);
    const now = new Date();
    let countsChanged = false;
    const purchase = await this.tx.run(tenantId, undefined, LoyaltyPatterns.updatePurchase, input, async (em) => {
      const before = await this.purchases.get(em, tenantId, id, { lock: true });
      if (!statusesOf(before.kind).includes(status)) throw invalid({ status: [`must be one of ${statusesOf(before.kind).join(', ')} for a ${before.kind}`] });
      const lines = (await this.purchases.lines(em, tenantId, [id])).get(id)!;
      if (status === before.status) return toPurchaseView(before, lines);

      const row = await this.purchases.setStatus(em, tenantId, id, status, now);
      await this.sales.removeSale(em, tenantId, row.customerId, row.salesYear, before.status, row.total);
      await this.sales.addSale(em, tenantId, row.customerId, row.salesYear, row.status, row.total);
      const delta = contributionDelta(contributionOf(before), contributionOf(row));
      countsChanged = delta.count !== 0;
      let metrics: MetricsRow | null = null;
      if (delta.count > 0) {
        metrics = (await this.metrics.addPurchase(em, tenantId, row.customerId, row.currency, delta, row, now)).metrics;
        if (row.storeId) await this.sales.addStore(em, tenantId, row.customerId, { id: row.storeId, name: row.storeName }, row.total, row.occurredAt);
      } else if (delta.count < 0) {
        metrics = await this.metrics.removePurchase(em, tenantId, row.customerId, contributionOf(before), now);
        if (row.storeId) await this.sales.removeStore(em, tenantId, row.customerId, row.storeId, row.total);
      }
      const view = toPurchaseView(row, lines);
      await this.outbox.enqueue<PurchaseChangedV1>(em, {
        type: LoyaltyEvents.purchaseChanged,
        tenantId,
        actor,
        data: { purchase: toPurchaseEvent(view), changed: ['status'] },
      });
      if (metrics) await this.metricsChanged(em, tenantId, actor, row.customerId, metrics);
      return view;
    });
    if (countsChanged) await this.rfm.markChanged(this.dataSource.manager, tenantId);
    return purchase;
  }

  /** Rescores RFM and publishes the customer's figures. */
  private async metricsChanged(em: EntityManager, tenantId: string, actor: Actor, customerId: string, metrics: MetricsRow, cuts?: RfmCuts | null): Promise<void> {
    const scored = await this.rfm.rescore(em, tenantId, customerId, metrics, cuts);
    await this.outbox.enqueue<MetricsChangedV1>(em, { type: LoyaltyEvents.metricsChanged, tenantId, actor, data: { customerId, metrics: metricsEvent(scored) } });
  }

  async get(caller: Caller, id: string): Promise<PurchaseView> {
    const em = this.dataSource.manager;
    const row = await this.purchases.get(em, caller.tenantId, id);
    return toPurchaseView(row, (await this.purchases.lines(em, caller.tenantId, [id])).get(id)!);
  }

  /** Tabs receipts and orders: newest first, optionally one status; the detail (lines) is `get`. */
  async list(caller: Caller, kind: PurchaseKind, customerId: string, query: Record<string, unknown>): Promise<Page<PurchaseListItem>> {
    const { tenantId } = caller;
    const r = new InputReader(query);
    const status = r.oneOf('status', statusesOf(kind)) ?? undefined;
    r.done();
    const sort = `${kind}s`;
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, sort);
    await this.customers.assertLive(tenantId, customerId);
    const rows = await this.purchases.page(
      this.dataSource.manager,
      tenantId,
      customerId,
      { kind, status, after: after ? { occurredAt: after.value, id: after.id } : null },
      limit,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toPurchaseListItem),
      nextCursor: rows.length > limit ? encodeCursor(sort, { value: last.occurredAt.toISOString(), id: last.id }) : null,
    };
  }

  /** Tab stores: where the customer bought most (counted purchases), with the count and total there. */
  async stores(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<StoreView>> {
    const { tenantId } = caller;
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, STORES_SORT);
    await this.customers.assertLive(tenantId, customerId);
    const rows = await this.sales.storesPage(this.dataSource.manager, tenantId, customerId, after ? { count: cursorNumber(after.value), storeId: after.id } : null, limit);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: rows.length > limit ? encodeCursor(STORES_SORT, { value: String(last.purchaseCount), id: last.storeId }) : null };
  }

  /** Tab sales-summary: amounts by status for each year, newest year first; `year` picks one. */
  async salesSummary(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<SalesYearView>> {
    const { tenantId } = caller;
    const r = new InputReader({ year: typeof query.year === 'string' && /^\d+$/.test(query.year) ? Number(query.year) : query.year });
    const year = r.int('year', { min: 1900, max: 2200 }) ?? undefined;
    r.done();
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, SALES_SORT);
    const em = this.dataSource.manager;
    const [settings, metrics] = await Promise.all([this.customers.settingsFor(tenantId, customerId), this.metrics.findOnce(em, tenantId, customerId)]);
    const rows = await this.sales.salesPage(em, tenantId, customerId, { year, beforeYear: after ? cursorNumber(after.value) : undefined }, limit, metrics.currency ?? settings.currency);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: rows.length > limit ? encodeCursor(SALES_SORT, { value: String(last.year), id: String(last.year) }) : null };
  }

  /** Everything of the customer with lines (export). */
  async allOf(em: EntityManager, tenantId: string, customerId: string): Promise<PurchaseView[]> {
    const rows: PurchaseRow[] = await this.purchases.allOf(em, tenantId, customerId);
    const lines = await this.purchases.lines(em, tenantId, rows.map((r) => r.id));
    return rows.map((row) => toPurchaseView(row, lines.get(row.id) ?? []));
  }
}
