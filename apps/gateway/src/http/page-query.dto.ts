import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { PAGE_DEFAULT_LIMIT, PAGE_MAX_LIMIT, type PageQuery } from '@app/contracts';
import { IsOptionalNotNull } from './validation.decorators';

export class PageQueryDto implements PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_MAX_LIMIT, default: PAGE_DEFAULT_LIMIT })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX_LIMIT)
  limit?: number = PAGE_DEFAULT_LIMIT;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}
