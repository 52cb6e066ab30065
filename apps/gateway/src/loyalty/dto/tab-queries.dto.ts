import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, Matches, Max, Min } from 'class-validator';
import type { FeedbackPeriod, LedgerKind, PurchaseStatus } from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';
import { UUID_PATTERN } from '../../http/param.pipes';
import { IsOptionalNotNull } from '../../http/validation.decorators';
import { PURCHASE_STATUSES } from './purchase.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class LedgerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['visits', 'bonus'] })
  @IsOptionalNotNull()
  @IsIn(['visits', 'bonus'])
  kind?: LedgerKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this card’s operations' })
  @IsOptionalNotNull()
  @Matches(UUID_PATTERN, { message: 'cardId must be a UUID' })
  cardId?: string;
}

export class PurchaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PURCHASE_STATUSES })
  @IsOptionalNotNull()
  @IsIn(PURCHASE_STATUSES)
  status?: PurchaseStatus;
}

export class SalesSummaryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Only this year' })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2200)
  year?: number;
}

export class FeedbackQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['day', 'week', 'month', 'year', 'custom'], description: 'In the tenant’s time zone; weeks start on Monday' })
  @IsOptionalNotNull()
  @IsIn(['day', 'week', 'month', 'year', 'custom'])
  period?: FeedbackPeriod;

  @ApiPropertyOptional({ format: 'date', description: 'A day in the period (day/week/month/year); default today' })
  @IsOptionalNotNull()
  @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a real date' })
  date?: string;

  @ApiPropertyOptional({ format: 'date', description: 'period=custom: first day (inclusive)' })
  @IsOptionalNotNull()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a real date' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'period=custom: last day (inclusive)' })
  @IsOptionalNotNull()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a real date' })
  to?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only feedback with a comment' })
  @IsOptionalNotNull()
  @IsIn(['true', 'false'])
  withComments?: 'true' | 'false';
}
