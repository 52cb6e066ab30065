import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BookingFormDto } from './booking-requests.dto';

/** Documentation of the bookings service's answers (the service produces them; the gateway passes them on). */
export class MoneyDto {
  @ApiProperty({ example: 1500, description: 'Minor units' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
}

export class TicketViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: MoneyDto }) price: MoneyDto;
  @ApiProperty() exclusive: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) customerGroupId: string | null;
}

export class ScheduleEntryViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() capacity: number;
  @ApiProperty() placesBooked: number;
  @ApiProperty() placesLeft: number;
  @ApiProperty({ type: [TicketViewDto] }) tickets: TicketViewDto[];
  @ApiProperty({ type: BookingFormDto }) bookingForm: BookingFormDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class BookingPersonViewDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Set once the customers service linked the person to a profile' }) customerId: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
}

export class AttendeeViewDto extends BookingPersonViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty() ticketName: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) fields: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ['given', 'revoked', 'not_captured'] } }) consents: Record<string, string>;
  @ApiProperty({ nullable: true, type: Boolean }) attended: boolean | null;
}

export class EntryRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
}

export class OfferUseDto {
  @ApiProperty({ format: 'uuid' }) offerId: string;
  @ApiProperty() uses: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Start of the usage period the uses count in; null for a once-only offer' }) periodStart: string | null;
}

export class BookingViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: EntryRefDto }) scheduleEntry: EntryRefDto;
  @ApiProperty({ enum: ['confirmed', 'cancelled'] }) status: string;
  @ApiProperty({ enum: ['admin', 'customer'] }) channel: string;
  @ApiProperty({ type: BookingPersonViewDto }) leadBooker: BookingPersonViewDto;
  @ApiProperty({ type: [AttendeeViewDto] }) attendees: AttendeeViewDto[];
  @ApiProperty({ type: MoneyDto }) total: MoneyDto;
  @ApiProperty({ nullable: true, type: String }) voucherCode: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) passId: string | null;
  @ApiProperty({ type: [OfferUseDto] }) offerUses: OfferUseDto[];
  @ApiProperty({ format: 'date-time' }) bookedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) cancelledAt: string | null;
}

export class CustomerGroupViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: ['manual', 'membership'] }) kind: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) planId: string | null;
  @ApiProperty() memberCount: number;
  @ApiProperty({ description: 'Emails kept for customers not known yet' }) pendingCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class GroupMemberViewDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) customerId: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ enum: ['member', 'pending'] }) status: string;
  @ApiProperty({ enum: ['manual', 'membership'] }) source: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) membershipId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'The member leaves then (membership cancelled to period end)' }) memberUntil: string | null;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class AddMemberResultDto {
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) customerId: string | null;
  @ApiProperty({ enum: ['added', 'pending', 'already_member'] }) outcome: string;
}
export class AddMembersResultDto {
  @ApiProperty({ type: [AddMemberResultDto] }) results: AddMemberResultDto[];
}

export class GroupRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: ['manual', 'membership'] }) kind: string;
}
export class CustomerGroupMembershipViewDto {
  @ApiProperty({ type: GroupRefDto }) group: GroupRefDto;
  @ApiProperty({ enum: ['manual', 'membership'] }) source: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) membershipId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) memberUntil: string | null;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class OfferViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty() personalUseOnly: boolean;
  @ApiProperty({ nullable: true, type: Number }) maxAdditionalAttendees: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxUses: number | null;
  @ApiProperty() ongoing: boolean;
  @ApiProperty({ nullable: true, enum: ['day', 'week', 'month', 'year'] }) usagePeriod: string | null;
  @ApiProperty({ type: 'object', description: '{ scheduleEntryId } or { ticketIds }', additionalProperties: true }) scope: object;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MembershipPlanViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: MoneyDto }) price: MoneyDto;
  @ApiProperty({ enum: ['week', 'month', 'year'] }) period: string;
  @ApiProperty({ format: 'uuid', description: 'The group subscribers join' }) groupId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MembershipViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() planName: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: ['active', 'cancelling', 'ended'] }) status: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', description: 'End of the paid period that contains now' }) currentPeriodEnd: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) cancelledAt: string | null;
  @ApiProperty({ nullable: true, enum: ['end_of_period', 'immediate'] }) cancelMode: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the customer leaves (left) the group' }) endsAt: string | null;
}

