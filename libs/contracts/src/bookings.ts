import type { PageQuery } from './common';
import type { FieldAnswer } from './bookings-events';
import type { ConsentStatus } from './customers';

/**
 * Request/reply patterns of the bookings service. Every payload also carries `tenantId` and
 * `actor`; value-moving requests may carry `idempotencyKey`.
 */
export const BookingsPatterns = {
  /** { input: CreateScheduleEntryInput } → ScheduleEntryView */
  createScheduleEntry: 'bookings.scheduleEntry.create',
  /** { id } → ScheduleEntryView */
  getScheduleEntry: 'bookings.scheduleEntry.get',
  /** { query: ListScheduleEntriesQuery } → Page<ScheduleEntryView> */
  listScheduleEntries: 'bookings.scheduleEntry.list',

  /** { input: CreateBookingInput, idempotencyKey? } → BookingView */
  createBooking: 'bookings.booking.create',
  /** { id } → BookingView */
  getBooking: 'bookings.booking.get',
  /** { id, idempotencyKey? } → BookingView (cancelled; gives back offer uses, pass uses, places) */
  cancelBooking: 'bookings.booking.cancel',
  /** { id, input: RecordAttendanceInput } → BookingView */
  recordAttendance: 'bookings.booking.recordAttendance',

  /** { input: CreateGroupInput } → CustomerGroupView */
  createGroup: 'bookings.group.create',
  /** { id } → CustomerGroupView */
  getGroup: 'bookings.group.get',
  /** { query: PageQuery } → Page<CustomerGroupView> */
  listGroups: 'bookings.group.list',
  /** { id, emails: string[] } → AddMembersResult */
  addGroupMembers: 'bookings.group.addMembers',
  /** { id, query: PageQuery } → Page<GroupMemberView> */
  listGroupMembers: 'bookings.group.listMembers',
  /** { id, customerId } → { removed: true }; 409 membership_group_member for a subscription's member */
  removeGroupMember: 'bookings.group.removeMember',
  /** { customerId, groupIds: string[] } → Page<CustomerGroupMembershipView> (the customer's groups after) */
  assignCustomerGroups: 'bookings.group.assignCustomer',
  /** { id, input: CreateOfferInput } → OfferView */
  createOffer: 'bookings.offer.create',
  /** { id } → OfferView[] */
  listOffers: 'bookings.offer.list',
  /** { id, offerId } → { deleted: true } */
  deleteOffer: 'bookings.offer.delete',

  /** { input: CreateMembershipPlanInput } → MembershipPlanView */
  createPlan: 'bookings.membershipPlan.create',
  /** { query: PageQuery } → Page<MembershipPlanView> */
  listPlans: 'bookings.membershipPlan.list',
  /** { input: SubscribeInput, idempotencyKey? } → MembershipView */
  subscribe: 'bookings.membership.subscribe',
  /** { id, mode } → MembershipView */
  cancelMembership: 'bookings.membership.cancel',

  /** { input: CreatePassProductInput } → PassProductView */
  createPassProduct: 'bookings.passProduct.create',
  /** { query: PageQuery } → Page<PassProductView> */
  listPassProducts: 'bookings.passProduct.list',
  /** { input: SellPassInput, idempotencyKey? } → PassView */
  sellPass: 'bookings.pass.sell',
  /** { id } → PassView */
  getPass: 'bookings.pass.get',
  /** { id, input: AdjustPassInput } → PassView */
  adjustPass: 'bookings.pass.adjust',

  /** { input: SellVoucherInput, idempotencyKey? } → VoucherView */
  sellVoucher: 'bookings.voucher.sell',
  /** { code, input: RedeemVoucherInput, idempotencyKey? } → VoucherView; 409 voucher_already_redeemed */
  redeemVoucher: 'bookings.voucher.redeem',

  /** { customerId, tabLimit? } → { summary, tabs } for the aggregated profile (P1) */
  customerProfile: 'bookings.customer.profile',
  /** { customerId } → BookingSummary (B3) */
  customerSummary: 'bookings.customer.summary',
  /** { customerId, query: CustomerBookingsQuery } → Page<CustomerBookingView> */
  customerBookings: 'bookings.customer.bookings',
  /** { customerId, query: PageQuery & { status? } } → Page<PassView> */
  customerPasses: 'bookings.customer.passes',
  /** { customerId, query: PageQuery } → Page<CustomerGroupMembershipView> */
  customerGroups: 'bookings.customer.groups',
  /** { customerId, query: PageQuery & { filter?: 'purchased' | 'redeemed' } } → Page<CustomerVoucherView> */
  customerVouchers: 'bookings.customer.vouchers',
  /** { customerId } → everything bookings holds on the customer (C18 export) */
  customerExport: 'bookings.customer.export',
} as const;

