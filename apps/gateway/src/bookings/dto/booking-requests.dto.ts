import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type {
  AdjustPassInput,
  AttendeeInput,
  BookingForm,
  BookingPersonInput,
  ConsentField,
  CreateBookingInput,
  CreateGroupInput,
  CreateMembershipPlanInput,
  CreateOfferInput,
  CreatePassProductInput,
  CreateScheduleEntryInput,
  CreateTicketInput,
  FieldAnswer,
  FormField,
  FormFieldType,
  PlanPeriod,
  RedeemVoucherInput,
  SellPassInput,
  SellVoucherInput,
  SubscribeInput,
  UsagePeriod,
} from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';
import { IsOptionalNotNull, IsId } from '../../http/validation.decorators';

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MAX_PRICE = 100_000_000;

/** `{ key: value }` with keys like `shoeSize` and at most 50 entries whose values pass `valueOk`. */
function IsKeyedMap(what: string, valueOk: (v: unknown) => boolean) {
  return ValidateBy({
    name: `is${what}Map`,
    validator: {
      validate: (value: unknown) =>
        !!value &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length <= 50 &&
        Object.entries(value).every(([k, v]) => KEY.test(k) && valueOk(v)),
      defaultMessage: (args) => `${args?.property} must be an object of at most 50 ${what} by field key`,
    },
  });
}
const isAnswer = (v: unknown) =>
  v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 2000);

// ---------------------------------------------------------------- schedule

export class TicketDto implements CreateTicketInput {
  @ApiProperty({ example: 'Standard', maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: 1500, description: 'Minor units' }) @IsInt() @Min(0) @Max(MAX_PRICE) price: number;
  @ApiPropertyOptional({ example: 'EUR', description: 'Default: the tenant’s currency' }) @IsOptionalNotNull() @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code such as EUR' }) currency?: string;
  @ApiPropertyOptional({ default: false, description: 'Only members of customerGroupId may book it, under the group’s offer (B7)' }) @IsOptionalNotNull() @IsBoolean() exclusive?: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptionalNotNull() @IsId() customerGroupId?: string;
}

export class FormFieldDto implements FormField {
  @ApiProperty({ example: 'age' }) @Matches(KEY, { message: 'key must be letters, digits and _, starting with a letter' }) key: string;
  @ApiProperty({ example: 'Age' }) @IsString() @MinLength(1) @MaxLength(200) label: string;
  @ApiProperty({ enum: ['text', 'number', 'boolean', 'select', 'date'] }) @IsIn(['text', 'number', 'boolean', 'select', 'date']) type: FormFieldType;
  @ApiProperty({ default: false }) @IsBoolean() required: boolean;
  @ApiPropertyOptional({ type: [String], description: 'For select fields' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  options?: string[];
}

export class ConsentFieldDto implements ConsentField {
  @ApiProperty({ example: 'photos' }) @Matches(KEY, { message: 'key must be letters, digits and _, starting with a letter' }) key: string;
  @ApiProperty({ example: 'Photos may be taken during the class' }) @IsString() @MinLength(1) @MaxLength(200) label: string;
}

export class BookingFormDto implements Partial<BookingForm> {
  @ApiPropertyOptional({ type: [FormFieldDto] }) @IsOptionalNotNull() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => FormFieldDto) fields?: FormFieldDto[];
  @ApiPropertyOptional({ type: [ConsentFieldDto] }) @IsOptionalNotNull() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ConsentFieldDto) consents?: ConsentFieldDto[];
}

export class CreateScheduleEntryDto implements CreateScheduleEntryInput {
  @ApiProperty({ example: 'Morning yoga', maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) endsAt: string;
  @ApiProperty({ example: 20, description: 'Places for all tickets together' }) @IsInt() @Min(0) @Max(100_000) capacity: number;
  @ApiProperty({ type: [TicketDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => TicketDto) tickets: TicketDto[];
  @ApiPropertyOptional({ type: BookingFormDto, description: 'Questions every attendee answers (fields) and consent fields' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => BookingFormDto)
  bookingForm?: BookingFormDto;
}

export class ListScheduleEntriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Entries starting at or after' }) @IsOptionalNotNull() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Entries starting before' }) @IsOptionalNotNull() @IsISO8601({ strict: true }) to?: string;
}

// ---------------------------------------------------------------- bookings

export class BookingPersonDto implements BookingPersonInput {
  @ApiProperty({ format: 'email' }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ example: 'Phoebe' }) @IsString() @MinLength(1) @MaxLength(200) firstName: string;
  @ApiProperty({ example: 'Buffay' }) @IsString() @MinLength(1) @MaxLength(200) lastName: string;
}

