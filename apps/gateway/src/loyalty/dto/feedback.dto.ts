import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { CreateFeedbackInput } from '@app/contracts';
import { UUID_PATTERN } from '../../http/param.pipes';
import { IsOptionalNotNull } from '../../http/validation.decorators';

export class CreateFeedbackDto implements CreateFeedbackInput {
  @ApiProperty({ format: 'uuid', description: 'With a portal token: the token’s own customer' })
  @Matches(UUID_PATTERN, { message: 'customerId must be a UUID' })
  customerId: string;

  @ApiProperty({ minimum: 1, maximum: 5, example: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it was given (default now; not in the future)' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  at?: string;
}
