import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersPatterns, type CustomerView, type Page } from '@app/contracts';
import { canSeeCustomer, customerNotFound } from '../auth/access-rules';
import { PortalAccess, Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ParseEmailPipe, ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { CustomerDeletion } from './customer-deletion.service';
import { CreateCustomerDto } from './dto/create-customer.dto';
import { CustomerDeletedDto, CustomerPageDto, CustomerViewDto } from './dto/customer-view.dto';
import { ListCustomersQueryDto } from './dto/list-customers-query.dto';
import { SetEmailStatusDto } from './dto/set-email-status.dto';
import { UpdateCustomerDto } from './dto/update-customer.dto';

@ApiTags('customers')
@ApiBearerAuth()
@ApiProblems(401, 403, 429, 503)
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly rpc: RpcGateway,
    private readonly deletion: CustomerDeletion,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a customer (C1)', description: 'Phone type and validity are detected; emails are unique per tenant.' })
  @ApiCreatedResponse({ type: CustomerViewDto })
  @ApiProblems(400, 409)
  create(@Caller() caller: CallContext, @Body() input: CreateCustomerDto): Promise<CustomerView> {
    return this.rpc.send(CustomersPatterns.create, caller, { input });
  }

  @Get()
  @ApiOperation({ summary: 'Search and list customers (C17)', description: 'Cursor-paginated; `q` searches name, email and phone; filters `tag`, `groupId` (customer group), `segmentId` (marketing segment), `hasUpcomingBooking` and the first-seen range.' })
  @ApiOkResponse({ type: CustomerPageDto })
  @ApiProblems(400, 422)
  list(@Caller() caller: CallContext, @Query() query: ListCustomersQueryDto): Promise<Page<CustomerView>> {
    return this.rpc.send(CustomersPatterns.list, caller, { query });
  }

  @Get('by-email/:email')
  @PortalAccess()
  @ApiOperation({ summary: 'Find a customer by any of their emails (case-insensitive)' })
  @ApiOkResponse({ type: CustomerViewDto })
  @ApiProblems(400, 404)
  async getByEmail(@Caller() caller: CallContext, @Param('email', ParseEmailPipe) email: string): Promise<CustomerView> {
    const customer = await this.rpc.send<CustomerView>(CustomersPatterns.getByEmail, caller, { email });
    if (!canSeeCustomer(caller.auth, customer.id)) throw customerNotFound();
    return customer;
  }

  @Get(':id')
  @PortalAccess()
  @ApiOperation({ summary: 'Get one customer' })
  @ApiOkResponse({ type: CustomerViewDto })
  @ApiProblems(400, 404)
  get(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<CustomerView> {
    return this.rpc.send(CustomersPatterns.get, caller, { id });
  }

  @Patch(':id')
  @PortalAccess()
  @ApiOperation({
    summary: 'Change customer fields',
    description: 'Rule C3: staff may change the email only while it is flagged invalid (else 409 email_change_not_allowed); the customer changes their own email with a portal token.',
  })
  @ApiOkResponse({ type: CustomerViewDto })
  @ApiProblems(400, 404, 409)
  update(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Body() input: UpdateCustomerDto): Promise<CustomerView> {
    return this.rpc.send(CustomersPatterns.update, caller, { id, input });
  }

  @Delete(':id')
  @HttpCode(202)
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Erase a customer everywhere (C18)',
    description: 'Owner or admin. Refused with 409 active_loyalty_card while a loyalty card is not deleted (L9); 503 and nothing deleted when loyalty does not answer. Other services erase their data from the customer.deleted event.',
  })
  @ApiAcceptedResponse({ type: CustomerDeletedDto })
  @ApiProblems(400, 404, 409)
  delete(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<CustomerDeletedDto> {
    return this.deletion.delete(caller, id);
  }

  @Post(':id/emails/:address/status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of the customer’s emails valid, invalid, unverified or bounced (C2)' })
  @ApiOkResponse({ type: CustomerViewDto })
  @ApiProblems(400, 404)
  setEmailStatus(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Param('address', ParseEmailPipe) address: string,
    @Body() body: SetEmailStatusDto,
  ): Promise<CustomerView> {
    return this.rpc.send(CustomersPatterns.setEmailStatus, caller, { id, address, status: body.status });
  }
}
