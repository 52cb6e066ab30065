/**
 * Events of the marketing service (stream MARKETING). Customers consumes segment membership
 * (the customer list's segmentId filter) and everything else for the history timeline.
 */
export const MarketingEvents = {
  segmentMembershipChanged: 'marketing.segmentMembership.changed',
  subscriptionChanged: 'marketing.subscription.changed',
  mailingSent: 'marketing.mailing.sent',
  pushSent: 'marketing.push.sent',
  promoCodeIssued: 'marketing.promoCode.issued',
  promoCodeRedeemed: 'marketing.promoCode.redeemed',
  pollAnswered: 'marketing.poll.answered',
  activityTracked: 'marketing.activity.tracked',
  customerErased: 'marketing.customer.erased',
} as const;

/** Customers who entered or left a segment; at most 1,000 ids per list (a large change is several events). */
export interface SegmentMembershipChangedV1 {
  segmentId: string;
  segmentName: string;
  added: string[];
  removed: string[];
  /** True when the segment was deleted: every member left. */
  segmentDeleted?: boolean;
}

export interface SubscriptionChangedV1 {
  customerId: string;
  channel: 'email' | 'sms' | 'push';
  category: string;
  subscribed: boolean;
  at: string;
}

export type RecipientOutcome = 'sent' | 'control_group' | 'excluded' | 'failed';
/** What happened to each recipient of a mailing; at most 500 recipients per event. */
export interface MailingSentV1 {
  mailingId: string;
  name: string;
  kind: 'mass' | 'campaign';
  channel: 'email' | 'sms' | 'push';
  category: string;
  recipients: Array<{ customerId: string; outcome: RecipientOutcome; reason: string | null; at: string }>;
}

export interface PushSentV1 {
  messageId: string;
  customerId: string;
  title: string;
  at: string;
}

export interface PromoCodeIssuedV1 {
  code: string;
  poolId: string;
  customerId: string;
  mailingId: string | null;
  campaign: string | null;
  reissued: boolean;
  at: string;
}
export interface PromoCodeRedeemedV1 {
  code: string;
  poolId: string;
  customerId: string | null;
  at: string;
}

export interface PollAnsweredV1 {
  pollId: string;
  pollTitle: string;
  customerId: string;
  at: string;
}

/** Web activity of one customer from one track call (M6). */
export interface ActivityTrackedV1 {
  customerId: string;
  events: Array<{ type: string; at: string; url: string | null; product: string | null; category: string | null }>;
}