export class AttendeeDto implements AttendeeInput {
  @ApiProperty({ format: 'uuid' }) @IsId() ticketId: string;
  @ApiPropertyOptional({ format: 'email', description: 'Optional (e.g. a child booked by a parent)' }) @IsOptionalNotNull() @IsEmail() @MaxLength(254) email?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) firstName: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) lastName: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { age: 8 }, description: 'Booking-form answers by field key' })
  @IsOptionalNotNull()
  @IsKeyedMap('answers', isAnswer)
  fields?: Record<string, FieldAnswer>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'boolean' }, example: { photos: true }, description: 'Consent answers: true given, false revoked; left out in an admin booking: not captured' })
  @IsOptionalNotNull()
  @IsKeyedMap('consent answers (true or false)', (v) => typeof v === 'boolean')
  consents?: Record<string, boolean>;
}

export class CreateBookingDto implements CreateBookingInput {
  @ApiProperty({ format: 'uuid' }) @IsId() scheduleEntryId: string;
  @ApiProperty({ type: BookingPersonDto }) @ValidateNested() @Type(() => BookingPersonDto) leadBooker: BookingPersonDto;
  @ApiProperty({ type: [AttendeeDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AttendeeDto) attendees: AttendeeDto[];
  @ApiPropertyOptional({ example: 'K7PQ-M2XD-9HTA' }) @IsOptionalNotNull() @IsString() @MaxLength(64) voucherCode?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The lead booker’s pass: one use per attendee' }) @IsOptionalNotNull() @IsId() passId?: string;
}

export class AttendanceMarkDto {
  @ApiProperty({ format: 'uuid' }) @IsId() attendeeId: string;
  @ApiProperty() @IsBoolean() attended: boolean;
}
export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceMarkDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AttendanceMarkDto) attendees: AttendanceMarkDto[];
}

export class CustomerBookingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['confirmed', 'cancelled'] }) @IsOptionalNotNull() @IsIn(['confirmed', 'cancelled']) status?: 'confirmed' | 'cancelled';
  @ApiPropertyOptional({ enum: ['upcoming', 'past'], description: 'By the entry’s start' }) @IsOptionalNotNull() @IsIn(['upcoming', 'past']) when?: 'upcoming' | 'past';
}

// ---------------------------------------------------------------- groups and offers

