import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, ValidateIf } from 'class-validator';
import { CONSENT_STATUSES, CONTACT_STATUSES, type ConsentStatus, type ContactStatus, type CreateContactInput, type PhoneType, type UpdateContactInput } from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';
import { BoolField, EnumField, PatternField, QueryBoolFilter, TextField } from './fields';

const PHONE_SHAPE = /^[0-9 +()-]{4,32}$/;
const PHONE_MESSAGE = 'phone must be 4-32 characters of digits, spaces, +, (, ) or -';
const isPresent = (_o: object, v: unknown) => v !== undefined && v !== null;

export class CreateContactDto implements CreateContactInput {
  @TextField(200, { required: true, example: 'Bea Buyer' }) name: string;
  @TextField(100, { nullable: true, description: 'Job title or role', example: 'Head buyer' }) title?: string | null;
  @TextField(254, { nullable: true, example: 'bea@shop.example' })
  @ValidateIf(isPresent)
  @IsEmail()
  email?: string | null;
  @PatternField(PHONE_SHAPE, PHONE_MESSAGE, 32, { nullable: true, example: '+49 30 1234567' }) phone?: string | null;
  @EnumField(CONTACT_STATUSES, { description: 'Default unverified' }) emailStatus?: ContactStatus;
  @EnumField(CONSENT_STATUSES, { description: 'Consent to receive email; default not_captured. No consent, no email.' }) emailConsent?: ConsentStatus;
  @BoolField({ description: 'Make this the primary contact (the first one always is)' }) primary?: boolean;
}

export class UpdateContactDto implements UpdateContactInput {
  @TextField(200) name?: string;
  @TextField(100, { nullable: true }) title?: string | null;
  @TextField(254, { nullable: true, description: 'A new address starts unverified unless emailStatus is given' })
  @ValidateIf(isPresent)
  @IsEmail()
  email?: string | null;
  @PatternField(PHONE_SHAPE, PHONE_MESSAGE, 32, { nullable: true }) phone?: string | null;
  @EnumField(CONTACT_STATUSES) emailStatus?: ContactStatus;
  @EnumField(CONSENT_STATUSES) emailConsent?: ConsentStatus;
}

export class ListContactsQueryDto extends PageQueryDto {
  @QueryBoolFilter('true: only contacts that may be emailed; false: only those that may not') canEmail?: boolean;
}

export class ContactViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'E.164' }) phone: string | null;
  @ApiProperty({ nullable: true, enum: ['mobile', 'landline', 'unknown'] }) phoneType: PhoneType | null;
  @ApiProperty({ enum: CONTACT_STATUSES }) emailStatus: ContactStatus;
  @ApiProperty({ enum: CONSENT_STATUSES }) emailConsent: ConsentStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the consent last changed' }) emailConsentAt: string | null;
  @ApiProperty({ description: 'An address that is not invalid or bounced and consent given: senders must skip contacts where this is false' }) canEmail: boolean;
  @ApiProperty({ description: 'Exactly one contact of a customer is primary' }) primary: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ContactPageDto {
  @ApiProperty({ type: [ContactViewDto] }) items: ContactViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
