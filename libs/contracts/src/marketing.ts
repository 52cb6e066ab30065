import type { FieldErrors } from './errors';

/**
 * Request/reply patterns, views and inputs of the marketing service (issue 5). Every payload
 * also carries `tenantId` and `actor`; lists take `query: { limit?, cursor? }` and answer
 * `Page<T>`.
 */
export const MarketingPatterns = {
  // M1 subscriptions
  /** {} → SubscriptionCategoryView[] (all, active and inactive, by key) */
  listCategories: 'marketing.subscriptionCategory.list',
  /** { key, input: { name, active? } } → SubscriptionCategoryView (creates or changes) */
  putCategory: 'marketing.subscriptionCategory.put',
  /** { customerId, changes: SubscriptionChangeInput[] } → SubscriptionView[] (the changed ones) */
  setSubscriptions: 'marketing.subscription.set',
  /** { customerId, query } → Page<SubscriptionView> (active categories × channels) */
  customerSubscriptions: 'marketing.customer.subscriptions',

  // M9 segments
  /** { input: CreateSegmentInput } → SegmentView (membership computed in the background) */
  createSegment: 'marketing.segment.create',
  /** { id, input: UpdateSegmentInput } → SegmentView */
  updateSegment: 'marketing.segment.update',
  /** { id } → { id, deleted: true } */
  deleteSegment: 'marketing.segment.delete',
  /** { id } → SegmentView */
  getSegment: 'marketing.segment.get',
  /** { query } → Page<SegmentView> */
  listSegments: 'marketing.segment.list',
  /** { id, query } → Page<SegmentMemberView> */
  segmentMembers: 'marketing.segment.members',
  /** { id } → SegmentCountView */
  segmentCount: 'marketing.segment.count',
  /** { customerId, query } → Page<CustomerSegmentView> */
  customerSegments: 'marketing.customer.segments',

  // M2 mailings, M3 personal push
  /** { input: CreateMailingInput } → MailingView (draft) */
  createMailing: 'marketing.mailing.create',
  /** { id } → MailingView */
  getMailing: 'marketing.mailing.get',
  /** { query } → Page<MailingView> */
  listMailings: 'marketing.mailing.list',
  /** { id, idempotencyKey? } → MailingView (status sending or sent) */
  sendMailing: 'marketing.mailing.send',
  /** { id, query: { outcome?, limit?, cursor? } } → Page<MailingRecipientView> */
  mailingRecipients: 'marketing.mailing.recipients',
  /** { customerId, query } → Page<CustomerMailingView> */
  customerMailings: 'marketing.customer.mailings',
  /** { customerId, input: SendPushInput, idempotencyKey? } → PushMessageView */
  sendPush: 'marketing.push.send',
  /** { customerId, query } → Page<PushMessageView> */
  customerPushMessages: 'marketing.customer.pushMessages',

  // M4 promo codes
  /** { input: CreatePromoCodePoolInput, idempotencyKey? } → PromoCodePoolView */
  createPool: 'marketing.promoCodePool.create',
  /** { id } → PromoCodePoolView */
  getPool: 'marketing.promoCodePool.get',
  /** { query } → Page<PromoCodePoolView> */
  listPools: 'marketing.promoCodePool.list',
  /** { id, input: AddPromoCodesInput, idempotencyKey? } → PromoCodePoolView */
  addCodes: 'marketing.promoCodePool.addCodes',
  /** { id, input: IssuePromoCodeInput, idempotencyKey? } → CustomerPromoCodeView */
  issueCode: 'marketing.promoCode.issue',
  /** { code, input: { customerId? }, idempotencyKey? } → PromoCodeView */
  redeemCode: 'marketing.promoCode.redeem',
  /** { customerId, query } → Page<CustomerPromoCodeView> */
  customerPromoCodes: 'marketing.customer.promoCodes',

  // M5 polls
  /** { input: CreatePollInput } → PollView */
  createPoll: 'marketing.poll.create',
  /** { id } → PollView */
  getPoll: 'marketing.poll.get',
  /** { query } → Page<PollView> */
  listPolls: 'marketing.poll.list',
  /** { id, input: PollResponseInput } → PollResponseView */
  respondPoll: 'marketing.poll.respond',
  /** { id } → PollResultsView */
  pollResults: 'marketing.poll.results',
  /** { customerId, query } → Page<CustomerPollView> */
  customerPolls: 'marketing.customer.polls',

  // M6 web activity, M7 interests, M8 abandoned cart
  /** { events: unknown[], batch: boolean } → TrackResult */
  track: 'marketing.activity.track',
  /** { customerId, query: { type?, limit?, cursor? } } → Page<WebActivityView> */
  customerActivity: 'marketing.customer.activity',
  /** { customerId } → Page<InterestView> (top 10, one page) */
  customerInterests: 'marketing.customer.interests',
  /** { customerId, query } → Page<AbandonedCartItemView> */
  customerCart: 'marketing.customer.abandonedCart',

  // For the aggregated profile (P1) and the export (C18)
  /** { customerId } → MarketingCustomerSummary */
  customerSummary: 'marketing.customer.summary',
  /** { customerId, tabLimit? } → { summary, tabs } for the aggregated profile (P1) */
  customerProfile: 'marketing.customer.profile',
  /** { customerId } → MarketingCustomerExport */
  customerExport: 'marketing.customer.export',
} as const;

