import { ApiProperty } from '@nestjs/swagger';
import type { CreateLocationInput, UpdateLocationInput } from '@app/contracts';
import { BoolField, PatternField, TextField } from './fields';

const COUNTRY = /^[A-Za-z]{2}$/;
const COUNTRY_MESSAGE = 'country must be an ISO 3166-1 alpha-2 code, e.g. DE';

export class CreateLocationDto implements CreateLocationInput {
  @TextField(100, { nullable: true, description: 'Billing, shipping, HQ… or leave out', example: 'HQ' }) name?: string | null;
  @TextField(200, { required: true, example: 'Torstraße 1' }) line1: string;
  @TextField(200, { nullable: true }) line2?: string | null;
  @TextField(20, { nullable: true, example: '10119' }) postalCode?: string | null;
  @TextField(100, { required: true, example: 'Berlin' }) city: string;
  @TextField(100, { nullable: true }) region?: string | null;
  @PatternField(COUNTRY, COUNTRY_MESSAGE, 2, { required: true, example: 'DE' }) country: string;
  @BoolField({ description: 'Make this the primary location (the first one always is; the old primary is un-marked)' }) primary?: boolean;
}

export class UpdateLocationDto implements UpdateLocationInput {
  @TextField(100, { nullable: true }) name?: string | null;
  @TextField(200) line1?: string;
  @TextField(200, { nullable: true }) line2?: string | null;
  @TextField(20, { nullable: true }) postalCode?: string | null;
  @TextField(100) city?: string;
  @TextField(100, { nullable: true }) region?: string | null;
  @PatternField(COUNTRY, COUNTRY_MESSAGE, 2) country?: string;
}

export class LocationViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() line1: string;
  @ApiProperty({ nullable: true, type: String }) line2: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty() city: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ example: 'DE' }) country: string;
  @ApiProperty({ description: 'Exactly one location of a customer is primary' }) primary: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class LocationPageDto {
  @ApiProperty({ type: [LocationViewDto] }) items: LocationViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