export class CreateGroupDto implements CreateGroupInput {
  @ApiProperty({ example: 'Friends of the studio' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptionalNotNull() @IsString() @MaxLength(2000) description?: string;
}

export class AddMembersDto {
  @ApiProperty({ type: [String], format: 'email', maxItems: 1000, description: 'Unknown emails are kept and become members when that customer appears' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsEmail({}, { each: true })
  emails: string[];
}

export class AssignGroupsDto {
  @ApiProperty({ type: [String], format: 'uuid' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsId({ each: true }) groupIds: string[];
}

export class CreateOfferDto implements CreateOfferInput {
  @ApiProperty({ description: 'Whether the offer can be used' }) @IsBoolean() enabled: boolean;
  @ApiProperty({ description: 'Only the member books (one exclusive ticket, for themselves)' }) @IsBoolean() personalUseOnly: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0, description: 'Others the member may bring (not with personalUseOnly); null: any number' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsInt()
  @Min(0)
  @Max(1000)
  maxAdditionalAttendees?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, description: 'Exclusive tickets per member; null: unlimited' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsInt()
  @Min(1)
  @Max(100_000)
  maxUses?: number | null;
  @ApiPropertyOptional({ default: false, description: 'maxUses per usagePeriod (true) or once in all (false)' }) @IsOptionalNotNull() @IsBoolean() ongoing?: boolean;
  @ApiPropertyOptional({ enum: ['day', 'week', 'month', 'year'], nullable: true, description: 'Periods in the tenant’s time zone; weeks start on Monday' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsIn(['day', 'week', 'month', 'year'])
  usagePeriod?: UsagePeriod | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'All exclusive tickets of the group on this entry' }) @IsOptionalNotNull() @IsId() scheduleEntryId?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Or these exclusive tickets' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsId({ each: true })
  ticketIds?: string[];
}

// ---------------------------------------------------------------- memberships

export class CreateMembershipPlanDto implements CreateMembershipPlanInput {
  @ApiProperty({ example: 'Monthly unlimited' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(2000) description?: string;
  @ApiProperty({ example: 4900, description: 'Minor units per period' }) @IsInt() @Min(0) @Max(MAX_PRICE) price: number;
  @ApiPropertyOptional({ example: 'EUR' }) @IsOptionalNotNull() @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code such as EUR' }) currency?: string;
  @ApiProperty({ enum: ['week', 'month', 'year'] }) @IsIn(['week', 'month', 'year']) period: PlanPeriod;
}

export class SubscribeDto implements SubscribeInput {
  @ApiProperty({ format: 'uuid' }) @IsId() planId: string;
  @ApiProperty({ format: 'uuid' }) @IsId() customerId: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the paid periods began (not in the future); default now' }) @IsOptionalNotNull() @IsISO8601({ strict: true }) startsAt?: string;
}

export class CancelMembershipDto {
  @ApiProperty({ enum: ['end_of_period', 'immediate'], description: 'end_of_period: member until the paid period ends; immediate: leaves the group now' })
  @IsIn(['end_of_period', 'immediate'])
  mode: 'end_of_period' | 'immediate';
}

// ---------------------------------------------------------------- passes and vouchers

export class CreatePassProductDto implements CreatePassProductInput {
  @ApiProperty({ example: '10-class pass' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(10_000) uses: number;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 90, description: 'Days valid from purchase; null: never expires' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  validityDays?: number | null;
  @ApiProperty({ example: 12000 }) @IsInt() @Min(0) @Max(MAX_PRICE) price: number;
  @ApiPropertyOptional({ example: 'EUR' }) @IsOptionalNotNull() @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code such as EUR' }) currency?: string;
}

export class SellPassDto implements SellPassInput {
  @ApiProperty({ format: 'uuid' }) @IsId() productId: string;
  @ApiProperty({ format: 'uuid' }) @IsId() customerId: string;
}

export class AdjustPassDto implements AdjustPassInput {
  @ApiPropertyOptional({ minimum: 0 }) @IsOptionalNotNull() @IsInt() @Min(0) @Max(10_000) usesRemaining?: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'null: never expires' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsISO8601({ strict: true })
  expiresAt?: string | null;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(500) reason?: string;
}

export class PassesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'used_up', 'expired'] }) @IsOptionalNotNull() @IsIn(['active', 'used_up', 'expired']) status?: 'active' | 'used_up' | 'expired';
}

export class SellVoucherDto implements SellVoucherInput {
  @ApiPropertyOptional({ example: 'SPRING-25', description: 'Your own code (4-32 letters, digits, -); default: generated' })
  @IsOptionalNotNull()
  @Matches(/^[A-Za-z0-9-]{4,32}$/, { message: 'code must be 4-32 letters, digits or -' })
  code?: string;
  @ApiProperty({ example: 2500, description: 'Value in minor units' }) @IsInt() @Min(1) @Max(MAX_PRICE) amount: number;
  @ApiPropertyOptional({ example: 'EUR' }) @IsOptionalNotNull() @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code such as EUR' }) currency?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The customer who bought it' }) @IsOptionalNotNull() @IsId() customerId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptionalNotNull() @IsISO8601({ strict: true }) expiresAt?: string;
}

export class RedeemVoucherDto implements RedeemVoucherInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'The customer who redeems it' }) @IsOptionalNotNull() @IsId() customerId?: string;
}

export class VouchersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['purchased', 'redeemed'] }) @IsOptionalNotNull() @IsIn(['purchased', 'redeemed']) filter?: 'purchased' | 'redeemed';
}