/** Error codes of the bookings service (409: a state conflict; 422: a business rule refused). */
export const BookingErrorCodes = {
  scheduleEntryNotFound: 'schedule_entry_not_found',
  scheduleEntryFull: 'schedule_entry_full',
  scheduleEntryEnded: 'schedule_entry_ended',
  ticketNotFound: 'ticket_not_found',
  bookingNotFound: 'booking_not_found',
  bookingCancelled: 'booking_cancelled',
  attendeeNotFound: 'attendee_not_found',
  /** The booker is not a member of the group an exclusive ticket belongs to. */
  notGroupMember: 'exclusive_ticket_not_member',
  /** No enabled offer of the group covers the exclusive ticket. */
  offerNotAvailable: 'offer_not_available',
  /** The only offers covering the ticket are disabled. */
  offerDisabled: 'offer_disabled',
  /** The offer allows only the member themselves to book. */
  offerPersonalUseOnly: 'offer_personal_use_only',
  /** More exclusive attendees than the offer allows (the member plus N). */
  offerTooManyAttendees: 'offer_too_many_attendees',
  /** The offer's uses (in this period) are used up. */
  offerUseLimitReached: 'offer_use_limit_reached',
  groupNotFound: 'group_not_found',
  offerNotFound: 'offer_not_found',
  /** A member who joined through a membership leaves only by cancelling it. */
  membershipGroupMember: 'membership_group_member',
  /** Membership groups are filled by subscriptions only. */
  membershipGroupManaged: 'membership_group_managed',
  planNotFound: 'membership_plan_not_found',
  membershipNotFound: 'membership_not_found',
  membershipActive: 'membership_already_active',
  membershipEnded: 'membership_ended',
  passProductNotFound: 'pass_product_not_found',
  passNotFound: 'pass_not_found',
  passNotOwned: 'pass_not_owned',
  passExpired: 'pass_expired',
  passUsedUp: 'pass_used_up',
  voucherNotFound: 'voucher_not_found',
  voucherAlreadyRedeemed: 'voucher_already_redeemed',
  voucherExpired: 'voucher_expired',
  voucherExists: 'voucher_exists',
  /** A portal token books only as its own customer. */
  leadBookerNotSelf: 'lead_booker_not_self',
} as const;

export type MoneyView = { amount: number; currency: string };

// ---------------------------------------------------------------- schedule

export type FormFieldType = 'text' | 'number' | 'boolean' | 'select' | 'date';
export interface FormField {
  key: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  options?: string[];
}
export interface ConsentField {
  key: string;
  label: string;
}
/** The questions every attendee answers when booking the entry. */
export interface BookingForm {
  fields: FormField[];
  consents: ConsentField[];
}

export interface CreateTicketInput {
  name: string;
  price: number;
  currency?: string;
  exclusive?: boolean;
  customerGroupId?: string;
}
export interface CreateScheduleEntryInput {
  title: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  tickets: CreateTicketInput[];
  bookingForm?: Partial<BookingForm>;
}
export interface TicketView {
  id: string;
  name: string;
  price: MoneyView;
  exclusive: boolean;
  customerGroupId: string | null;
}
export interface ScheduleEntryView {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  placesBooked: number;
  placesLeft: number;
  tickets: TicketView[];
  bookingForm: BookingForm;
  createdAt: string;
}
export interface ListScheduleEntriesQuery extends PageQuery {
  /** Entries starting on or after this instant (ISO). */
  from?: string;
  /** Entries starting before this instant (ISO). */
  to?: string;
}

