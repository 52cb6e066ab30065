import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsISO8601, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { GENDERS, type AttributeValue, type CreateCustomerInput, type CustomerKind, type Gender } from '@app/contracts';
import { TAG_PATTERN } from '../../http/param.pipes';
import { UtmDto } from './utm.dto';
import { IsAttributeMap, IsOptionalNotNull } from '../../http/validation.decorators';

/** The shape of a phone number; whether it is a real number is decided by the customers service. */
export const PHONE_SHAPE = /^[0-9 +()-]{4,32}$/;
const PHONE_MESSAGE = 'must be 4-32 characters of digits, spaces, +, (, ) or -';
const KINDS: CustomerKind[] = ['person', 'company'];

export class CreateCustomerDto implements CreateCustomerInput {
  @ApiPropertyOptional({ enum: KINDS, default: 'person' })
  @IsOptionalNotNull()
  @IsIn(KINDS)
  kind?: CustomerKind;

  @ApiPropertyOptional({ maxLength: 200, example: 'Ada' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  firstName?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Lovelace' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  lastName?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'For kind "company" (B2B account)' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  companyName?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254, example: 'ada@example.com', description: 'Primary email; unique per tenant' })
  @IsOptionalNotNull()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ type: [String], format: 'email', maxItems: 20 })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  otherEmails?: string[];

  @ApiPropertyOptional({ example: '+44 20 7946 0958', description: 'Primary phone, international format preferred; type and validity are detected' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(PHONE_SHAPE, { message: `phone ${PHONE_MESSAGE}` })
  phone?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(PHONE_SHAPE, { each: true, message: `each of otherPhones ${PHONE_MESSAGE}` })
  otherPhones?: string[];

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptionalNotNull()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiPropertyOptional({ format: 'date', example: '1990-12-10' })
  @IsOptionalNotNull()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'birthDate must be a real date' })
  birthDate?: string;

  @ApiPropertyOptional({ example: 'GB', description: 'ISO 3166-1 alpha-2 code' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code, e.g. DE' })
  country?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'London' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  city?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true },
    example: { shoeSize: 42, newsletterOptIn: true },
    description: 'Custom attribute values by key; each key must be defined (GET /attributes) and the value must fit its type',
  })
  @IsOptionalNotNull()
  @IsAttributeMap()
  attributes?: Record<string, AttributeValue>;

  @ApiPropertyOptional({ maxLength: 200, example: 'pos', description: 'Where the customer came from' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiPropertyOptional({ type: () => UtmDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => UtmDto)
  utm?: UtmDto;

  @ApiPropertyOptional({ type: [String], maxItems: 100, example: ['vip'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be 1-64 characters without "/"' })
  tags?: string[];
}
