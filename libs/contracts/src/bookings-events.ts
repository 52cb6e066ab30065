import type { ConsentStatus } from './customers';

/**
 * Events of the bookings service (stream BOOKINGS, subjects `events.bookings.<resource>.<verb>`).
 * Customers consumes booking events to build profiles (C5, C6, C7) and the history; marketing
 * consumes group membership and booking stats for segments.
 */
export const BookingEvents = {
  bookingCreated: 'bookings.booking.created',
  bookingCancelled: 'bookings.booking.cancelled',
  attendanceRecorded: 'bookings.attendance.recorded',
  groupMembershipChanged: 'bookings.groupMembership.changed',
  customerStatsChanged: 'bookings.customerStats.changed',
  membershipStarted: 'bookings.membership.started',
  membershipCancelled: 'bookings.membership.cancelled',
  membershipEnded: 'bookings.membership.ended',
  passPurchased: 'bookings.pass.purchased',
  passAdjusted: 'bookings.pass.adjusted',
  voucherPurchased: 'bookings.voucher.purchased',
  voucherRedeemed: 'bookings.voucher.redeemed',
  customerErased: 'bookings.customer.erased',
} as const;

/** A booking-form answer. */
export type FieldAnswer = string | number | boolean | null;

/** A person on a booking; `customerId` is null while the customers service has not linked them yet. */
export interface BookingPersonV1 {
  customerId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface BookedAttendeeV1 extends BookingPersonV1 {
  attendeeId: string;
  ticketId: string;
  ticketName: string;
  /** Booking-form answers by field key. */
  fields: Record<string, FieldAnswer>;
  /**
   * Consent fields of the form: given, revoked, or not_captured (an admin booking that did not
   * answer). The customers service appends these to the consent history (C7).
   */
  consents: Record<string, ConsentStatus>;
}

export interface ScheduleEntryRefV1 {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

export interface BookingCreatedV1 {
  bookingId: string;
  scheduleEntry: ScheduleEntryRefV1;
  bookedAt: string;
  /** `admin` when staff booked, `customer` when the customer booked (portal). */
  channel: 'admin' | 'customer';
  /** The lead booker always has an email. */
  leadBooker: BookingPersonV1 & { email: string };
  attendees: BookedAttendeeV1[];
  total: { amount: number; currency: string };
}

export interface BookingCancelledV1 {
  bookingId: string;
  scheduleEntry: ScheduleEntryRefV1;
  cancelledAt: string;
  leadBooker: BookingPersonV1;
  attendees: Array<BookingPersonV1 & { attendeeId: string }>;
}

export interface AttendanceRecordedV1 {
  bookingId: string;
  scheduleEntry: ScheduleEntryRefV1;
  recordedAt: string;
  attendees: Array<BookingPersonV1 & { attendeeId: string; attended: boolean }>;
}

/** A known customer joined or left a customer group (B6, B8). Sent only with a customer id. */
export interface GroupMembershipChangedV1 {
  groupId: string;
  groupName: string;
  groupKind: 'manual' | 'membership';
  customerId: string;
  member: boolean;
  at: string;
}

/** A customer's booking figures after a change (for segments: `totalEventsBooked`). */
export interface CustomerBookingStatsChangedV1 {
  customerId: string;
  totalEventsBooked: number;
  firstBookedAt: string | null;
  lastBookedAt: string | null;
}

export interface MembershipV1 {
  membershipId: string;
  planId: string;
  planName: string;
  groupId: string;
  customerId: string;
  status: 'active' | 'cancelling' | 'ended';
  startedAt: string;
  currentPeriodEnd: string;
  endsAt: string | null;
}
export interface MembershipStartedV1 {
  membership: MembershipV1;
}
export interface MembershipCancelledV1 {
  membership: MembershipV1;
  mode: 'end_of_period' | 'immediate';
}
export interface MembershipEndedV1 {
  membership: MembershipV1;
}

export interface PassPurchasedV1 {
  passId: string;
  productId: string;
  productName: string;
  customerId: string;
  uses: number;
  expiresAt: string | null;
}
export interface PassAdjustedV1 {
  passId: string;
  customerId: string;
  usesRemaining: number;
  expiresAt: string | null;
  reason: string | null;
}

export interface VoucherPurchasedV1 {
  voucherId: string;
  code: string;
  value: { amount: number; currency: string };
  customerId: string | null;
  purchasedAt: string;
}
export interface VoucherRedeemedV1 {
  voucherId: string;
  code: string;
  customerId: string | null;
  bookingId: string | null;
  redeemedAt: string;
}
