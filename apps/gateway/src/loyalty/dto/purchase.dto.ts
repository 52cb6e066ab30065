import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import {
  ORDER_STATUSES,
  RECEIPT_STATUSES,
  type PurchaseKind,
  type PurchaseLineInput,
  type PurchaseStatus,
  type RecordPurchaseInput,
  type UpdatePurchaseInput,
} from '@app/contracts';
import { UUID_PATTERN } from '../../http/param.pipes';
import { IsAttributeMap, IsOptionalNotNull } from '../../http/validation.decorators';

const MAX_AMOUNT = 1_000_000_000_000;
export const PURCHASE_STATUSES: PurchaseStatus[] = [...RECEIPT_STATUSES, ...ORDER_STATUSES];

export class PurchaseLineDto implements PurchaseLineInput {
  @ApiProperty({ maxLength: 64, example: 'SKU-1' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  sku: string;

  @ApiProperty({ maxLength: 200, example: 'Coffee beans 1 kg' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'coffee' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  category?: string;

  @ApiProperty({ minimum: 1, example: 2 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;

  @ApiProperty({ minimum: 0, example: 1299, description: 'Unit price, minor units' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  price: number;
}

export class RecordPurchaseDto implements RecordPurchaseInput {
  @ApiProperty({ format: 'uuid' })
  @Matches(UUID_PATTERN, { message: 'customerId must be a UUID' })
  customerId: string;

  @ApiProperty({ enum: ['receipt', 'order'] })
  @IsIn(['receipt', 'order'])
  kind: PurchaseKind;

  @ApiProperty({ maxLength: 64, example: 'R-2025-000123', description: 'Unique per tenant and kind (409 purchase_exists)' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  number: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'berlin-1' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  storeId?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Berlin Mitte' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  storeName?: string;

  @ApiProperty({ format: 'date-time', description: 'Not in the future' })
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ enum: PURCHASE_STATUSES, description: 'receipt: completed / returned; order: active / booked / cancelled / shipped' })
  @IsIn(PURCHASE_STATUSES)
  status: PurchaseStatus;

  @ApiPropertyOptional({ example: 'EUR', description: 'Default the tenant’s currency' })
  @IsOptionalNotNull()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code in capitals, e.g. EUR' })
  currency?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Acme', description: 'B2B orders' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  brand?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Spring' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  season?: string;

  @ApiPropertyOptional({ example: 2026, description: 'Sales year of an order; default the local year of occurredAt' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1900)
  @Max(2200)
  year?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Minor units, part of the total' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  deliveryCost?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { payment: 'card' }, description: 'Further receipt attributes shown in the detail' })
  @IsOptionalNotNull()
  @IsAttributeMap()
  attributes?: Record<string, string | number | boolean | null>;

  @ApiProperty({ type: [PurchaseLineDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PurchaseLineDto)
  lines: PurchaseLineDto[];
}

export class UpdatePurchaseDto implements UpdatePurchaseInput {
  @ApiProperty({ enum: PURCHASE_STATUSES, description: 'One of the purchase kind’s statuses' })
  @IsIn(PURCHASE_STATUSES)
  status: PurchaseStatus;
}
