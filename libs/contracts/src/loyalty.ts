import type { Actor, Page, PageQuery } from './common';
import type { Utm } from './customers';
import type { CardDevice, CardStatus } from './loyalty-events';

/**
 * Request/reply patterns of the loyalty service. Every payload also carries `tenantId` and
 * `actor`; the shapes are written beside each pattern. Tabs of the customer profile (P2) are one
 * pattern each, all `{ customerId, query }` → a page.
 */
export const LoyaltyPatterns = {
  /** { customerId } → DeletionCheck: may this customer be deleted (L9)? */
  deletionCheck: 'loyalty.customer.deletionCheck',
  /** { customerId } → LoyaltySummary: card, bonus, LTV, purchase metrics, RFM, rating (profile figures). */
  summary: 'loyalty.customer.summary',
  /** { customerId, tabLimit? } → { summary, tabs } for the aggregated profile (P1) */
  profile: 'loyalty.customer.profile',
  /** { customerId } → LoyaltyExport: everything loyalty holds on the customer. */
  export: 'loyalty.customer.export',

  /** { input: IssueCardInput, idempotencyKey? } → LoyaltyCardView */
  issueCard: 'loyalty.card.issue',
  /** { id } → LoyaltyCardView */
  getCard: 'loyalty.card.get',
  /** { serialNumber } → LoyaltyCardView */
  getCardBySerial: 'loyalty.card.getBySerial',
  /** { id, input: UpdateCardInput } → LoyaltyCardView */
  updateCard: 'loyalty.card.update',
  /** { id, input: LedgerOperationInput, idempotencyKey? } → LedgerOperationResult (L2) */
  changeVisits: 'loyalty.card.changeVisits',
  /** { id, input: LedgerOperationInput, idempotencyKey? } → LedgerOperationResult (L3, L4) */
  changeBonus: 'loyalty.card.changeBonus',

  /** { input: RecordPurchaseInput, idempotencyKey? } → PurchaseView (L6) */
  recordPurchase: 'loyalty.purchase.record',
  /** { id } → PurchaseView with lines */
  getPurchase: 'loyalty.purchase.get',
  /** { id, input: UpdatePurchaseInput } → PurchaseView */
  updatePurchase: 'loyalty.purchase.update',

  /** { input: CreateFeedbackInput, idempotencyKey? } → FeedbackView (L8) */
  createFeedback: 'loyalty.feedback.create',

  /** Tab loyalty-card: { customerId, query: PageQuery } → Page<LoyaltyCardView>, newest first. */
  listCards: 'loyalty.card.list',
  /** Tab loyalty-ledger: { customerId, query: LedgerQuery } → Page<LedgerEntryView>, newest first. */
  listLedger: 'loyalty.ledger.list',
  /** Tab receipts: { customerId, query: PurchaseQuery } → Page<PurchaseListItem>, newest first. */
  listReceipts: 'loyalty.purchase.listReceipts',
  /** Tab orders: { customerId, query: PurchaseQuery } → Page<PurchaseListItem>, newest first. */
  listOrders: 'loyalty.purchase.listOrders',
  /** Tab sales-summary: { customerId, query: SalesSummaryQuery } → Page<SalesYearView>, newest year first. */
  salesSummary: 'loyalty.sales.summary',
  /** Tab stores: { customerId, query: PageQuery } → Page<StoreView>, most purchases first. */
  listStores: 'loyalty.store.list',
  /** Tab feedback: { customerId, query: FeedbackQuery } → FeedbackPage, newest first. */
  listFeedback: 'loyalty.feedback.list',
} as const;

/** Error codes of the loyalty service (beside the shared ErrorCodes). */
export const LoyaltyErrorCodes = {
  cardNotFound: 'card_not_found',
  /** The customer already has a card that is not deleted. */
  cardExists: 'card_exists',
  /** A deleted card takes no operations and no changes. */
  cardDeleted: 'card_deleted',
  /** The card's expiry date has passed (in the tenant's time zone). */
  cardExpired: 'card_expired',
  expiryBeforeIssue: 'expiry_before_issue',
  insufficientVisits: 'insufficient_visits',
  insufficientBonus: 'insufficient_bonus',
  /** An amount in another currency than the customer's figures are kept in. */
  currencyMismatch: 'currency_mismatch',
  purchaseNotFound: 'purchase_not_found',
  /** A purchase of this kind with this number is already recorded in the tenant. */
  purchaseExists: 'purchase_exists',
} as const;

export interface DeletionCheck {
  allowed: boolean;
  /** Error code when not allowed, e.g. `active_loyalty_card`. */
  code?: string;
  reason?: string;
}

// ------------------------------------------------------------------ cards (L1, L10)

