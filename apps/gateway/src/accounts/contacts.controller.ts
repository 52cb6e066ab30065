import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersB2BPatterns as P, type ContactView, type Deleted, type Page } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { DeletedDto } from './dto/common.dto';
import { ContactPageDto, ContactViewDto, CreateContactDto, ListContactsQueryDto, UpdateContactDto } from './dto/contact.dto';

/** C13: the company's contacts with email status and consent (no consent, no email); exactly one primary. */
@ApiTags('contacts')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('customers/:id/contacts')
export class ContactsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get()
  @ApiOperation({ summary: 'The customer’s contacts, primary first (tab); canEmail=true lists those that may be emailed' })
  @ApiOkResponse({ type: ContactPageDto })
  list(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: ListContactsQueryDto): Promise<Page<ContactView>> {
    return this.rpc.send(P.listContacts, caller, { id, query });
  }

  @Post()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Add a contact', description: 'The first contact is primary; `primary: true` makes a later one primary.' })
  @ApiCreatedResponse({ type: ContactViewDto })
  create(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Body() input: CreateContactDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<ContactView> {
    return this.rpc.send(P.createContact, caller, { id, input, idempotencyKey });
  }

  @Patch(':itemId')
  @ApiOperation({ summary: 'Change a contact (email status, consent, …)' })
  @ApiOkResponse({ type: ContactViewDto })
  update(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Param('itemId', ParseUuidPipe) itemId: string,
    @Body() input: UpdateContactDto,
  ): Promise<ContactView> {
    return this.rpc.send(P.updateContact, caller, { id, itemId, input });
  }

  @Post(':itemId/primary')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make this the primary contact (the old primary is un-marked)' })
  @ApiOkResponse({ type: ContactViewDto })
  makePrimary(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Param('itemId', ParseUuidPipe) itemId: string): Promise<ContactView> {
    return this.rpc.send(P.makeContactPrimary, caller, { id, itemId });
  }

  @Delete(':itemId')
  @ApiOperation({ summary: 'Delete a contact; deleting the primary makes the oldest other contact primary' })
  @ApiOkResponse({ type: DeletedDto })
  delete(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Param('itemId', ParseUuidPipe) itemId: string): Promise<Deleted> {
    return this.rpc.send(P.deleteContact, caller, { id, itemId });
  }
}
