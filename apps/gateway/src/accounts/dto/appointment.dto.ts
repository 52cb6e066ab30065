import { ApiProperty } from '@nestjs/swagger';
import type { CreateAppointmentInput, UpdateAppointmentInput } from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';
import { ActorRefDto, SEASON_DOC } from './common.dto';
import { DateTimeField, IntField, QueryIntFilter, QueryTextFilter, TextField } from './fields';

export class CreateAppointmentDto implements CreateAppointmentInput {
  @TextField(64, { required: true, example: 'Showroom visit' }) type: string;
  @TextField(32, { nullable: true, ...SEASON_DOC }) season?: string | null;
  @IntField(1900, 2999, { description: 'Default: the year of startsAt in the tenant’s time zone', example: 2025 }) year?: number;
  @DateTimeField({ required: true, example: '2025-09-01T09:30:00Z' }) startsAt: string;
  @DateTimeField({ nullable: true, description: 'After startsAt' }) endsAt?: string | null;
  @TextField(4000, { nullable: true }) notes?: string | null;
}

export class UpdateAppointmentDto implements UpdateAppointmentInput {
  @TextField(64) type?: string;
  @TextField(32, { nullable: true, ...SEASON_DOC }) season?: string | null;
  @IntField(1900, 2999, { description: 'Stays when startsAt moves unless given' }) year?: number;
  @DateTimeField() startsAt?: string;
  @DateTimeField({ nullable: true }) endsAt?: string | null;
  @TextField(4000, { nullable: true }) notes?: string | null;
}

export class ListAppointmentsQueryDto extends PageQueryDto {
  @QueryTextFilter(64, 'Only appointments of this type') type?: string;
  @QueryTextFilter(32, 'Only appointments of this season') season?: string;
  @QueryIntFilter(1900, 2999, 'Only appointments of this year') year?: number;
}

export class AppointmentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() type: string;
  @ApiProperty({ nullable: true, type: String }) season: string | null;
  @ApiProperty() year: number;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) endsAt: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: ActorRefDto }) createdBy: ActorRefDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AppointmentPageDto {
  @ApiProperty({ type: [AppointmentViewDto] }) items: AppointmentViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
