import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, POLL_QUESTION_TYPES, type Channel, type PollQuestionType } from '@app/contracts';
import { IsOptionalNotNull, IsId } from '../../http/validation.decorators';
import { PageQueryDto } from '../../http/page-query.dto';

/**
 * Request bodies of the marketing routes: shapes are checked here; the marketing service checks
 * the rest (segment rules, answers against questions, codes) and answers 400 with the path of
 * each bad part.
 */
const CATEGORY_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const CONSENT_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** Nullable optional: the field may be left out or null. */
const IsOptionalOrNull = () => ValidateIf((_o, v) => v !== undefined && v !== null);

export class PutCategoryDto {
  @ApiProperty({ example: 'Newsletter', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ default: true, description: 'Only active categories are shown on profiles and take subscriptions and mailings' })
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class SubscriptionChangeDto {
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ example: 'newsletter' }) category: string;
  @ApiProperty() subscribed: boolean;
}

export class CreateSegmentDto {
  @ApiProperty({ example: 'Berlin VIPs', maxLength: 200, description: 'Unique per tenant (case-insensitive)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000 })
  @IsOptionalOrNull()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      '`{ all: [...] }` or `{ any: [...] }` of conditions `{ field, op, value }` and nested rules. Ops: eq, ne, gt, gte, lt, lte, in, contains, exists. Fields: tags, groups, segments, interests (contains, ne, in, exists); city, country, rfmSegment (eq, ne, in, contains, exists; case-insensitive); purchaseCount, purchaseTotal, totalEventsBooked (eq, ne, gt, gte, lt, lte, in); lastPurchaseAt (gt, gte, lt, lte, exists); attributes.<key>; consents.<key> (given, revoked, not_captured); subscriptions.<channel>.<category> (eq/ne true or false). `{ all: [] }` is everyone.',
    example: { all: [{ field: 'city', op: 'eq', value: 'Berlin' }, { any: [{ field: 'tags', op: 'contains', value: 'vip' }, { field: 'purchaseTotal', op: 'gte', value: 100000 }] }] },
  })
  @IsObject()
  rule: Record<string, unknown>;
}

export class UpdateSegmentDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptionalOrNull()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'A new rule: the membership is recomputed' })
  @IsOptionalNotNull()
  @IsObject()
  rule?: Record<string, unknown>;
}

export class CreateMailingDto {
  @ApiProperty({ example: 'Summer sale', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ enum: ['mass', 'campaign'], default: 'mass' })
  @IsOptionalNotNull()
  @IsIn(['mass', 'campaign'])
  kind?: 'mass' | 'campaign';

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Campaign name, required for kind campaign' })
  @IsOptionalOrNull()
  @IsString()
  @MaxLength(200)
  campaign?: string | null;

  @ApiProperty({ format: 'uuid' })
  @IsId()
  segmentId: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ example: 'promotions', description: 'An active subscription category' })
  @IsString()
  @Matches(CATEGORY_KEY, { message: 'category must be a category key' })
  category: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 0, description: 'Share of the eligible audience not sent on purpose (two decimals)' })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  controlGroupPercent?: number;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Email subject or push title (required for those channels)' })
  @IsOptionalOrNull()
  @IsString()
  @MaxLength(500)
  subject?: string | null;

  @ApiProperty({ example: 'Hello {{firstName}}, your code: {{promoCode}}', description: '{{firstName}}, {{lastName}} and {{promoCode}} are filled in per recipient' })
  @IsString()
  @MinLength(1)
  @MaxLength(100_000)
  body: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Issue one code of this pool to every recipient sent the mailing' })
  @IsOptionalOrNull()
  @IsId()
  promoCodePoolId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'A consent key that must be given for a customer to be sent the mailing' })
  @IsOptionalOrNull()
  @IsString()
  @Matches(CONSENT_KEY, { message: 'requiredConsent must be a consent key' })
  requiredConsent?: string | null;
}

export class RecipientsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'sent', 'control_group', 'excluded', 'failed'] })
  @IsOptionalNotNull()
  @IsIn(['pending', 'sent', 'control_group', 'excluded', 'failed'])
  outcome?: string;
}

export class SendPushDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  body: string;
}

export class GenerateCodesDto {
  @ApiProperty({ minimum: 1, maximum: 100000 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  count: number;

  @ApiPropertyOptional({ example: 'SUMMER-', maxLength: 20 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(20)
  prefix?: string;

  @ApiPropertyOptional({ minimum: 6, maximum: 32, default: 10, description: 'Length of the random part' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(6)
  @Max(32)
  length?: number;
}

export class AddPromoCodesDto {
  @ApiPropertyOptional({ type: [String], description: 'Codes to import (3-64 letters, digits, _ or -; stored upper-case)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsString({ each: true })
  codes?: string[];

  @ApiPropertyOptional({ type: () => GenerateCodesDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => GenerateCodesDto)
  generate?: GenerateCodesDto;
}

export class CreatePromoCodePoolDto extends AddPromoCodesDto {
  @ApiProperty({ example: 'Summer 2024', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class IssuePromoCodeDto {
  @ApiProperty({ format: 'uuid' })
  @IsId()
  customerId: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The campaign issuing the code' })
  @IsOptionalOrNull()
  @IsString()
  @MaxLength(200)
  campaign?: string | null;
}

export class RedeemPromoCodeDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'When given, the code must have been issued to this customer' })
  @IsOptionalNotNull()
  @IsId()
  customerId?: string;
}

export class PollQuestionDto {
  @ApiPropertyOptional({ example: 'q1', description: 'Id of the question in answers (default q1, q2, …)' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(40)
  id?: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  text: string;

  @ApiProperty({ enum: POLL_QUESTION_TYPES })
  @IsIn(POLL_QUESTION_TYPES)
  type: PollQuestionType;

  @ApiPropertyOptional({ type: [String], description: 'Choices of a choice question (2-50)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  options?: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptionalNotNull()
  @IsBoolean()
  required?: boolean;
}

export class CreatePollDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptionalOrNull()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ type: [PollQuestionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PollQuestionDto)
  questions: PollQuestionDto[];
}

export class PollResponseDto {
  @ApiProperty({ format: 'uuid' })
  @IsId()
  customerId: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { q1: 'Friend', q2: ['Price', 'Staff'], q3: 5 },
    description: 'Question id → an option (single choice), options (multiple choice), text, or 1-5 (rating)',
  })
  @IsObject()
  answers: Record<string, unknown>;
}

export class ActivityQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['visit', 'category_view', 'product_view', 'page_view', 'cart_add', 'cart_remove', 'order'] })
  @IsOptionalNotNull()
  @IsIn(['visit', 'category_view', 'product_view', 'page_view', 'cart_add', 'cart_remove', 'order'])
  type?: string;
}
