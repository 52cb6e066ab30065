import {
  BookingEvents,
  CustomerB2BEvents,
  CustomerEvents,
  LoyaltyEvents,
  MarketingEvents,
  type ActivityTrackedV1,
  type AttendanceRecordedV1,
  type BookingCancelledV1,
  type BookingCreatedV1,
  type CustomerCreatedV1,
  type CustomerUpdatedV1,
  type EventEnvelope,
  type FeedbackReceivedV1,
  type GroupMembershipChangedV1,
  type LedgerRecordedV1,
  type LoyaltyCardChangedV1,
  type LoyaltyCardIssuedV1,
  type MailingSentV1,
  type MembershipCancelledV1,
  type MembershipEndedV1,
  type MembershipStartedV1,
  type PassAdjustedV1,
  type PassPurchasedV1,
  type PollAnsweredV1,
  type PromoCodeIssuedV1,
  type PromoCodeRedeemedV1,
  type PurchaseChangedV1,
  type PurchaseRecordedV1,
  type PushSentV1,
  type SegmentMembershipChangedV1,
  type SubscriptionChangedV1,
  type VoucherPurchasedV1,
  type VoucherRedeemedV1,
} from '@app/contracts';

/** Categories of the timeline (C16); `GET /customers/{id}/history?category=` filters by them. */
export const HISTORY_CATEGORIES = [
  'profile',
  'consent',
  'tag',
  'note',
  'task',
  'appointment',
  'account',
  'booking',
  'membership',
  'group',
  'pass',
  'voucher',
  'loyalty',
  'purchase',
  'feedback',
  'mailing',
  'promo_code',
  'poll',
  'subscription',
  'web',
  'segment',
] as const;
export type HistoryCategory = (typeof HISTORY_CATEGORIES)[number];

/** One timeline entry an event makes for one customer. */
export interface HistoryDraft {
  customerId: string;
  category: HistoryCategory;
  name: string;
  description: string;
  /** When it happened (default: when the event occurred). */
  at?: string;
  /** Ids that let a client link the entry (bookingId, purchaseId, mailingId…). */
  data?: Record<string, unknown>;
}

type Mapper = (event: EventEnvelope<any>) => HistoryDraft[];

