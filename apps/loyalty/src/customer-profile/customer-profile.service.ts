import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BonusFigures, LoyaltyExport, LoyaltySummary, VisitFigures } from '@app/contracts';
import { type Caller } from '@app/common';
import { TabsWithRows, TenantSettingsStore } from '@app/platform';
import { CardViews } from '../cards/card-views.service';
import { CardsService } from '../cards/cards.service';
import { FeedbackService } from '../feedback/feedback.service';
import { LedgerService } from '../ledger/ledger.service';
import { CardsRepository } from '../cards/cards.repository';
import { FeedbackRepository } from '../feedback/feedback.repository';
import { toLedgerEntryView } from '../ledger/ledger-view';
import { LedgerRepository } from '../ledger/ledger.repository';
import { average2, purchaseMetrics } from '../metrics/metrics-rules';
import { MetricsRepository } from '../metrics/metrics.repository';
import { PurchasesService } from '../purchases/purchases.service';
import { SalesRepository } from '../purchases/sales.repository';
import { LiveCustomers } from '../shared/live-customers.service';
import { loyaltyPartChangesAt } from './profile-clock';

const NO_VISITS: VisitFigures = { visitsSold: 0, visitsAvailable: 0, visitsRedeemed: 0, totalVisits: 0, lastVisitAddedAt: null, lastVisitRefundedAt: null };
const NO_BONUS: BonusFigures = {
  bonusBalance: 0,
  bonusPendingActivation: 0,
  bonusPendingDeactivation: 0,
  nextDeactivationAt: null,
  nextDeactivationAmount: 0,
  bonusExpired: 0,
};

/** The tabs many customers have nothing in (see TabsWithRows). */
const TAB_PROBES = {
  loyaltyCard: 'FROM loyalty_cards WHERE tenant_id = $1 AND customer_id = $2',
  loyaltyLedger: 'FROM ledger_entries WHERE tenant_id = $1 AND customer_id = $2',
  orders: "FROM purchases WHERE tenant_id = $1 AND customer_id = $2 AND kind = 'order'",
  feedback: 'FROM feedback WHERE tenant_id = $1 AND customer_id = $2',
};