export const MarketingErrorCodes = {
  subscriptionCategoryNotFound: 'subscription_category_not_found',
  subscriptionCategoryInactive: 'subscription_category_inactive',
  segmentNotFound: 'segment_not_found',
  segmentNameTaken: 'segment_name_taken',
  segmentInUse: 'segment_in_use',
  /** The segment's rule changed and its membership is being recomputed: send a moment later. */
  segmentNotReady: 'segment_not_ready',
  mailingNotFound: 'mailing_not_found',
  mailingAlreadySent: 'mailing_already_sent',
  mailingAudienceEmpty: 'mailing_audience_empty',
  channelNotConfigured: 'channel_not_configured',
  promoCodesExhausted: 'promo_codes_exhausted',
  noPushCard: 'no_push_card',
  promoCodePoolNotFound: 'promo_code_pool_not_found',
  promoCodeNotFound: 'promo_code_not_found',
  promoCodeExists: 'promo_code_exists',
  promoCodeAlreadyRedeemed: 'promo_code_already_redeemed',
  promoCodeNotIssued: 'promo_code_not_issued',
  promoCodeOtherCustomer: 'promo_code_other_customer',
  pollNotFound: 'poll_not_found',
  pollAlreadyAnswered: 'poll_already_answered',
} as const;

// ------------------------------------------------------------------ M1 subscriptions

export type Channel = 'email' | 'sms' | 'push';
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'push'];

/**
 * Why a customer cannot receive a send (X2). `unsubscribed`, `control_group` and contact
 * reasons: an invalid or bounced primary email, no mobile number (a landline, or a number whose
 * type is unknown), no installed loyalty card for push, a required consent not given.
 */
export type ExclusionReason =
  | 'unsubscribed'
  | 'no_email'
  | 'invalid_email'
  | 'no_phone'
  | 'invalid_phone'
  | 'landline'
  | 'no_mobile_phone'
  | 'no_card'
  | 'card_not_installed'
  | 'no_consent'
  | 'customer_deleted';