export interface IssueCardInput {
  customerId: string;
  /** Where the card is installed; a card with a device starts `installed`, else `not_installed`. */
  device?: CardDevice;
  status?: Exclude<CardStatus, 'deleted'>;
  /** UTM of the install channel. */
  utm?: Utm;
  /** YYYY-MM-DD, default today in the tenant's time zone; not in the future. */
  issuedOn?: string;
  /** YYYY-MM-DD, not before issuedOn; absent = no expiry. */
  expiresOn?: string;
  /** The referral code the customer came with (another card's inviteCode, or a campaign code). */
  referralCode?: string;
}

export interface UpdateCardInput {
  status?: CardStatus;
  /** null removes the expiry date. */
  expiresOn?: string | null;
  device?: CardDevice | null;
}

export interface CardLinks {
  /** Card set-up link `<publicUrl>/card/<serialNumber>`; null while the tenant has no publicUrl. */
  setup: string | null;
  /** Referral link `<publicUrl>/join?ref=<inviteCode>`; null without publicUrl or invite code. */
  referral: string | null;
}

/** Visits (L2) of a card, as derived from its ledger. */
export interface VisitFigures {
  visitsSold: number;
  visitsAvailable: number;
  visitsRedeemed: number;
  totalVisits: number;
  lastVisitAddedAt: string | null;
  lastVisitRefundedAt: string | null;
}

/** Bonus points (L3, L4) of a card at the moment of reading. */
export interface BonusFigures {
  /** Active points (including those pending deactivation): what can be spent now. */
  bonusBalance: number;
  bonusPendingActivation: number;
  /** Active points within the tenant's deactivation window before their expiry. */
  bonusPendingDeactivation: number;
  /** The next instant unspent points expire, and how many expire then. */
  nextDeactivationAt: string | null;
  nextDeactivationAmount: number;
  /** Points that expired unspent. */
  bonusExpired: number;
}

export interface LoyaltyCardView extends VisitFigures, BonusFigures {
  id: string;
  serialNumber: string;
  customerId: string;
  status: CardStatus;
  device: CardDevice | null;
  issuedOn: string;
  expiresOn: string | null;
  /** True when the expiry date has passed in the tenant's time zone. */
  expired: boolean;
  utm: Utm | null;
  referralCode: string | null;
  referrerCustomerId: string | null;
  /** This card's own code for its referral link. */
  inviteCode: string | null;
  /** Cards issued with this card's invite code, and the visits sold on them (L10). */
  referrals: number;
  referralVisits: number;
  /** Sum of purchase amounts of this card's ledger (L5), in `currency`. */
  ltv: number;
  currency: string;
  links: CardLinks;
  createdAt: string;
  updatedAt: string;
}

// ------------------------------------------------------------------ ledger (L2, L3, L4)

export type LedgerKind = 'visits' | 'bonus';
export type LedgerOperation = 'add' | 'subtract';
/** Why visits are subtracted: the customer used them, or staff corrected a mistake. Both count in totalVisits. */
export type VisitSubtractReason = 'use' | 'correction';
export type BonusLotState = 'pending_activation' | 'active' | 'pending_deactivation' | 'expired' | 'spent';

export interface LedgerOperationInput {
  operation: LedgerOperation;
  value: number;
  /** Minor units; adds to LTV for either operation. */
  purchaseAmount?: number;
  currency?: string;
  comment?: string;
  /** Visits only, subtract only (default `use`). */
  reason?: VisitSubtractReason;
  /** Bonus add only: ISO timestamps. */
  activatesAt?: string;
  expiresAt?: string;
}

export interface LedgerEntryView {
  id: string;
  cardId: string;
  customerId: string;
  kind: LedgerKind;
  operation: LedgerOperation;
  value: number;
  reason: VisitSubtractReason | null;
  purchaseAmount: number | null;
  currency: string | null;
  comment: string | null;
  activatesAt: string | null;
  expiresAt: string | null;
  /** Bonus additions: the points not yet spent and their state now. */
  remaining: number | null;
  state: BonusLotState | null;
  actor: Actor;
  at: string;
}

export interface LedgerOperationResult {
  entry: LedgerEntryView;
  card: LoyaltyCardView;
}

export interface LedgerQuery extends PageQuery {
  kind?: LedgerKind;
  cardId?: string;
}

// ------------------------------------------------------------------ purchases (L6)

