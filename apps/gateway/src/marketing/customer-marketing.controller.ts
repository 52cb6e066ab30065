import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MarketingPatterns,
  type AbandonedCartItemView,
  type CustomerMailingView,
  type CustomerPollView,
  type CustomerPromoCodeView,
  type CustomerSegmentView,
  type InterestView,
  type Page,
  type PushMessageView,
  type WebActivityView,
} from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { ActivityQueryDto } from './dto/marketing-inputs.dto';
import {
  CartItemPageDto,
  CustomerMailingPageDto,
  CustomerPollPageDto,
  CustomerPromoCodePageDto,
  CustomerSegmentPageDto,
  InterestPageDto,
  PushMessagePageDto,
  WebActivityPageDto,
} from './dto/marketing-views.dto';

/** The marketing tabs of the customer profile (P2): each one NATS pattern, cursor-paginated. */
@ApiTags('customer profile: marketing')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('customers/:id')
export class CustomerMarketingController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get('mailings')
  @ApiOperation({ summary: 'Every mailing the customer was in, newest first; controlGroup marks the control group' })
  @ApiOkResponse({ type: CustomerMailingPageDto })
  mailings(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PageQueryDto): Promise<Page<CustomerMailingView>> {
    return this.rpc.send(MarketingPatterns.customerMailings, caller, { customerId, query });
  }

  @Get('push-messages')
  @ApiOperation({ summary: 'Personal push messages sent to the customer, newest first' })
  @ApiOkResponse({ type: PushMessagePageDto })
  pushMessages(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PageQueryDto): Promise<Page<PushMessageView>> {
    return this.rpc.send(MarketingPatterns.customerPushMessages, caller, { customerId, query });
  }

  @Get('promo-codes')
  @ApiOperation({ summary: 'Promo codes issued to the customer with the mailing or campaign that issued them, re-issued flag and redemption' })
  @ApiOkResponse({ type: CustomerPromoCodePageDto })
  promoCodes(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PageQueryDto): Promise<Page<CustomerPromoCodeView>> {
    return this.rpc.send(MarketingPatterns.customerPromoCodes, caller, { customerId, query });
  }

  @Get('polls')
  @ApiOperation({ summary: 'Polls the customer took, with the answers' })
  @ApiOkResponse({ type: CustomerPollPageDto })
  polls(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PageQueryDto): Promise<Page<CustomerPollView>> {
    return this.rpc.send(MarketingPatterns.customerPolls, caller, { customerId, query });
  }

  @Get('interests')
  @ApiOperation({ summary: 'Top 10 categories of interest (views within the tenant’s interestWindowDays, not satisfied by a purchase since)' })
  @ApiOkResponse({ type: InterestPageDto })
  interests(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string): Promise<Page<InterestView>> {
    return this.rpc.send(MarketingPatterns.customerInterests, caller, { customerId });
  }

  @Get('abandoned-cart')
  @ApiOperation({ summary: 'Products added to the cart and not bought: name, price, when added' })
  @ApiOkResponse({ type: CartItemPageDto })
  abandonedCart(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PageQueryDto): Promise<Page<AbandonedCartItemView>> {
    return this.rpc.send(MarketingPatterns.customerCart, caller, { customerId, query });
  }

  @Get('web-activity')
  @ApiOperation({ summary: 'Web activity (visits, views, cart) and orders, newest first; `type` filters' })
  @ApiOkResponse({ type: WebActivityPageDto })
  webActivity(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: ActivityQueryDto): Promise<Page<WebActivityView>> {
    return this.rpc.send(MarketingPatterns.customerActivity, caller, { customerId, query });
  }

  @Get('segments')
  @ApiOperation({ summary: 'The segments the customer is in, by name' })
  @ApiOkResponse({ type: CustomerSegmentPageDto })
  segments(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PageQueryDto): Promise<Page<CustomerSegmentView>> {
    return this.rpc.send(MarketingPatterns.customerSegments, caller, { customerId, query });
  }
}