export class PassProductViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() uses: number;
  @ApiProperty({ nullable: true, type: Number }) validityDays: number | null;
  @ApiProperty({ type: MoneyDto }) price: MoneyDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PassAdjustmentDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'user:u-42' }) actor: string;
  @ApiProperty() usesRemainingBefore: number;
  @ApiProperty() usesRemainingAfter: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAtBefore: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAtAfter: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class PassViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() productName: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() usesTotal: number;
  @ApiProperty() usesUsed: number;
  @ApiProperty() usesRemaining: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt: string | null;
  @ApiProperty({ enum: ['active', 'used_up', 'expired'], description: 'Used up takes precedence; expired from the expiry instant on' }) status: string;
  @ApiProperty({ format: 'date-time' }) purchasedAt: string;
  @ApiProperty({ type: [PassAdjustmentDto] }) adjustments: PassAdjustmentDto[];
}

export class VoucherViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: MoneyDto }) value: MoneyDto;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) purchasedByCustomerId: string | null;
  @ApiProperty({ format: 'date-time' }) purchasedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) redeemedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) redeemedByCustomerId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) redeemedBookingId: string | null;
}
export class CustomerVoucherViewDto extends VoucherViewDto {
  @ApiProperty({ description: 'The customer bought it' }) purchased: boolean;
  @ApiProperty({ description: 'The customer redeemed it' }) redeemed: boolean;
}

export class BookingRefDto {
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty({ format: 'uuid' }) scheduleEntryId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ format: 'date-time' }) bookedAt: string;
  @ApiProperty({ enum: ['confirmed', 'cancelled'] }) status: string;
}

export class BookingSummaryDto {
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'The first booking' }) firstSeenAt: string | null;
  @ApiProperty({ description: 'Schedule entries with a confirmed booking the customer made or attends' }) totalEventsBooked: number;
  @ApiProperty() totalEventsUpcoming: number;
  @ApiProperty({ nullable: true, type: BookingRefDto }) nextUpcomingAttendance: BookingRefDto | null;
  @ApiProperty({ nullable: true, type: BookingRefDto }) lastAttendance: BookingRefDto | null;
  @ApiProperty({ nullable: true, type: BookingRefDto }) latestBooking: BookingRefDto | null;
  @ApiProperty() activePasses: number;
}

export class CustomerBookingAttendeeDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) customerId: string | null;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty() ticketName: string;
}
export class CustomerBookingViewDto extends BookingRefDto {
  @ApiProperty({ description: 'The customer made the booking' }) leadBooker: boolean;
  @ApiProperty({ description: 'The customer attends' }) attendee: boolean;
  @ApiProperty({ nullable: true, type: Boolean }) attended: boolean | null;
  @ApiProperty({ type: [CustomerBookingAttendeeDto] }) attendees: CustomerBookingAttendeeDto[];
  @ApiProperty({ type: MoneyDto }) total: MoneyDto;
}

export class KnownCustomerViewDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ format: 'date-time' }) firstBookedAt: string;
  @ApiProperty({ format: 'date-time' }) lastBookedAt: string;
  @ApiProperty({ description: 'Bookings the lead booker made for them' }) bookings: number;
  @ApiProperty({ example: '/v1/customers/5b7c…', description: 'Their own profile' }) profile: string;
}

export class LatestDetailsViewDto {
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty({ format: 'date-time' }) bookedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ id, title, startsAt }' }) scheduleEntry: object;
  @ApiPropertyOptional({ nullable: true, type: String }) email: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) firstName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Every booking-form answer' }) fields: Record<string, unknown>;
}
