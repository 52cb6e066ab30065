import { ApiProperty } from '@nestjs/swagger';
import { CALL_STATUSES, type CallStatus, type CreateNoteInput, type CreateNoteTypeInput, type UpdateNoteInput } from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';
import { ActorRefDto, SEASON_DOC } from './common.dto';
import { EnumField, IntField, PatternField, QueryEnumFilter, QueryIntFilter, QueryTextFilter, TextField } from './fields';

const TYPE_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const TYPE_KEY_MESSAGE = 'must be 1-64 lower-case letters, digits, _ or -, starting with a letter or digit';
const YEAR = [1900, 2999] as const;

export class CreateNoteTypeDto implements CreateNoteTypeInput {
  @PatternField(TYPE_KEY, `key ${TYPE_KEY_MESSAGE}`, 64, { required: true, example: 'phone_call' })
  key: string;

  @TextField(100, { required: true, example: 'Phone call' })
  label: string;

  @IntField(0, 100_000, { description: 'Display order (ascending)', example: 1 })
  position?: number;
}

export class NoteTypeViewDto {
  @ApiProperty({ example: 'phone_call' }) key: string;
  @ApiProperty({ example: 'Phone call' }) label: string;
  @ApiProperty({ example: 1 }) position: number;
}

export class CreateNoteDto implements CreateNoteInput {
  @PatternField(TYPE_KEY, 'type must be the key of one of the tenant’s note types', 64, { required: true, description: 'Key of one of the tenant’s note types (GET /note-types)', example: 'phone_call' })
  type: string;

  @TextField(32, { nullable: true, ...SEASON_DOC })
  season?: string | null;

  @IntField(...YEAR, { nullable: true, example: 2025 })
  year?: number | null;

  @EnumField(CALL_STATUSES, { nullable: true, description: 'Where the call with the customer stands' })
  callStatus?: CallStatus | null;

  @TextField(10_000, { required: true, example: 'Asked us to call back on Monday; the manager was not in.' })
  text: string;
}

export class UpdateNoteDto implements UpdateNoteInput {
  @PatternField(TYPE_KEY, 'type must be the key of one of the tenant’s note types', 64)
  type?: string;

  @TextField(32, { nullable: true, ...SEASON_DOC })
  season?: string | null;

  @IntField(...YEAR, { nullable: true })
  year?: number | null;

  @EnumField(CALL_STATUSES, { nullable: true })
  callStatus?: CallStatus | null;

  @TextField(10_000)
  text?: string;
}

export class ListNotesQueryDto extends PageQueryDto {
  @QueryTextFilter(64, 'Only notes of this type (key)') type?: string;
  @QueryTextFilter(32, 'Only notes of this season') season?: string;
  @QueryIntFilter(...YEAR, 'Only notes of this year') year?: number;
  @QueryEnumFilter(CALL_STATUSES, 'Only notes with this call status') callStatus?: CallStatus;
}

export class NoteViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: 'phone_call' }) type: string;
  @ApiProperty({ nullable: true, type: String, example: 'FW' }) season: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 2025 }) year: number | null;
  @ApiProperty({ nullable: true, enum: CALL_STATUSES }) callStatus: CallStatus | null;
  @ApiProperty() text: string;
  @ApiProperty({ type: ActorRefDto, description: 'Who wrote the note' }) author: ActorRefDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: ActorRefDto, nullable: true, description: 'Who last edited it' }) updatedBy: ActorRefDto | null;
}

export class NotePageDto {
  @ApiProperty({ type: [NoteViewDto] }) items: NoteViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
