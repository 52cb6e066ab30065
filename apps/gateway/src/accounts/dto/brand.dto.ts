import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, ValidateIf, ValidateNested } from 'class-validator';
import { IsId } from '../../http/validation.decorators';
import {
  COMMISSION_SOURCES,
  CUSTOMER_BRAND_STATUSES,
  MAX_RATE_BPS,
  type CommissionSource,
  type CreateBrandInput,
  type CreateSalesRepInput,
  type CustomerBrandStatus,
  type SetCustomerBrandInput,
  type UpdateBrandInput,
  type UpdateSalesRepInput,
} from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';
import { EnumField, IntField, PatternField, QueryEnumFilter, TextField } from './fields';

const RATE_DOC = 'Whole basis points: 1250 = 12.50 %';
const USER_ID = /^[\x21-\x7e]{1,128}$/;
const isPresent = (_o: object, v: unknown) => v !== undefined && v !== null;

export class CreateBrandDto implements CreateBrandInput {
  @TextField(100, { required: true, example: 'Alpine Outerwear' }) name: string;
  @IntField(0, MAX_RATE_BPS, { required: true, description: `The brand’s default commission rate. ${RATE_DOC}`, example: 1000 }) defaultRateBps: number;
}

export class UpdateBrandDto implements UpdateBrandInput {
  @TextField(100) name?: string;
  @IntField(0, MAX_RATE_BPS, { description: RATE_DOC }) defaultRateBps?: number;
}

export class BrandViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: RATE_DOC, example: 1000 }) defaultRateBps: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class BrandPageDto {
  @ApiProperty({ type: [BrandViewDto] }) items: BrandViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SalesRepBrandRateDto {
  @ApiProperty({ format: 'uuid' }) @IsId() brandId: string;
  @IntField(0, MAX_RATE_BPS, { required: true, description: RATE_DOC }) rateBps: number;
}

export class CreateSalesRepDto implements CreateSalesRepInput {
  @TextField(200, { required: true, example: 'Rita Rep' }) name: string;
  @TextField(254, { nullable: true }) @ValidateIf(isPresent) @IsEmail() email?: string | null;
  @PatternField(USER_ID, 'userId must be a user id (1-128 visible characters)', 128, { nullable: true, description: 'The staff user (token sub) this rep signs in as' })
  userId?: string | null;
  @IntField(0, MAX_RATE_BPS, { nullable: true, description: `The rep’s rate for every brand without a brand rate. ${RATE_DOC}` }) defaultRateBps?: number | null;
  @ApiPropertyOptional({ type: [SalesRepBrandRateDto], description: 'The rep’s own rate per brand (more specific than defaultRateBps)' })
  @ValidateIf(isPresent)
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SalesRepBrandRateDto)
  brandRates?: SalesRepBrandRateDto[];
}

export class UpdateSalesRepDto implements UpdateSalesRepInput {
  @TextField(200) name?: string;
  @TextField(254, { nullable: true }) @ValidateIf(isPresent) @IsEmail() email?: string | null;
  @PatternField(USER_ID, 'userId must be a user id (1-128 visible characters)', 128, { nullable: true }) userId?: string | null;
  @IntField(0, MAX_RATE_BPS, { nullable: true, description: RATE_DOC }) defaultRateBps?: number | null;
  @ApiPropertyOptional({ type: [SalesRepBrandRateDto], nullable: true, description: 'Replaces the rep’s brand rates (null or [] removes them)' })
  @ValidateIf(isPresent)
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SalesRepBrandRateDto)
  brandRates?: SalesRepBrandRateDto[] | null;
}

export class SalesRepViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: RATE_DOC }) defaultRateBps: number | null;
  @ApiProperty({ type: [SalesRepBrandRateDto] }) brandRates: SalesRepBrandRateDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SalesRepPageDto {
  @ApiProperty({ type: [SalesRepViewDto] }) items: SalesRepViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SetAccountSalesRepDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The customer’s sales rep; null removes it' })
  @ValidateIf(isPresent)
  @IsId()
  salesRepId: string | null;
}

export class AccountSalesRepViewDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: SalesRepViewDto, nullable: true }) salesRep: SalesRepViewDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) assignedAt: string | null;
}

export class SetCustomerBrandDto implements SetCustomerBrandInput {
  @EnumField(CUSTOMER_BRAND_STATUSES, { required: true }) status: CustomerBrandStatus;
  @TextField(100, { nullable: true, description: 'The id this brand knows the customer by (the brand’s account number)', example: 'ALP-0042' }) brandCustomerId?: string | null;
  @IntField(0, MAX_RATE_BPS, { nullable: true, description: `The customer’s own rate for this brand; overrides every other. ${RATE_DOC}` }) rateBps?: number | null;
}

export class ListCustomerBrandsQueryDto extends PageQueryDto {
  @QueryEnumFilter(CUSTOMER_BRAND_STATUSES, 'Only active or only potential brands') status?: CustomerBrandStatus;
}

export class EffectiveRateDto {
  @ApiProperty({ example: 1250 }) rateBps: number;
  @ApiProperty({ example: '12.50', description: 'Exact percent' }) percent: string;
  @ApiProperty({ enum: COMMISSION_SOURCES, description: 'customer > sales_rep_brand > sales_rep > brand' }) source: CommissionSource;
}

export class SalesRepRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class CustomerBrandViewDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'uuid' }) brandId: string;
  @ApiProperty() brandName: string;
  @ApiProperty({ enum: CUSTOMER_BRAND_STATUSES }) status: CustomerBrandStatus;
  @ApiProperty({ nullable: true, type: String }) brandCustomerId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The customer’s own rate' }) rateBps: number | null;
  @ApiProperty() brandDefaultRateBps: number;
  @ApiProperty({ type: SalesRepRefDto, nullable: true }) salesRep: SalesRepRefDto | null;
  @ApiProperty({ type: EffectiveRateDto }) effectiveRate: EffectiveRateDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CustomerBrandPageDto {
  @ApiProperty({ type: [CustomerBrandViewDto] }) items: CustomerBrandViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
