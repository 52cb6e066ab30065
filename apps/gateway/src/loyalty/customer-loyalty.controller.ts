import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  LoyaltyPatterns,
  type FeedbackPage,
  type LedgerEntryView,
  type LoyaltyCardView,
  type LoyaltySummary,
  type Page,
  type PurchaseListItem,
  type SalesYearView,
  type StoreView,
} from '@app/contracts';
import { PortalAccess } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import {
  FeedbackPageDto,
  LedgerEntryPageDto,
  LoyaltyCardPageDto,
  LoyaltySummaryDto,
  PurchasePageDto,
  SalesYearPageDto,
  StorePageDto,
} from './dto/loyalty-views.dto';
import { FeedbackQueryDto, LedgerQueryDto, PurchaseQueryDto, SalesSummaryQueryDto } from './dto/tab-queries.dto';

/** The customer profile's loyalty tabs (P2), one loyalty pattern each; a portal token sees its own. */
@ApiTags('customer loyalty')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('customers/:id')
export class CustomerLoyaltyController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get('loyalty-summary')
  @PortalAccess()
  @ApiOperation({ summary: 'Loyalty figures of the profile: card, visits, bonus, LTV, purchase metrics, RFM segment, average rating' })
  @ApiOkResponse({ type: LoyaltySummaryDto })
  summary(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string): Promise<LoyaltySummary> {
    return this.rpc.send(LoyaltyPatterns.summary, caller, { customerId });
  }

  @Get('loyalty-card')
  @PortalAccess()
  @ApiOperation({ summary: 'The customer’s loyalty cards, newest first, with figures and personal links (L1, L10)' })
  @ApiOkResponse({ type: LoyaltyCardPageDto })
  cards(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PageQueryDto): Promise<Page<LoyaltyCardView>> {
    return this.rpc.send(LoyaltyPatterns.listCards, caller, { customerId, query });
  }

  @Get('loyalty-ledger')
  @PortalAccess()
  @ApiOperation({ summary: 'Visits and bonus operations on the customer’s cards, newest first (L2, L3)' })
  @ApiOkResponse({ type: LedgerEntryPageDto })
  ledger(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: LedgerQueryDto): Promise<Page<LedgerEntryView>> {
    return this.rpc.send(LoyaltyPatterns.listLedger, caller, { customerId, query });
  }

  @Get('receipts')
  @PortalAccess()
  @ApiOperation({ summary: 'Receipts, newest first (L6); the detail with lines is GET /purchases/{id}' })
  @ApiOkResponse({ type: PurchasePageDto })
  receipts(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PurchaseQueryDto): Promise<Page<PurchaseListItem>> {
    return this.rpc.send(LoyaltyPatterns.listReceipts, caller, { customerId, query });
  }

  @Get('orders')
  @PortalAccess()
  @ApiOperation({ summary: 'B2B orders, newest first (L6)' })
  @ApiOkResponse({ type: PurchasePageDto })
  orders(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PurchaseQueryDto): Promise<Page<PurchaseListItem>> {
    return this.rpc.send(LoyaltyPatterns.listOrders, caller, { customerId, query });
  }

  @Get('sales-summary')
  @PortalAccess()
  @ApiOperation({ summary: 'Sales by year and status (active, booked, cancelled, shipped; completed, returned), newest year first (L7)' })
  @ApiOkResponse({ type: SalesYearPageDto })
  sales(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: SalesSummaryQueryDto): Promise<Page<SalesYearView>> {
    return this.rpc.send(LoyaltyPatterns.salesSummary, caller, { customerId, query });
  }

  @Get('stores')
  @PortalAccess()
  @ApiOperation({ summary: 'Favourite stores: where the customer bought most (L7)' })
  @ApiOkResponse({ type: StorePageDto })
  stores(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PageQueryDto): Promise<Page<StoreView>> {
    return this.rpc.send(LoyaltyPatterns.listStores, caller, { customerId, query });
  }

  @Get('feedback')
  @PortalAccess()
  @ApiOperation({ summary: 'Feedback, newest first, by day/week/month/year/custom period in the tenant’s time zone and "only with comments" (L8)' })
  @ApiOkResponse({ type: FeedbackPageDto })
  feedback(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: FeedbackQueryDto): Promise<FeedbackPage> {
    return this.rpc.send(LoyaltyPatterns.listFeedback, caller, { customerId, query });
  }
}
