import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MarketingPatterns, type Page, type SubscriptionCategoryView, type SubscriptionView } from '@app/contracts';
import { PortalAccess, Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { ListBodyPipe } from './body.pipes';
import { PutCategoryDto, SubscriptionChangeDto } from './dto/marketing-inputs.dto';
import { SubscriptionCategoryViewDto, SubscriptionPageDto, SubscriptionViewDto } from './dto/marketing-views.dto';

/** M1: subscription categories, and each customer's subscriptions per channel and category. */
@ApiTags('subscriptions')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller()
export class SubscriptionsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get('subscription-categories')
  @ApiOperation({ summary: 'Subscription categories, active and inactive' })
  @ApiOkResponse({ type: [SubscriptionCategoryViewDto] })
  listCategories(@Caller() caller: CallContext): Promise<SubscriptionCategoryView[]> {
    return this.rpc.send(MarketingPatterns.listCategories, caller);
  }

  @Put('subscription-categories/:key')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Create or change a subscription category', description: 'Owner or admin. Key: lower-case letters, digits, _ or -. Inactive categories are hidden from profiles and refuse subscriptions and mailings.' })
  @ApiOkResponse({ type: SubscriptionCategoryViewDto })
  putCategory(@Caller() caller: CallContext, @Param('key') key: string, @Body() input: PutCategoryDto): Promise<SubscriptionCategoryView> {
    return this.rpc.send(MarketingPatterns.putCategory, caller, { key, input });
  }

  @Put('customers/:id/subscriptions')
  @PortalAccess()
  @ApiOperation({
    summary: 'Subscribe or unsubscribe a customer per channel and category (M1)',
    description:
      'Body: `[{ channel, category, subscribed }]` (1-100). The customer may change their own through the portal. Categories must exist and be active (422 subscription_category_not_found / subscription_category_inactive). Answers the changed subscriptions with eligibility (subscribed and reachable: a valid email, a mobile for SMS, an installed card for push).',
  })
  @ApiBody({ type: [SubscriptionChangeDto] })
  @ApiOkResponse({ type: [SubscriptionViewDto] })
  @ApiProblems(404, 422)
  set(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Body(new ListBodyPipe(100)) changes: unknown[]): Promise<SubscriptionView[]> {
    return this.rpc.send(MarketingPatterns.setSubscriptions, caller, { customerId, changes });
  }

  @Get('customers/:id/subscriptions')
  @PortalAccess()
  @ApiOperation({ summary: 'The customer’s subscriptions: every active category on every channel, with eligibility' })
  @ApiOkResponse({ type: SubscriptionPageDto })
  @ApiProblems(404)
  list(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PageQueryDto): Promise<Page<SubscriptionView>> {
    return this.rpc.send(MarketingPatterns.customerSubscriptions, caller, { customerId, query });
  }
}