/** What the customer profile (P1) and export (C18) take from loyalty. */
@Injectable()
export class CustomerProfileService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: CardsRepository,
    private readonly cardViews: CardViews,
    private readonly ledger: LedgerRepository,
    private readonly metrics: MetricsRepository,
    private readonly sales: SalesRepository,
    private readonly purchases: PurchasesService,
    private readonly feedback: FeedbackRepository,
    private readonly customers: LiveCustomers,
    private readonly settings: TenantSettingsStore,
    private readonly cardsService: CardsService,
    private readonly ledgerService: LedgerService,
    private readonly feedbackService: FeedbackService,
  ) {}

  /** The summary and the first page of each loyalty tab of the profile (P1), read at once. */
  async profile(caller: Caller, customerId: string, limit: number) {
    const query = { limit };
    const present = TabsWithRows.of(this.dataSource.manager, caller.tenantId, customerId, TAB_PROBES);
    const [summary, loyaltyCard, loyaltyLedger, receipts, orders, salesSummary, stores, feedback] = await Promise.all([
      this.summary(caller, customerId),
      present.then((tabs) => tabs.read('loyaltyCard', () => this.cardsService.listByCustomer(caller, customerId, query))),
      present.then((tabs) => tabs.read('loyaltyLedger', () => this.ledgerService.list(caller, customerId, query))),
      this.purchases.list(caller, 'receipt', customerId, query),
      present.then((tabs) => tabs.read('orders', () => this.purchases.list(caller, 'order', customerId, query))),
      this.purchases.salesSummary(caller, customerId, query),
      this.purchases.stores(caller, customerId, query),
      present.then((tabs) => tabs.read('feedback', () => this.feedbackService.list(caller, customerId, query), { count: 0, averageRating: null })),
    ]);
    return { summary, tabs: { loyaltyCard, loyaltyLedger, receipts, orders, salesSummary, stores, feedback } };
  }

  /** When the clock alone next changes the loyalty part (loyaltyPartChangesAt), from the unspent lots of the customer's cards. */
  async changesByClockAt(tenantId: string, customerId: string, after: Date): Promise<Date> {
    const [settings, lots] = await Promise.all([
      this.customers.settingsFor(tenantId, customerId),
      this.dataSource.query(
        `SELECT l.remaining, l.activates_at AS "activatesAt", l.expires_at AS "expiresAt"
           FROM loyalty_cards c JOIN bonus_lots l ON l.tenant_id = c.tenant_id AND l.card_id = c.id AND l.remaining > 0
          WHERE c.tenant_id = $1 AND c.customer_id = $2 AND (l.activates_at > $3 OR l.expires_at > $3)`,
        [tenantId, customerId, after],
      ),
    ]);
    return loyaltyPartChangesAt(lots, after, { timeZone: settings.timeZone, windowDays: settings.bonusDeactivationWindowDays });
  }

  /**
   * The profile figures under their API.md names: the current card (not deleted) with its visit
   * and bonus figures (zeros without one), LTV over all the customer's cards, purchase metrics
   * with the RFM segment, and the average rating. Three indexed reads.
   */
  async summary(caller: Caller, customerId: string): Promise<LoyaltySummary> {
    const { tenantId } = caller;
    const em = this.dataSource.manager;
    const [settings, row, metrics] = await Promise.all([
      this.customers.settingsFor(tenantId, customerId),
      this.cards.currentOf(em, tenantId, customerId),
      this.metrics.findOnce(em, tenantId, customerId),
    ]);
    const now = new Date();
    const card = row ? await this.cardViews.view(em, tenantId, row, settings, now) : null;
    const visits: VisitFigures = card
      ? {
          visitsSold: card.visitsSold,
          visitsAvailable: card.visitsAvailable,
          visitsRedeemed: card.visitsRedeemed,
          totalVisits: card.totalVisits,
          lastVisitAddedAt: card.lastVisitAddedAt,
          lastVisitRefundedAt: card.lastVisitRefundedAt,
        }
      : NO_VISITS;
    const bonus: BonusFigures = card
      ? {
          bonusBalance: card.bonusBalance,
          bonusPendingActivation: card.bonusPendingActivation,
          bonusPendingDeactivation: card.bonusPendingDeactivation,
          nextDeactivationAt: card.nextDeactivationAt,
          nextDeactivationAmount: card.nextDeactivationAmount,
          bonusExpired: card.bonusExpired,
        }
      : NO_BONUS;
    return {
      customerId,
      card,
      ...visits,
      ...bonus,
      ltv: metrics.ltv,
      currency: metrics.currency ?? settings.currency,
      ...purchaseMetrics(metrics, now, settings.timeZone),
      averageRating: average2(metrics.ratingSum, metrics.ratingCount),
      feedbackCount: metrics.ratingCount,
    };
  }

  /** Everything loyalty holds on the customer (C18 export), as JSON. */
  async export(caller: Caller, customerId: string): Promise<LoyaltyExport> {
    const { tenantId } = caller;
    const summary = await this.summary(caller, customerId);
    const em = this.dataSource.manager;
    const settings = await this.settings.get(tenantId);
    const now = new Date();
    const [cardRows, ledger, purchases, stores, sales, feedback] = await Promise.all([
      this.cards.allOf(em, tenantId, customerId),
      this.ledger.allOf(em, tenantId, customerId),
      this.purchases.allOf(em, tenantId, customerId),
      this.sales.storesPage(em, tenantId, customerId, null, 100_000),
      this.sales.salesPage(em, tenantId, customerId, {}, 100_000, summary.currency),
      this.feedback.allOf(em, tenantId, customerId),
    ]);
    return {
      customerId,
      summary,
      cards: await this.cardViews.views(em, tenantId, cardRows, settings, now),
      ledger: ledger.map((row) => toLedgerEntryView(row, settings, now)),
      purchases,
      stores,
      sales,
      feedback,
    };
  }
}
