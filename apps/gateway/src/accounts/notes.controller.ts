import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersB2BPatterns as P, type Deleted, type NoteTypeView, type NoteView, type Page } from '@app/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { DeletedDto } from './dto/common.dto';
import { CreateNoteDto, CreateNoteTypeDto, ListNotesQueryDto, NotePageDto, NoteTypeViewDto, NoteViewDto, UpdateNoteDto } from './dto/note.dto';

/** C9: notes on a customer, with a type from the tenant's list of note types. */
@ApiTags('notes')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller()
export class NotesController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get('note-types')
  @ApiOperation({ summary: 'The tenant’s note types, in display order' })
  @ApiOkResponse({ type: [NoteTypeViewDto] })
  listTypes(@Caller() caller: CallContext): Promise<NoteTypeView[]> {
    return this.rpc.send(P.listNoteTypes, caller);
  }

  @Post('note-types')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Add a note type (owner, admin); 409 note_type_exists for a key in use' })
  @ApiCreatedResponse({ type: NoteTypeViewDto })
  @ApiProblems(409)
  createType(@Caller() caller: CallContext, @Body() input: CreateNoteTypeDto): Promise<NoteTypeView> {
    return this.rpc.send(P.createNoteType, caller, { input });
  }

  @Delete('note-types/:key')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Delete a note type (owner, admin); 409 note_type_in_use while notes have it' })
  @ApiOkResponse({ schema: { properties: { key: { type: 'string' }, deleted: { type: 'boolean' } } } })
  @ApiProblems(409)
  deleteType(@Caller() caller: CallContext, @Param('key') key: string): Promise<{ key: string; deleted: true }> {
    return this.rpc.send(P.deleteNoteType, caller, { key });
  }

  @Get('customers/:id/notes')
  @ApiOperation({ summary: 'The customer’s notes, newest first (tab); filter by type, season, year, call status' })
  @ApiOkResponse({ type: NotePageDto })
  list(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: ListNotesQueryDto): Promise<Page<NoteView>> {
    return this.rpc.send(P.listNotes, caller, { id, query });
  }

  @Post('customers/:id/notes')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Add a note (the caller is its author)' })
  @ApiCreatedResponse({ type: NoteViewDto })
  create(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Body() input: CreateNoteDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<NoteView> {
    return this.rpc.send(P.createNote, caller, { id, input, idempotencyKey });
  }

  @Patch('customers/:id/notes/:itemId')
  @ApiOperation({ summary: 'Change a note: its author, an owner or an admin (else 403 not_note_author)' })
  @ApiOkResponse({ type: NoteViewDto })
  update(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Param('itemId', ParseUuidPipe) itemId: string,
    @Body() input: UpdateNoteDto,
  ): Promise<NoteView> {
    return this.rpc.send(P.updateNote, caller, { id, itemId, input });
  }

  @Delete('customers/:id/notes/:itemId')
  @ApiOperation({ summary: 'Delete a note: its author, an owner or an admin' })
  @ApiOkResponse({ type: DeletedDto })
  delete(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Param('itemId', ParseUuidPipe) itemId: string): Promise<Deleted> {
    return this.rpc.send(P.deleteNote, caller, { id, itemId });
  }
}
