import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsOptionalNotNull } from '../../http/validation.decorators';

/**
 * Field decorators of the B2B DTOs: the OpenAPI property and its validators in one place.
 * `required`: must be given (create bodies); default: may be left out but not null;
 * `nullable`: may be left out or null (null clears the value on PATCH).
 */
export interface FieldOptions {
  required?: boolean;
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

const presence = (o: FieldOptions) => (o.required ? [] : o.nullable ? [ValidateIf((_obj, v) => v !== undefined && v !== null)] : [IsOptionalNotNull()]);

const doc = (o: FieldOptions, extra: ApiPropertyOptions) => {
  const options = { description: o.description, example: o.example, ...(o.nullable ? { nullable: true } : {}), ...extra } as ApiPropertyOptions;
  return o.required ? ApiProperty(options) : ApiPropertyOptional(options);
};

export const TextField = (max: number, o: FieldOptions = {}) =>
  applyDecorators(doc(o, { type: String, minLength: 1, maxLength: max }), ...presence(o), IsString(), MinLength(1), MaxLength(max));

export const PatternField = (pattern: RegExp, message: string, max: number, o: FieldOptions = {}) =>
  applyDecorators(doc(o, { type: String, pattern: pattern.source, maxLength: max }), ...presence(o), IsString(), MaxLength(max), Matches(pattern, { message }));

export const IntField = (min: number, max: number, o: FieldOptions = {}) =>
  applyDecorators(doc(o, { type: Number, minimum: min, maximum: max }), ...presence(o), IsInt(), Min(min), Max(max));

export const EnumField = (values: readonly string[], o: FieldOptions = {}) =>
  applyDecorators(doc(o, { enum: values as string[] }), ...presence(o), IsIn(values as string[]));

export const BoolField = (o: FieldOptions = {}) => applyDecorators(doc(o, { type: Boolean }), ...presence(o), IsBoolean());

/** A calendar date YYYY-MM-DD (the service also checks it is a real date). */
export const DateField = (o: FieldOptions = {}) =>
  applyDecorators(doc(o, { type: String, format: 'date' }), ...presence(o), IsString(), Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }));

/** An ISO 8601 date-time with a zone. */
export const DateTimeField = (o: FieldOptions = {}) =>
  applyDecorators(
    doc(o, { type: String, format: 'date-time' }),
    ...presence(o),
    IsString(),
    IsISO8601({ strict: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'must have a time zone (Z or an offset)' }),
  );

// ---- query-string filters (text in the URL)

export const QueryTextFilter = (max: number, description: string) =>
  applyDecorators(ApiPropertyOptional({ type: String, maxLength: max, description }), IsOptionalNotNull(), IsString(), MinLength(1), MaxLength(max));

export const QueryIntFilter = (min: number, max: number, description: string) =>
  applyDecorators(ApiPropertyOptional({ type: Number, minimum: min, maximum: max, description }), IsOptionalNotNull(), Type(() => Number), IsInt(), Min(min), Max(max));

export const QueryEnumFilter = (values: readonly string[], description: string) =>
  applyDecorators(ApiPropertyOptional({ enum: values as string[], description }), IsOptionalNotNull(), IsIn(values as string[]));

export const QueryBoolFilter = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean, description }),
    IsOptionalNotNull(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );
