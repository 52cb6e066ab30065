import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ATTRIBUTE_TYPES, type AttributeType, type CreateAttributeInput } from '@app/contracts';
import { ATTRIBUTE_KEY_PATTERN, IsOptionalNotNull } from '../../http/validation.decorators';

export class CreateAttributeDto implements CreateAttributeInput {
  @ApiProperty({ example: 'shoeSize', pattern: ATTRIBUTE_KEY_PATTERN.source, description: 'Key used in customer.attributes; unique per tenant' })
  @IsString()
  @Matches(ATTRIBUTE_KEY_PATTERN, { message: 'key must start with a letter and hold only letters, digits and _ (at most 64)' })
  key: string;

  @ApiProperty({ example: 'Shoe size', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  label: string;

  @ApiProperty({ enum: ATTRIBUTE_TYPES })
  @IsIn(ATTRIBUTE_TYPES)
  type: AttributeType;

  @ApiPropertyOptional({ type: [String], description: 'Allowed values, for type "enum"', example: ['S', 'M', 'L'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  options?: string[];

  @ApiPropertyOptional({ default: false })
  @IsOptionalNotNull()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ minimum: 0, description: 'Display order in the profile (after the existing ones when absent)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  order?: number;

  @ApiPropertyOptional({ default: true, description: 'Whether the profile shows this attribute' })
  @IsOptionalNotNull()
  @IsBoolean()
  showInProfile?: boolean;
}