// ---------------------------------------------------------------- bookings

export interface BookingPersonInput {
  email: string;
  firstName: string;
  lastName: string;
}
export interface AttendeeInput {
  ticketId: string;
  email?: string;
  firstName: string;
  lastName: string;
  fields?: Record<string, FieldAnswer>;
  consents?: Record<string, boolean>;
}
export interface CreateBookingInput {
  scheduleEntryId: string;
  leadBooker: BookingPersonInput;
  attendees: AttendeeInput[];
  voucherCode?: string;
  passId?: string;
}
export interface AttendeeView {
  id: string;
  ticketId: string;
  ticketName: string;
  customerId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  fields: Record<string, FieldAnswer>;
  consents: Record<string, ConsentStatus>;
  attended: boolean | null;
}
export interface BookingView {
  id: string;
  scheduleEntry: { id: string; title: string; startsAt: string; endsAt: string };
  status: 'confirmed' | 'cancelled';
  channel: 'admin' | 'customer';
  leadBooker: { customerId: string | null; email: string | null; firstName: string | null; lastName: string | null };
  attendees: AttendeeView[];
  total: MoneyView;
  voucherCode: string | null;
  passId: string | null;
  /** The group offer each exclusive attendee used, with the period its use counts in. */
  offerUses: Array<{ offerId: string; uses: number; periodStart: string | null }>;
  bookedAt: string;
  cancelledAt: string | null;
}
export interface RecordAttendanceInput {
  attendees: Array<{ attendeeId: string; attended: boolean }>;
}

// ---------------------------------------------------------------- groups and offers

export interface CreateGroupInput {
  name: string;
  description?: string;
}
export interface CustomerGroupView {
  id: string;
  name: string;
  description: string | null;
  kind: 'manual' | 'membership';
  planId: string | null;
  memberCount: number;
  pendingCount: number;
  createdAt: string;
}
export interface GroupMemberView {
  customerId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  /** `pending`: an email no customer has yet; it becomes a member when that customer appears. */
  status: 'member' | 'pending';
  source: 'manual' | 'membership';
  membershipId: string | null;
  /** Set while a membership is cancelled to the end of its period: the member leaves then. */
  memberUntil: string | null;
  addedAt: string;
}
export interface AddMembersResult {
  results: Array<{ email: string; customerId: string | null; outcome: 'added' | 'pending' | 'already_member' }>;
}
export interface CustomerGroupMembershipView {
  group: { id: string; name: string; description: string | null; kind: 'manual' | 'membership' };
  source: 'manual' | 'membership';
  membershipId: string | null;
  memberUntil: string | null;
  addedAt: string;
}

export type UsagePeriod = 'day' | 'week' | 'month' | 'year';
export interface CreateOfferInput {
  enabled: boolean;
  /** Only the member may book; else the member and up to `maxAdditionalAttendees` others. */
  personalUseOnly: boolean;
  maxAdditionalAttendees?: number | null;
  /** Exclusive tickets that may be booked; absent or null: unlimited. */
  maxUses?: number | null;
  /** With maxUses: false = that many uses once; true = that many per usage period. */
  ongoing?: boolean;
  usagePeriod?: UsagePeriod | null;
  /** Either every exclusive ticket of this group on a schedule entry, or the listed tickets. */
  scheduleEntryId?: string;
  ticketIds?: string[];
}
export interface OfferView {
  id: string;
  groupId: string;
  enabled: boolean;
  personalUseOnly: boolean;
  maxAdditionalAttendees: number | null;
  maxUses: number | null;
  ongoing: boolean;
  usagePeriod: UsagePeriod | null;
  scope: { scheduleEntryId: string } | { ticketIds: string[] };
  createdAt: string;
}

// ---------------------------------------------------------------- memberships

