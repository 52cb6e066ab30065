import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BookingsPatterns, type AddMembersResult, type CustomerGroupView, type GroupMemberView, type OfferView, type Page } from '@app/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { PageOf } from '../http/page.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { AddMembersDto, CreateGroupDto, CreateOfferDto } from './dto/booking-requests.dto';
import { AddMembersResultDto, CustomerGroupViewDto, GroupMemberViewDto, OfferViewDto } from './dto/booking-views.dto';

/** B6, B7: customer groups, their members, and the offers that let members book exclusive tickets. */
@ApiTags('customer groups')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('customer-groups')
export class CustomerGroupsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Create a customer group by hand (membership plans create their own)' })
  @ApiCreatedResponse({ type: CustomerGroupViewDto })
  create(@Caller() caller: CallContext, @Body() input: CreateGroupDto): Promise<CustomerGroupView> {
    return this.rpc.send(BookingsPatterns.createGroup, caller, { input });
  }

  @Get()
  @ApiOperation({ summary: 'Customer groups, oldest first' })
  @ApiOkResponse({ type: PageOf(CustomerGroupViewDto) })
  list(@Caller() caller: CallContext, @Query() query: PageQueryDto): Promise<Page<CustomerGroupView>> {
    return this.rpc.send(BookingsPatterns.listGroups, caller, { query });
  }

  @Get(':groupId')
  @ApiOperation({ summary: 'One customer group with its member counts' })
  @ApiOkResponse({ type: CustomerGroupViewDto })
  @ApiProblems(404)
  get(@Caller() caller: CallContext, @Param('groupId', ParseUuidPipe) id: string): Promise<CustomerGroupView> {
    return this.rpc.send(BookingsPatterns.getGroup, caller, { id });
  }

  @Post(':groupId/members')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add customers by email',
    description: 'A known customer joins at once; an unknown email is kept (outcome "pending") and becomes a member when a customer with it appears. 409 membership_group_managed for a membership group.',
  })
  @ApiOkResponse({ type: AddMembersResultDto })
  @ApiProblems(404, 409)
  addMembers(@Caller() caller: CallContext, @Param('groupId', ParseUuidPipe) id: string, @Body() body: AddMembersDto): Promise<AddMembersResult> {
    return this.rpc.send(BookingsPatterns.addGroupMembers, caller, { id, emails: body.emails });
  }

  @Get(':groupId/members')
  @ApiOperation({ summary: 'Members and pending emails of a group' })
  @ApiOkResponse({ type: PageOf(GroupMemberViewDto) })
  @ApiProblems(404)
  members(@Caller() caller: CallContext, @Param('groupId', ParseUuidPipe) id: string, @Query() query: PageQueryDto): Promise<Page<GroupMemberView>> {
    return this.rpc.send(BookingsPatterns.listGroupMembers, caller, { id, query });
  }

  @Delete(':groupId/members/:customerId')
  @ApiOperation({ summary: 'Remove a customer from a group', description: 'A member through a membership is removed only by cancelling it: 409 membership_group_member with the membership id.' })
  @ApiOkResponse({ schema: { properties: { removed: { type: 'boolean' } } } })
  @ApiProblems(404, 409)
  removeMember(
    @Caller() caller: CallContext,
    @Param('groupId', ParseUuidPipe) id: string,
    @Param('customerId', ParseUuidPipe) customerId: string,
  ): Promise<{ removed: true }> {
    return this.rpc.send(BookingsPatterns.removeGroupMember, caller, { id, customerId });
  }

  @Post(':groupId/offers')
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Create an offer of the group (B7)',
    description:
      'Who may use it (personal use only, or the member plus up to N), how many exclusive tickets (N once, or N per day/week/month/year in the tenant’s time zone, counted by the booked entry’s start; none: unlimited), and which tickets (all exclusive tickets of the group on a schedule entry, or selected ones). To change an offer, delete it and create a new one.',
  })
  @ApiCreatedResponse({ type: OfferViewDto })
  @ApiProblems(404)
  createOffer(@Caller() caller: CallContext, @Param('groupId', ParseUuidPipe) id: string, @Body() input: CreateOfferDto): Promise<OfferView> {
    return this.rpc.send(BookingsPatterns.createOffer, caller, { id, input });
  }

  @Get(':groupId/offers')
  @ApiOperation({ summary: 'The group’s offers, oldest first (the first that allows a booking is used)' })
  @ApiOkResponse({ type: [OfferViewDto] })
  @ApiProblems(404)
  offers(@Caller() caller: CallContext, @Param('groupId', ParseUuidPipe) id: string): Promise<OfferView[]> {
    return this.rpc.send(BookingsPatterns.listOffers, caller, { id });
  }

  @Delete(':groupId/offers/:offerId')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Delete an offer (past uses keep counting against it)' })
  @ApiOkResponse({ schema: { properties: { deleted: { type: 'boolean' } } } })
  @ApiProblems(404)
  deleteOffer(@Caller() caller: CallContext, @Param('groupId', ParseUuidPipe) id: string, @Param('offerId', ParseUuidPipe) offerId: string): Promise<{ deleted: true }> {
    return this.rpc.send(BookingsPatterns.deleteOffer, caller, { id, offerId });
  }
}
