import { ApiProperty } from '@nestjs/swagger';
import { CONTACT_STATUSES, GENDERS, type ContactStatus, type CustomerWarning, type PhoneType } from '@app/contracts';
import { UtmDto } from './utm.dto';

/** Documentation of the answers (the services produce them; the gateway passes them on). */
export class EmailViewDto {
  @ApiProperty({ example: 'ada@example.com' }) address: string;
  @ApiProperty({ enum: CONTACT_STATUSES }) status: ContactStatus;
  @ApiProperty() primary: boolean;
}

export class PhoneViewDto {
  @ApiProperty({ example: '+442079460958', description: 'E.164 when the number could be parsed' }) number: string;
  @ApiProperty({ enum: ['mobile', 'landline', 'unknown'] }) type: PhoneType;
  @ApiProperty({ enum: CONTACT_STATUSES }) status: ContactStatus;
  @ApiProperty() primary: boolean;
}

export class CustomerViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['person', 'company'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ nullable: true, type: String }) companyName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Primary email' }) email: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Primary phone' }) phone: string | null;
  @ApiProperty({ type: [EmailViewDto] }) emails: EmailViewDto[];
  @ApiProperty({ type: [PhoneViewDto] }) phones: PhoneViewDto[];
  @ApiProperty({ nullable: true, enum: GENDERS }) gender: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) birthDate: string | null;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
  @ApiProperty({ nullable: true, type: () => UtmDto }) utm: UtmDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes: Record<string, unknown>;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({
    type: [String],
    enum: ['missing_email', 'invalid_email', 'missing_phone', 'invalid_phone', 'no_mobile_phone'],
    description: 'Missing or unusable contact data (C2)',
  })
  warnings: CustomerWarning[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) firstSeenAt: string | null;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CustomerPageDto {
  @ApiProperty({ type: [CustomerViewDto] }) items: CustomerViewDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last page' }) nextCursor: string | null;
}

export class CustomerDeletedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['deleted'] }) status: 'deleted';
}