export type PlanPeriod = 'week' | 'month' | 'year';
export interface CreateMembershipPlanInput {
  name: string;
  description?: string;
  price: number;
  currency?: string;
  period: PlanPeriod;
}
export interface MembershipPlanView {
  id: string;
  name: string;
  description: string | null;
  price: MoneyView;
  period: PlanPeriod;
  groupId: string;
  createdAt: string;
}
export interface SubscribeInput {
  planId: string;
  customerId: string;
  startsAt?: string;
}
export interface MembershipView {
  id: string;
  planId: string;
  planName: string;
  groupId: string;
  customerId: string;
  status: 'active' | 'cancelling' | 'ended';
  startedAt: string;
  /** End of the paid period that contains now (memberships renew each period until cancelled). */
  currentPeriodEnd: string;
  cancelledAt: string | null;
  cancelMode: 'end_of_period' | 'immediate' | null;
  /** When the member leaves (or left) the group; null while active. */
  endsAt: string | null;
}

// ---------------------------------------------------------------- passes

export interface CreatePassProductInput {
  name: string;
  uses: number;
  /** Days a pass is valid from purchase; absent: no expiry. */
  validityDays?: number | null;
  price: number;
  currency?: string;
}
export interface PassProductView {
  id: string;
  name: string;
  uses: number;
  validityDays: number | null;
  price: MoneyView;
  createdAt: string;
}
export interface SellPassInput {
  productId: string;
  customerId: string;
}
export type PassStatus = 'active' | 'used_up' | 'expired';
export interface PassView {
  id: string;
  productId: string;
  productName: string;
  customerId: string;
  usesTotal: number;
  usesUsed: number;
  usesRemaining: number;
  expiresAt: string | null;
  status: PassStatus;
  purchasedAt: string;
  adjustments: Array<{ at: string; actor: string; usesRemainingBefore: number; usesRemainingAfter: number; expiresAtBefore: string | null; expiresAtAfter: string | null; reason: string | null }>;
}
export interface AdjustPassInput {
  usesRemaining?: number;
  expiresAt?: string | null;
  reason?: string;
}

// ---------------------------------------------------------------- vouchers

export interface SellVoucherInput {
  /** A code of your own; absent: one is generated. */
  code?: string;
  amount: number;
  currency?: string;
  customerId?: string;
  expiresAt?: string;
}
export interface RedeemVoucherInput {
  customerId?: string;
}
export interface VoucherView {
  id: string;
  code: string;
  value: MoneyView;
  purchasedByCustomerId: string | null;
  purchasedAt: string;
  expiresAt: string | null;
  redeemedAt: string | null;
  redeemedByCustomerId: string | null;
  redeemedBookingId: string | null;
}
export interface CustomerVoucherView extends VoucherView {
  /** What the customer did with this voucher. */
  purchased: boolean;
  redeemed: boolean;
}

// ---------------------------------------------------------------- the customer's bookings (B3)

export interface BookingRef {
  bookingId: string;
  scheduleEntryId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  bookedAt: string;
  status: 'confirmed' | 'cancelled';
}
export interface BookingSummary {
  /** The customer's first booking (null before any). */
  firstSeenAt: string | null;
  /** Schedule entries with a confirmed booking the customer made or attends. */
  totalEventsBooked: number;
  totalEventsUpcoming: number;
  nextUpcomingAttendance: BookingRef | null;
  lastAttendance: BookingRef | null;
  latestBooking: BookingRef | null;
  activePasses: number;
}
export interface CustomerBookingsQuery extends PageQuery {
  status?: 'confirmed' | 'cancelled';
  when?: 'upcoming' | 'past';
}
export interface CustomerBookingView extends BookingRef {
  /** The customer made the booking. */
  leadBooker: boolean;
  /** The customer attends (one of the attendees). */
  attendee: boolean;
  attended: boolean | null;
  attendees: Array<{ customerId: string | null; firstName: string | null; lastName: string | null; ticketName: string }>;
  total: MoneyView;
}