const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency}`;
const day = (iso: string) => iso.slice(0, 10);
const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const fullName = (p: { firstName: string | null; lastName: string | null }) => [p.firstName, p.lastName].filter(Boolean).join(' ') || 'someone';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const FIELD_WORDS: Record<string, string> = {
  firstName: 'first name',
  lastName: 'last name',
  companyName: 'company name',
  kind: 'kind',
  email: 'email',
  emails: 'emails',
  phone: 'phone',
  phones: 'phones',
  gender: 'gender',
  birthDate: 'birth date',
  country: 'country',
  city: 'city',
  source: 'source',
  utm: 'UTM',
  attributes: 'custom attributes',
  firstSeenAt: 'first seen',
  warnings: 'contact warnings',
};

/** customer.updated names what changed; consents and tags are their own categories. */
function customerUpdated(e: EventEnvelope<CustomerUpdatedV1>): HistoryDraft[] {
  const { customer, changed } = e.data;
  const drafts: HistoryDraft[] = [];
  const fields = changed.filter((f) => FIELD_WORDS[f]).map((f) => FIELD_WORDS[f]);
  if (fields.length) drafts.push({ customerId: customer.id, category: 'profile', name: 'Profile changed', description: `Changed ${fields.join(', ')}` });
  if (changed.includes('consents')) {
    const statuses = Object.entries(customer.consents ?? {}).map(([key, status]) => `${key}: ${status.replace('_', ' ')}`);
    drafts.push({ customerId: customer.id, category: 'consent', name: 'Consents changed', description: statuses.length ? `Now ${statuses.join(', ')}` : 'No consents' });
  }
  if (changed.includes('tags')) {
    drafts.push({ customerId: customer.id, category: 'tag', name: 'Tags changed', description: customer.tags.length ? `Tags: ${customer.tags.join(', ')}` : 'No tags' });
  }
  return drafts;
}

const item = (category: HistoryCategory, what: string, describe: (item: any) => string, verb: string): Mapper => (e) => [
  { customerId: e.data.customerId, category, name: `${what} ${verb}`, description: describe(e.data.item), data: { itemId: e.data.item?.id ?? e.data.item?.brandId } },
];
const noteText = (n: { type: string; text: string }) => `${n.type}: ${clip(n.text)}`;
const taskText = (t: { category: string; description: string; dueDate: string }) => `${t.category}: ${clip(t.description)} (due ${t.dueDate})`;
const appointmentText = (a: { type: string; startsAt: string }) => `${a.type} on ${day(a.startsAt)}`;
const locationText = (l: { name: string | null; line1: string; city: string }) => [l.name, `${l.line1}, ${l.city}`].filter(Boolean).join(': ');
const contactText = (c: { name: string; title: string | null }) => [c.name, c.title].filter(Boolean).join(', ');
const attachmentText = (a: { fileName: string; size: number }) => `${a.fileName} (${a.size} bytes)`;
const brandText = (b: { brandName: string; status: string }) => `${b.brandName}: ${b.status}`;

function bookingCreated(e: EventEnvelope<BookingCreatedV1>): HistoryDraft[] {
  const b = e.data;
  const data = { bookingId: b.bookingId, scheduleEntryId: b.scheduleEntry.id };
  const when = `on ${day(b.scheduleEntry.startsAt)}`;
  const drafts: HistoryDraft[] = [];
  if (b.leadBooker.customerId) {
    drafts.push({
      customerId: b.leadBooker.customerId,
      category: 'booking',
      name: `Booked ${b.scheduleEntry.title}`,
      description: `${plural(b.attendees.length, 'attendee')} ${when}, total ${money(b.total.amount, b.total.currency)}`,
      at: b.bookedAt,
      data,
    });
  }
  const attendees = new Set(b.attendees.map((a) => a.customerId).filter((id): id is string => !!id && id !== b.leadBooker.customerId));
  for (const customerId of attendees) {
    drafts.push({ customerId, category: 'booking', name: `Booked for ${b.scheduleEntry.title}`, description: `By ${fullName(b.leadBooker)} ${when}`, at: b.bookedAt, data });
  }
  return drafts;
}

/** Everyone on a cancelled booking is told; the caller gives the customers it knows are on it. */
export function bookingCancelledFor(e: EventEnvelope<BookingCancelledV1>, customerIds: string[]): HistoryDraft[] {
  const b = e.data;
  return customerIds.map((customerId) => ({
    customerId,
    category: 'booking' as const,
    name: `Booking cancelled: ${b.scheduleEntry.title}`,
    description: `The booking for ${day(b.scheduleEntry.startsAt)} was cancelled`,
    at: b.cancelledAt,
    data: { bookingId: b.bookingId, scheduleEntryId: b.scheduleEntry.id },
  }));
}

function attendance(e: EventEnvelope<AttendanceRecordedV1>): HistoryDraft[] {
  const b = e.data;
  return b.attendees
    .filter((a) => a.customerId)
    .map((a) => ({
      customerId: a.customerId!,
      category: 'booking' as const,
      name: a.attended ? `Attended ${b.scheduleEntry.title}` : `Did not attend ${b.scheduleEntry.title}`,
      description: `Attendance of ${day(b.scheduleEntry.startsAt)} recorded`,
      at: b.recordedAt,
      data: { bookingId: b.bookingId, scheduleEntryId: b.scheduleEntry.id },
    }));
}

const membership = (verb: string, describe: (d: any) => string): Mapper => (e: EventEnvelope<MembershipStartedV1 | MembershipCancelledV1 | MembershipEndedV1>) => [
  {
    customerId: e.data.membership.customerId,
    category: 'membership',
    name: `Membership ${verb}: ${e.data.membership.planName}`,
    description: describe(e.data),
    data: { membershipId: e.data.membership.membershipId, planId: e.data.membership.planId },
  },
];

function ledger(e: EventEnvelope<LedgerRecordedV1>): HistoryDraft[] {
  const l = e.data;
  const unit = l.kind === 'visits' ? 'visit' : 'bonus point';
  const verb = l.operation === 'add' ? 'Added' : l.kind === 'visits' && l.reason !== 'correction' ? 'Used' : l.kind === 'bonus' ? 'Spent' : 'Subtracted';
  const details = [l.purchaseAmount ? `purchase ${money(l.purchaseAmount, l.currency)}` : null, l.comment ? clip(l.comment, 120) : null].filter(Boolean);
  return [
    {
      customerId: l.customerId,
      category: 'loyalty',
      name: `${verb} ${plural(l.value, unit)}`,
      description: details.length ? details.join('; ') : `On card ${l.cardId.slice(0, 8)}`,
      at: l.at,
      data: { cardId: l.cardId, entryId: l.entryId },
    },
  ];
}

const purchase = (recorded: boolean): Mapper => (e: EventEnvelope<PurchaseRecordedV1 | PurchaseChangedV1>) => {
  const p = e.data.purchase;
  const what = p.kind === 'receipt' ? `Receipt ${p.number}` : `Order ${p.number}`;
  return [
    {
      customerId: p.customerId,
      category: 'purchase',
      name: recorded ? `${p.kind === 'receipt' ? 'Purchase' : 'Order'} ${money(p.total, p.currency)}` : `${what}: ${p.status}`,
      description: recorded
        ? `${what}, ${plural(p.itemCount, 'item')}${p.storeName ? ` at ${p.storeName}` : ''}${p.kind === 'order' && p.brand ? `, ${p.brand}` : ''}`
        : `Status now ${p.status}`,
      at: recorded ? p.occurredAt : undefined,
      data: { purchaseId: p.id },
    },
  ];
};

function mailingSent(e: EventEnvelope<MailingSentV1>): HistoryDraft[] {
  const m = e.data;
  return m.recipients.map((r) => ({
    customerId: r.customerId,
    category: 'mailing' as const,
    name:
      r.outcome === 'sent'
        ? `${m.channel.toUpperCase()} sent: ${m.name}`
        : r.outcome === 'control_group'
          ? `Control group of ${m.name}`
          : r.outcome === 'excluded'
            ? `Not sent: ${m.name}`
            : `Sending failed: ${m.name}`,
    description: `${m.kind === 'campaign' ? 'Campaign' : 'Mass'} mailing, ${m.channel}, ${m.category}${r.reason ? `; ${r.reason.replace(/_/g, ' ')}` : ''}`,
    at: r.at,
    data: { mailingId: m.mailingId, outcome: r.outcome },
  }));
}

const ACTIVITY_WORDS: Record<string, string> = {
  visit: 'Visited the site',
  page_view: 'Viewed a page',
  category_view: 'Viewed a category',
  product_view: 'Viewed a product',
  cart_add: 'Added to cart',
  cart_remove: 'Removed from cart',
  order: 'Ordered',
};

function activity(e: EventEnvelope<ActivityTrackedV1>): HistoryDraft[] {
  return e.data.events.map((a) => ({
    customerId: e.data.customerId,
    category: 'web' as const,
    name: ACTIVITY_WORDS[a.type] ?? a.type,
    description: [a.product, a.category, a.url].filter(Boolean).join(' · ') || a.type,
    at: a.at,
  }));
}

function segmentChanged(e: EventEnvelope<SegmentMembershipChangedV1>): HistoryDraft[] {
  const s = e.data;
  const entry = (customerId: string, entered: boolean): HistoryDraft => ({
    customerId,
    category: 'segment',
    name: `${entered ? 'Entered' : 'Left'} segment ${s.segmentName}`,
    description: s.segmentDeleted ? 'The segment was deleted' : entered ? 'Matches the segment’s rule' : 'No longer matches the segment’s rule',
    data: { segmentId: s.segmentId },
  });
  return [...s.added.map((id) => entry(id, true)), ...s.removed.map((id) => entry(id, false))];
}

/** Every event type the timeline shows, by type. Events about no single customer are absent. */
const MAPPERS: Record<string, Mapper> = {
  [CustomerEvents.created]: (e: EventEnvelope<CustomerCreatedV1>) => [
    {
      customerId: e.data.customer.id,
      category: 'profile',
      name: 'Customer created',
      description: e.data.customer.source === 'booking' ? 'From a booking' : `${e.data.customer.kind === 'company' ? 'Company' : 'Person'}${e.data.customer.source ? `, source ${e.data.customer.source}` : ''}`,
    },
  ],
  [CustomerEvents.updated]: customerUpdated,

  [CustomerB2BEvents.noteCreated]: item('note', 'Note', noteText, 'added'),
  [CustomerB2BEvents.noteUpdated]: item('note', 'Note', noteText, 'edited'),
  [CustomerB2BEvents.noteDeleted]: item('note', 'Note', noteText, 'deleted'),
  [CustomerB2BEvents.taskCreated]: item('task', 'Task', taskText, 'created'),
  [CustomerB2BEvents.taskUpdated]: item('task', 'Task', taskText, 'edited'),
  [CustomerB2BEvents.taskCompleted]: item('task', 'Task', taskText, 'done'),
  [CustomerB2BEvents.taskReopened]: item('task', 'Task', taskText, 'reopened'),
  [CustomerB2BEvents.taskDeleted]: item('task', 'Task', taskText, 'deleted'),
  [CustomerB2BEvents.appointmentCreated]: item('appointment', 'Appointment', appointmentText, 'planned'),
  [CustomerB2BEvents.appointmentUpdated]: item('appointment', 'Appointment', appointmentText, 'changed'),
  [CustomerB2BEvents.appointmentDeleted]: item('appointment', 'Appointment', appointmentText, 'deleted'),
  [CustomerB2BEvents.locationCreated]: item('account', 'Location', locationText, 'added'),
  [CustomerB2BEvents.locationUpdated]: item('account', 'Location', locationText, 'changed'),
  [CustomerB2BEvents.locationDeleted]: item('account', 'Location', locationText, 'deleted'),
  [CustomerB2BEvents.contactCreated]: item('account', 'Contact', contactText, 'added'),
  [CustomerB2BEvents.contactUpdated]: item('account', 'Contact', contactText, 'changed'),
  [CustomerB2BEvents.contactDeleted]: item('account', 'Contact', contactText, 'deleted'),
  [CustomerB2BEvents.attachmentCreated]: item('account', 'Attachment', attachmentText, 'uploaded'),
  [CustomerB2BEvents.attachmentUpdated]: item('account', 'Attachment', attachmentText, 'renamed'),
  [CustomerB2BEvents.attachmentDeleted]: item('account', 'Attachment', attachmentText, 'deleted'),
  [CustomerB2BEvents.customerBrandCreated]: item('account', 'Brand', brandText, 'added'),
  [CustomerB2BEvents.customerBrandUpdated]: item('account', 'Brand', brandText, 'changed'),
  [CustomerB2BEvents.customerBrandDeleted]: item('account', 'Brand', brandText, 'removed'),
  [CustomerB2BEvents.locationPrimaryChanged]: (e) => [
    { customerId: e.data.customerId, category: 'account', name: 'Primary location changed', description: e.data.primaryId ? 'Another location is primary' : 'No location left', data: { itemId: e.data.primaryId } },
  ],
  [CustomerB2BEvents.contactPrimaryChanged]: (e) => [
    { customerId: e.data.customerId, category: 'account', name: 'Primary contact changed', description: e.data.primaryId ? 'Another contact is primary' : 'No contact left', data: { itemId: e.data.primaryId } },
  ],
  [CustomerB2BEvents.accountSalesRepChanged]: (e) => [
    { customerId: e.data.customerId, category: 'account', name: 'Sales rep changed', description: e.data.salesRepId ? 'A sales rep was assigned' : 'No sales rep', data: { salesRepId: e.data.salesRepId } },
  ],

  [BookingEvents.bookingCreated]: bookingCreated,
  [BookingEvents.attendanceRecorded]: attendance,
  [BookingEvents.groupMembershipChanged]: (e: EventEnvelope<GroupMembershipChangedV1>) => [
    {
      customerId: e.data.customerId,
      category: 'group',
      name: `${e.data.member ? 'Joined' : 'Left'} group ${e.data.groupName}`,
      description: e.data.groupKind === 'membership' ? 'Membership group' : 'Customer group',
      at: e.data.at,
      data: { groupId: e.data.groupId },
    },
  ],
  [BookingEvents.membershipStarted]: membership('started', (d: MembershipStartedV1) => `Paid period until ${day(d.membership.currentPeriodEnd)}`),
  [BookingEvents.membershipCancelled]: membership('cancelled', (d: MembershipCancelledV1) =>
    d.mode === 'immediate' ? 'Cancelled with immediate effect' : `Member until ${day(d.membership.endsAt ?? d.membership.currentPeriodEnd)}`,
  ),
  [BookingEvents.membershipEnded]: membership('ended', () => 'Left the membership group'),
  [BookingEvents.passPurchased]: (e: EventEnvelope<PassPurchasedV1>) => [
    {
      customerId: e.data.customerId,
      category: 'pass',
      name: `Pass bought: ${e.data.productName}`,
      description: `${plural(e.data.uses, 'use')}${e.data.expiresAt ? `, valid until ${day(e.data.expiresAt)}` : ''}`,
      data: { passId: e.data.passId },
    },
  ],
  [BookingEvents.passAdjusted]: (e: EventEnvelope<PassAdjustedV1>) => [
    {
      customerId: e.data.customerId,
      category: 'pass',
      name: 'Pass adjusted',
      description: `${plural(e.data.usesRemaining, 'use')} left${e.data.expiresAt ? `, valid until ${day(e.data.expiresAt)}` : ''}${e.data.reason ? `; ${clip(e.data.reason, 120)}` : ''}`,
      data: { passId: e.data.passId },
    },
  ],
  [BookingEvents.voucherPurchased]: (e: EventEnvelope<VoucherPurchasedV1>) =>
    e.data.customerId
      ? [{ customerId: e.data.customerId, category: 'voucher', name: `Voucher bought: ${money(e.data.value.amount, e.data.value.currency)}`, description: `Code ${e.data.code}`, at: e.data.purchasedAt, data: { voucherId: e.data.voucherId } }]
      : [],
  [BookingEvents.voucherRedeemed]: (e: EventEnvelope<VoucherRedeemedV1>) =>
    e.data.customerId
      ? [{ customerId: e.data.customerId, category: 'voucher', name: 'Voucher redeemed', description: `Code ${e.data.code}${e.data.bookingId ? ' in a booking' : ''}`, at: e.data.redeemedAt, data: { voucherId: e.data.voucherId, bookingId: e.data.bookingId } }]
      : [],

  [LoyaltyEvents.cardIssued]: (e: EventEnvelope<LoyaltyCardIssuedV1>) => [
    {
      customerId: e.data.card.customerId,
      category: 'loyalty',
      name: 'Loyalty card issued',
      description: `Card ${e.data.card.serialNumber}${e.data.card.device ? ` for ${e.data.card.device.replace('_', ' ')}` : ''}`,
      data: { cardId: e.data.card.id },
    },
  ],
  [LoyaltyEvents.cardChanged]: (e: EventEnvelope<LoyaltyCardChangedV1>) => [
    {
      customerId: e.data.card.customerId,
      category: 'loyalty',
      name: e.data.changed.includes('status') ? `Loyalty card ${e.data.card.status.replace('_', ' ')}` : 'Loyalty card changed',
      description: `Card ${e.data.card.serialNumber}: changed ${e.data.changed.join(', ')}`,
      data: { cardId: e.data.card.id },
    },
  ],
  [LoyaltyEvents.ledgerRecorded]: ledger,
  [LoyaltyEvents.purchaseRecorded]: purchase(true),
  [LoyaltyEvents.purchaseChanged]: purchase(false),
  [LoyaltyEvents.feedbackReceived]: (e: EventEnvelope<FeedbackReceivedV1>) => [
    { customerId: e.data.customerId, category: 'feedback', name: `Rated ${e.data.rating}/5`, description: e.data.comment ? clip(e.data.comment) : 'No comment', at: e.data.at, data: { feedbackId: e.data.feedbackId } },
  ],

  [MarketingEvents.mailingSent]: mailingSent,
  [MarketingEvents.pushSent]: (e: EventEnvelope<PushSentV1>) => [
    { customerId: e.data.customerId, category: 'mailing', name: 'Push message sent', description: clip(e.data.title), at: e.data.at, data: { messageId: e.data.messageId } },
  ],
  [MarketingEvents.promoCodeIssued]: (e: EventEnvelope<PromoCodeIssuedV1>) => [
    {
      customerId: e.data.customerId,
      category: 'promo_code',
      name: `Promo code ${e.data.reissued ? 're-issued' : 'issued'}`,
      description: `Code ${e.data.code}${e.data.campaign ? ` in campaign ${e.data.campaign}` : e.data.mailingId ? ' with a mailing' : ''}`,
      at: e.data.at,
      data: { poolId: e.data.poolId, mailingId: e.data.mailingId },
    },
  ],
  [MarketingEvents.promoCodeRedeemed]: (e: EventEnvelope<PromoCodeRedeemedV1>) =>
    e.data.customerId ? [{ customerId: e.data.customerId, category: 'promo_code', name: 'Promo code redeemed', description: `Code ${e.data.code}`, at: e.data.at, data: { poolId: e.data.poolId } }] : [],
  [MarketingEvents.pollAnswered]: (e: EventEnvelope<PollAnsweredV1>) => [
    { customerId: e.data.customerId, category: 'poll', name: `Answered the poll ${e.data.pollTitle}`, description: 'Poll response recorded', at: e.data.at, data: { pollId: e.data.pollId } },
  ],
  [MarketingEvents.subscriptionChanged]: (e: EventEnvelope<SubscriptionChangedV1>) => [
    {
      customerId: e.data.customerId,
      category: 'subscription',
      name: `${e.data.subscribed ? 'Subscribed to' : 'Unsubscribed from'} ${e.data.category}`,
      description: `Channel ${e.data.channel}`,
      at: e.data.at,
    },
  ],
  [MarketingEvents.activityTracked]: activity,
  [MarketingEvents.segmentMembershipChanged]: segmentChanged,
};

/** The timeline entries an event makes (none for events about no single customer, or unknown types). */
export function historyOf(event: EventEnvelope): HistoryDraft[] {
  return MAPPERS[event.type]?.(event) ?? [];
}

export const historyTypes = (): string[] => Object.keys(MAPPERS);