export type PurchaseKind = 'receipt' | 'order';
export const RECEIPT_STATUSES = ['completed', 'returned'] as const;
export const ORDER_STATUSES = ['active', 'booked', 'cancelled', 'shipped'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type PurchaseStatus = ReceiptStatus | OrderStatus;

export interface PurchaseLineInput {
  sku: string;
  name: string;
  category?: string;
  quantity: number;
  /** Unit price, minor units. */
  price: number;
}

export interface RecordPurchaseInput {
  customerId: string;
  kind: PurchaseKind;
  number: string;
  storeId?: string;
  storeName?: string;
  occurredAt: string;
  status: PurchaseStatus;
  currency?: string;
  brand?: string;
  season?: string;
  year?: number;
  deliveryCost?: number;
  /** Further receipt attributes shown in the detail (e.g. payment type, cashier). */
  attributes?: Record<string, string | number | boolean | null>;
  lines: PurchaseLineInput[];
}

export interface UpdatePurchaseInput {
  status: PurchaseStatus;
}

export interface PurchaseLineView {
  sku: string;
  name: string;
  category: string | null;
  quantity: number;
  price: number;
  amount: number;
}

export interface PurchaseListItem {
  id: string;
  customerId: string;
  kind: PurchaseKind;
  number: string;
  storeId: string | null;
  storeName: string | null;
  occurredAt: string;
  status: PurchaseStatus;
  /** Whether it counts in the purchase metrics (completed receipts, orders not cancelled). */
  counted: boolean;
  currency: string;
  deliveryCost: number;
  total: number;
  itemCount: number;
  brand: string | null;
  season: string | null;
  year: number | null;
  createdAt: string;
}

export interface PurchaseView extends PurchaseListItem {
  attributes: Record<string, string | number | boolean | null>;
  lines: PurchaseLineView[];
}

export interface PurchaseQuery extends PageQuery {
  status?: PurchaseStatus;
}

// ------------------------------------------------------------------ metrics (L5, L7)

export type RfmSegment =
  | 'champions'
  | 'loyal_customers'
  | 'potential_loyalists'
  | 'new_customers'
  | 'promising'
  | 'need_attention'
  | 'about_to_sleep'
  | 'at_risk'
  | 'cannot_lose_them'
  | 'hibernating'
  | 'lost';

export interface PurchaseMetrics {
  purchaseCount: number;
  purchaseTotal: number;
  averagePurchase: number | null;
  averageItems: number | null;
  lastPurchaseTotal: number | null;
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  daysSinceFirstPurchase: number | null;
  daysSinceLastPurchase: number | null;
  rfmSegment: RfmSegment | null;
  /** Recency, frequency and monetary scores 1-5, e.g. "534"; null before any purchase. */
  rfmScore: string | null;
}

/** The profile's loyalty figures (API.md names); visits and bonus of the current card (0 without one). */
export interface LoyaltySummary extends VisitFigures, BonusFigures, PurchaseMetrics {
  customerId: string;
  /** The card that is not deleted, or null. */
  card: LoyaltyCardView | null;
  /** Sum of purchase amounts of all the customer's card ledgers (L5). */
  ltv: number;
  currency: string;
  averageRating: number | null;
  feedbackCount: number;
}

export interface StoreView {
  storeId: string;
  storeName: string | null;
  purchaseCount: number;
  purchaseTotal: number;
  lastPurchaseAt: string;
}

/** One year of the sales summary: amounts (minor units) by status. */
export interface SalesYearView {
  year: number;
  currency: string;
  active: number;
  booked: number;
  cancelled: number;
  shipped: number;
  completed: number;
  returned: number;
  /** The amount that counts as sales (completed receipts, orders not cancelled). */
  total: number;
  purchaseCount: number;
}

export interface SalesSummaryQuery extends PageQuery {
  year?: number;
}

// ------------------------------------------------------------------ feedback (L8)

export interface CreateFeedbackInput {
  customerId: string;
  rating: number;
  comment?: string;
  /** When it was given (ISO timestamp, not in the future); default now. */
  at?: string;
}

export interface FeedbackView {
  id: string;
  customerId: string;
  rating: number;
  comment: string | null;
  at: string;
}

export type FeedbackPeriod = 'day' | 'week' | 'month' | 'year' | 'custom';

export interface FeedbackQuery extends PageQuery {
  /** day/week/month/year containing `date` (default today), or custom `from`..`to`, in the tenant's time zone. */
  period?: FeedbackPeriod;
  date?: string;
  from?: string;
  to?: string;
  withComments?: boolean;
}

export interface FeedbackPage extends Page<FeedbackView> {
  /** Over every feedback matching the filter (not only this page). */
  count: number;
  averageRating: number | null;
}

// ------------------------------------------------------------------ export (C18)

export interface LoyaltyExport {
  customerId: string;
  summary: LoyaltySummary;
  cards: LoyaltyCardView[];
  ledger: LedgerEntryView[];
  purchases: PurchaseView[];
  stores: StoreView[];
  sales: SalesYearView[];
  feedback: FeedbackView[];
}
