import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { LedgerOperation, LedgerOperationInput, VisitSubtractReason } from '@app/contracts';
import { IsOptionalNotNull } from '../../http/validation.decorators';

const MAX_AMOUNT = 1_000_000_000_000;

class LedgerOperationDto implements LedgerOperationInput {
  @ApiProperty({ enum: ['add', 'subtract'] })
  @IsIn(['add', 'subtract'])
  operation: LedgerOperation;

  @ApiProperty({ minimum: 1, maximum: 1_000_000, example: 1, description: 'A whole number above zero' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  value: number;

  @ApiPropertyOptional({ minimum: 0, example: 1250, description: 'Minor units; adds to the LTV whatever the operation (L5)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  purchaseAmount?: number;

  @ApiPropertyOptional({ example: 'EUR', description: 'Of purchaseAmount; default the tenant’s currency' })
  @IsOptionalNotNull()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code in capitals, e.g. EUR' })
  currency?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class VisitsOperationDto extends LedgerOperationDto {
  @ApiPropertyOptional({ enum: ['use', 'correction'], description: 'Subtract only (default use): used visits are redeemed; both count in totalVisits' })
  @IsOptionalNotNull()
  @IsIn(['use', 'correction'])
  reason?: VisitSubtractReason;
}

export class BonusOperationDto extends LedgerOperationDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Add only: the points are pending activation until then' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  activatesAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Add only: the points expire then (pending deactivation during the tenant’s window before)' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}
