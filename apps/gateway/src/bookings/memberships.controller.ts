import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BookingsPatterns, type MembershipPlanView, type MembershipView, type Page } from '@app/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { PageQueryDto } from '../http/page-query.dto';
import { PageOf } from '../http/page.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { CancelMembershipDto, CreateMembershipPlanDto, SubscribeDto } from './dto/booking-requests.dto';
import { MembershipPlanViewDto, MembershipViewDto } from './dto/booking-views.dto';

/** B8: membership plans and subscriptions; a subscriber is a member of the plan's group. */
@ApiTags('memberships')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller()
export class MembershipsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post('membership-plans')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Create a plan (price per week, month or year); its customer group is created with it' })
  @ApiCreatedResponse({ type: MembershipPlanViewDto })
  createPlan(@Caller() caller: CallContext, @Body() input: CreateMembershipPlanDto): Promise<MembershipPlanView> {
    return this.rpc.send(BookingsPatterns.createPlan, caller, { input });
  }

  @Get('membership-plans')
  @ApiOperation({ summary: 'Membership plans' })
  @ApiOkResponse({ type: PageOf(MembershipPlanViewDto) })
  listPlans(@Caller() caller: CallContext, @Query() query: PageQueryDto): Promise<Page<MembershipPlanView>> {
    return this.rpc.send(BookingsPatterns.listPlans, caller, { query });
  }

  @Post('memberships')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Subscribe a customer to a plan', description: 'The customer joins the plan’s group. 409 membership_already_active while one of the same plan is active or cancelling.' })
  @ApiCreatedResponse({ type: MembershipViewDto })
  @ApiProblems(404, 409)
  subscribe(@Caller() caller: CallContext, @Body() input: SubscribeDto, @IdempotencyKey() idempotencyKey?: string): Promise<MembershipView> {
    return this.rpc.send(BookingsPatterns.subscribe, caller, { input, idempotencyKey });
  }

  @Post('memberships/:membershipId/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a membership',
    description: 'end_of_period: the customer stays a member until the end of the paid period (endsAt); immediate: leaves the group at once. 409 membership_ended once ended.',
  })
  @ApiOkResponse({ type: MembershipViewDto })
  @ApiProblems(404, 409)
  cancel(@Caller() caller: CallContext, @Param('membershipId', ParseUuidPipe) id: string, @Body() body: CancelMembershipDto): Promise<MembershipView> {
    return this.rpc.send(BookingsPatterns.cancelMembership, caller, { id, mode: body.mode });
  }
}
