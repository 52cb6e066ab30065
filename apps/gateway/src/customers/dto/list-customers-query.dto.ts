import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CUSTOMER_SORTS, type CustomerSort, type ListCustomersQuery } from '@app/contracts';
import { TAG_PATTERN } from '../../http/param.pipes';
import { PageQueryDto } from '../../http/page-query.dto';
import { IsOptionalNotNull, IsId } from '../../http/validation.decorators';

export class ListCustomersQueryDto extends PageQueryDto implements ListCustomersQuery {
  @ApiPropertyOptional({ description: 'Search in name, email and phone', minLength: 1, maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only customers with this tag' })
  @IsOptionalNotNull()
  @Matches(TAG_PATTERN, { message: 'tag must be 1-64 characters without "/"' })
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only members of this customer group' })
  @IsOptionalNotNull()
  @IsId()
  groupId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only customers with a confirmed booking of an entry that has not started yet; false: only those without' })
  @IsOptionalNotNull()
  @IsIn(['true', 'false'])
  hasUpcomingBooking?: 'true' | 'false';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only members of this segment' })
  @IsOptionalNotNull()
  @IsId()
  segmentId?: string;

  @ApiPropertyOptional({ description: 'First seen at or after (ISO 8601 date or time)', example: '2024-01-01' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  firstSeenFrom?: string;

  @ApiPropertyOptional({ description: 'First seen before (ISO 8601 date or time)', example: '2025-01-01' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  firstSeenTo?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_SORTS, description: 'Field to sort by; a leading "-" sorts descending' })
  @IsOptionalNotNull()
  @IsIn(CUSTOMER_SORTS)
  sort?: CustomerSort;
}