export interface SubscriptionCategoryView {
  key: string;
  name: string;
  /** Only active categories are shown on profiles and accept subscriptions and mailings. */
  active: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface PutSubscriptionCategoryInput {
  name: string;
  active?: boolean;
}

export interface SubscriptionChangeInput {
  channel: Channel;
  category: string;
  subscribed: boolean;
}

export interface SubscriptionView {
  channel: Channel;
  category: string;
  categoryName: string;
  /** Opt-in: false until the customer subscribes. */
  subscribed: boolean;
  updatedAt: string | null;
  /** Subscribed and reachable on this channel now (M1 with C2). */
  eligible: boolean;
  /** Why not eligible, or null. */
  reason: ExclusionReason | null;
}

// ------------------------------------------------------------------ M9 segments

export type SegmentOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'contains' | 'exists';
export const SEGMENT_OPS: readonly SegmentOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists'];

export interface SegmentCondition {
  field: string;
  op: SegmentOp;
  value?: unknown;
}
export type SegmentRule = { all: SegmentRuleNode[] } | { any: SegmentRuleNode[] };
export type SegmentRuleNode = SegmentRule | SegmentCondition;

export interface CreateSegmentInput {
  name: string;
  description?: string | null;
  rule: SegmentRule;
}
export type UpdateSegmentInput = Partial<CreateSegmentInput>;

export type SegmentStatus = 'computing' | 'ready';

export interface SegmentView {
  id: string;
  name: string;
  description: string | null;
  rule: SegmentRule;
  /** Exact number of members as of the last change. */
  memberCount: number;
  /** `computing` while a full recompute after a rule change is pending. */
  status: SegmentStatus;
  computedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentCountView {
  count: number;
  status: SegmentStatus;
  computedAt: string | null;
}

export interface SegmentMemberView {
  customerId: string;
  since: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface CustomerSegmentView {
  id: string;
  name: string;
  since: string;
}

// ------------------------------------------------------------------ M2 mailings, M3 push

export type MailingKind = 'mass' | 'campaign';
export type MailingStatus = 'draft' | 'sending' | 'sent';

export interface CreateMailingInput {
  name: string;
  kind?: MailingKind;
  /** Campaign name, required for kind `campaign`. */
  campaign?: string | null;
  segmentId: string;
  channel: Channel;
  category: string;
  /** Share of the eligible audience deliberately not sent, 0-100 (two decimals). */
  controlGroupPercent?: number;
  /** Email subject, push title. */
  subject?: string | null;
  /** Text; `{{firstName}}`, `{{lastName}}` and `{{promoCode}}` are filled in per recipient. */
  body: string;
  /** Issue one code of this pool to every recipient who is sent the mailing. */
  promoCodePoolId?: string | null;
  /** A consent key that must be `given` for a customer to be sent the mailing. */
  requiredConsent?: string | null;
}

export interface MailingCounts {
  audience: number;
  pending: number;
  sent: number;
  controlGroup: number;
  excluded: number;
  failed: number;
}

export interface MailingView {
  id: string;
  name: string;
  kind: MailingKind;
  campaign: string | null;
  segmentId: string;
  channel: Channel;
  category: string;
  controlGroupPercent: number;
  subject: string | null;
  body: string;
  promoCodePoolId: string | null;
  requiredConsent: string | null;
  status: MailingStatus;
  counts: MailingCounts;
  /** Excluded recipients by reason (X2); only on a single mailing. */
  excludedByReason?: Record<string, number>;
  createdAt: string;
  sendRequestedAt: string | null;
  completedAt: string | null;
}

export type RecipientState = 'pending' | 'sent' | 'control_group' | 'excluded' | 'failed';

export interface MailingRecipientView {
  customerId: string;
  outcome: RecipientState;
  reason: string | null;
  attempts: number;
  lastError: string | null;
  promoCode: string | null;
  sentAt: string | null;
  updatedAt: string;
}

export interface CustomerMailingView {
  mailingId: string;
  name: string;
  kind: MailingKind;
  campaign: string | null;
  channel: Channel;
  category: string;
  outcome: RecipientState;
  reason: string | null;
  /** The customer was in the mailing's control group (not sent on purpose). */
  controlGroup: boolean;
  promoCode: string | null;
  at: string;
  sentAt: string | null;
}

export interface SendPushInput {
  title: string;
  body: string;
}

export type PushStatus = 'pending' | 'sent' | 'failed';
export interface PushMessageView {
  id: string;
  customerId: string;
  title: string;
  body: string;
  cardSerialNumber: string | null;
  status: PushStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

// ------------------------------------------------------------------ M4 promo codes

export interface GenerateCodesInput {
  count: number;
  /** Added before the random part, e.g. `SUMMER-`. */
  prefix?: string;
  /** Length of the random part (6-32, default 10). */
  length?: number;
}
export interface AddPromoCodesInput {
  codes?: string[];
  generate?: GenerateCodesInput;
}
export interface CreatePromoCodePoolInput extends AddPromoCodesInput {
  name: string;
}

export interface PromoCodePoolView {
  id: string;
  name: string;
  createdAt: string;
  counts: { total: number; issued: number; redeemed: number; available: number };
}

export interface IssuePromoCodeInput {
  customerId: string;
  campaign?: string | null;
}

export interface PromoCodeView {
  code: string;
  poolId: string;
  customerId: string | null;
  issuedAt: string | null;
  redeemedAt: string | null;
}

/** One issue of a code to the customer (the profile's promo codes tab). */
export interface CustomerPromoCodeView {
  code: string;
  poolId: string;
  poolName: string;
  mailingId: string | null;
  mailingName: string | null;
  campaign: string | null;
  /** The customer already held this code, unredeemed, and was given it again. */
  reissued: boolean;
  issuedAt: string;
  redeemedAt: string | null;
}

// ------------------------------------------------------------------ M5 polls

export type PollQuestionType = 'single_choice' | 'multiple_choice' | 'text' | 'rating';
export const POLL_QUESTION_TYPES: readonly PollQuestionType[] = ['single_choice', 'multiple_choice', 'text', 'rating'];

export interface PollQuestionInput {
  /** Stable id of the question in answers (default q1, q2, …). */
  id?: string;
  text: string;
  type: PollQuestionType;
  /** Choices of a single or multiple choice question. */
  options?: string[];
  required?: boolean;
}
export interface PollQuestion {
  id: string;
  text: string;
  type: PollQuestionType;
  options: string[] | null;
  required: boolean;
}
export interface CreatePollInput {
  title: string;
  description?: string | null;
  questions: PollQuestionInput[];
}
export interface PollView {
  id: string;
  title: string;
  description: string | null;
  questions: PollQuestion[];
  responseCount: number;
  createdAt: string;
}

/** Answers by question id: an option (single), options (multiple), text, or 1-5 (rating). */
export type PollAnswer = string | string[] | number;
export interface PollResponseInput {
  customerId: string;
  answers: Record<string, PollAnswer>;
}
export interface PollResponseView {
  pollId: string;
  customerId: string;
  answers: Record<string, PollAnswer>;
  answeredAt: string;
}
export interface CustomerPollView {
  pollId: string;
  title: string;
  answeredAt: string;
  answers: Array<{ questionId: string; question: string; answer: PollAnswer }>;
}
export interface PollResultsView {
  pollId: string;
  responses: number;
  questions: Array<{
    id: string;
    text: string;
    type: PollQuestionType;
    answered: number;
    /** Choice questions: responses per option. */
    options?: Record<string, number>;
    /** Rating questions. */
    average?: number | null;
  }>;
}

// ------------------------------------------------------------------ M6 web activity, M7, M8

export type TrackEventType = 'visit' | 'category_view' | 'product_view' | 'page_view' | 'cart_add' | 'cart_remove';
export const TRACK_EVENT_TYPES: readonly TrackEventType[] = ['visit', 'category_view', 'product_view', 'page_view', 'cart_add', 'cart_remove'];
/** Types of the web activity tab: what is tracked plus orders (from loyalty purchases). */
export type WebActivityType = TrackEventType | 'order';

export interface TrackProductInput {
  sku: string;
  name?: string;
  /** Unit price in minor units. */
  price?: number;
  currency?: string;
  quantity?: number;
  category?: string;
}
export interface TrackEventInput {
  customerId?: string;
  email?: string;
  type: TrackEventType;
  /** When it happened (default: when received). */
  at?: string;
  url?: string;
  category?: string;
  product?: TrackProductInput;
  /** The sender's id of the event: a repeat with the same id is stored once. */
  eventId?: string;
}

export interface TrackRejection {
  /** Position in the batch (0 for a single event). */
  index: number;
  code: string;
  errors: FieldErrors;
}
export interface TrackResult {
  accepted: number;
  /** Events whose eventId was stored before (not stored again). */
  duplicates: number;
  rejected: TrackRejection[];
}

export interface WebActivityView {
  id: string;
  type: WebActivityType;
  at: string;
  url: string | null;
  category: string | null;
  product: TrackProductInput | null;
  /** For orders: the purchase it came from. */
  order: { purchaseId: string; number: string; total: number; currency: string; status: string } | null;
}

export interface InterestView {
  category: string;
  /** Views of the category (and of its products) inside the window since the last purchase in it. */
  views: number;
  lastViewedAt: string;
  /** When the interest lapses without another view. */
  expiresAt: string;
}

export interface AbandonedCartItemView {
  sku: string;
  name: string;
  price: number | null;
  currency: string | null;
  quantity: number;
  addedAt: string;
}

// ------------------------------------------------------------------ profile and export

export interface MarketingCustomerSummary {
  customerId: string;
  segments: Array<{ id: string; name: string }>;
  subscriptions: SubscriptionView[];
  interests: InterestView[];
}

export interface MarketingCustomerExport {
  customerId: string;
  contact: {
    email: string | null;
    emailState: string;
    smsPhone: string | null;
    phoneState: string;
  } | null;
  subscriptions: Array<{ channel: Channel; category: string; subscribed: boolean; updatedAt: string }>;
  segments: CustomerSegmentView[];
  mailings: CustomerMailingView[];
  pushMessages: PushMessageView[];
  promoCodes: CustomerPromoCodeView[];
  polls: CustomerPollView[];
  webActivity: WebActivityView[];
  interests: InterestView[];
  abandonedCart: AbandonedCartItemView[];
}
