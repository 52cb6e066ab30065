import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../../http/validation.decorators';

export class UtmDto {
  @ApiPropertyOptional({ maxLength: 500, example: 'newsletter' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  source?: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'email' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  medium?: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'spring-sale' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  campaign?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  term?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  content?: string;
}
