import type { Utm } from './customers';

/**
 * Events of the loyalty service (stream LOYALTY). Marketing consumes purchases and metrics
 * (orders in web activity, interests, abandoned carts, segments); customers consumes all of them
 * for the history timeline.
 */
export const LoyaltyEvents = {
  cardIssued: 'loyalty.card.issued',
  cardChanged: 'loyalty.card.changed',
  ledgerRecorded: 'loyalty.ledger.recorded',
  purchaseRecorded: 'loyalty.purchase.recorded',
  purchaseChanged: 'loyalty.purchase.changed',
  metricsChanged: 'loyalty.metrics.changed',
  feedbackReceived: 'loyalty.feedback.received',
  customerErased: 'loyalty.customer.erased',
} as const;

export type CardStatus = 'installed' | 'not_installed' | 'deleted';
export type CardDevice = 'pwa' | 'apple_wallet' | 'google_wallet';

export interface LoyaltyCardV1 {
  id: string;
  serialNumber: string;
  customerId: string;
  status: CardStatus;
  device: CardDevice | null;
  issuedOn: string;
  expiresOn: string | null;
  referralCode: string | null;
  referrerCustomerId: string | null;
  /** Added: the card's own code for its referral link (L10). */
  inviteCode?: string | null;
  /** Added: UTM of the install channel. */
  utm?: Utm | null;
}
export interface LoyaltyCardIssuedV1 {
  card: LoyaltyCardV1;
}
export interface LoyaltyCardChangedV1 {
  card: LoyaltyCardV1;
  changed: string[];
}

/** One ledger operation on a card (L2, L3). Amounts in minor units. */
export interface LedgerRecordedV1 {
  entryId: string;
  cardId: string;
  customerId: string;
  kind: 'visits' | 'bonus';
  operation: 'add' | 'subtract';
  value: number;
  purchaseAmount: number | null;
  currency: string;
  comment: string | null;
  at: string;
  /** Added: visits subtracted because they were used, or as a correction. */
  reason?: 'use' | 'correction' | null;
  /** Added: bonus additions only (L4). */
  activatesAt?: string | null;
  expiresAt?: string | null;
}

export interface PurchaseLineV1 {
  sku: string;
  name: string;
  category: string | null;
  quantity: number;
  /** Unit price in minor units. */
  price: number;
}
export interface PurchaseV1 {
  id: string;
  customerId: string;
  kind: 'receipt' | 'order';
  number: string;
  storeId: string | null;
  storeName: string | null;
  occurredAt: string;
  /** receipt: completed | returned; order: active | booked | cancelled | shipped */
  status: string;
  currency: string;
  /** Sum of the lines plus delivery cost, minor units. */
  total: number;
  itemCount: number;
  brand: string | null;
  season: string | null;
  year: number | null;
  lines: PurchaseLineV1[];
  /** Added: delivery cost (included in total), minor units. */
  deliveryCost?: number;
  /** Added: whether the purchase counts in the metrics (completed receipts, orders not cancelled). */
  counted?: boolean;
}
export interface PurchaseRecordedV1 {
  purchase: PurchaseV1;
}
export interface PurchaseChangedV1 {
  purchase: PurchaseV1;
  changed: string[];
}

/** A customer's purchase figures after a change (L5, L7); segments read these. */
export interface CustomerMetricsV1 {
  purchaseCount: number;
  purchaseTotal: number;
  averagePurchase: number;
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  ltv: number;
  /** RFM segment name (documented by the loyalty service), null before any purchase. */
  rfmSegment: string | null;
  /** Added: the currency of the amounts (null before any amount). */
  currency?: string | null;
  averageItems?: number | null;
  lastPurchaseTotal?: number | null;
  /** Added: recency, frequency and monetary scores 1-5, e.g. "534". */
  rfmScore?: string | null;
  /** Added: feedback (L8). */
  averageRating?: number | null;
  feedbackCount?: number;
}
export interface MetricsChangedV1 {
  customerId: string;
  metrics: CustomerMetricsV1;
}

export interface FeedbackReceivedV1 {
  feedbackId: string;
  customerId: string;
  rating: number;
  comment: string | null;
  at: string;
}
