import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BookingsPatterns,
  CustomersPatterns,
  type BookingSummary,
  type CustomerBookingView,
  type CustomerGroupMembershipView,
  type CustomerVoucherView,
  type KnownCustomerView,
  type LatestDetailsView,
  type Page,
  type PassView,
} from '@app/contracts';
import { PortalAccess } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { PageOf } from '../http/page.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { AssignGroupsDto, CustomerBookingsQueryDto, PassesQueryDto, VouchersQueryDto } from './dto/booking-requests.dto';
import {
  BookingSummaryDto,
  CustomerBookingViewDto,
  CustomerGroupMembershipViewDto,
  CustomerVoucherViewDto,
  KnownCustomerViewDto,
  LatestDetailsViewDto,
  PassViewDto,
} from './dto/booking-views.dto';

/** The bookings side of a customer's profile (B3-B6, C5, C6): summary and tabs. A portal token reads its own. */
@ApiTags('customer profile: bookings')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('customers/:id')
export class CustomerBookingsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get('booking-summary')
  @PortalAccess()
  @ApiOperation({ summary: 'B3: first seen, events booked and upcoming, next and last attendance, latest booking' })
  @ApiOkResponse({ type: BookingSummaryDto })
  summary(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string): Promise<BookingSummary> {
    return this.rpc.send(BookingsPatterns.customerSummary, caller, { customerId });
  }

  @Get('bookings')
  @PortalAccess()
  @ApiOperation({ summary: 'Bookings the customer made or attends, newest first' })
  @ApiOkResponse({ type: PageOf(CustomerBookingViewDto) })
  bookings(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: CustomerBookingsQueryDto): Promise<Page<CustomerBookingView>> {
    return this.rpc.send(BookingsPatterns.customerBookings, caller, { customerId, query });
  }

  @Get('passes')
  @PortalAccess()
  @ApiOperation({ summary: 'The customer’s passes (active, used up, expired), newest first' })
  @ApiOkResponse({ type: PageOf(PassViewDto) })
  passes(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PassesQueryDto): Promise<Page<PassView>> {
    return this.rpc.send(BookingsPatterns.customerPasses, caller, { customerId, query });
  }

  @Get('groups')
  @PortalAccess()
  @ApiOperation({ summary: 'The customer’s groups' })
  @ApiOkResponse({ type: PageOf(CustomerGroupMembershipViewDto) })
  groups(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: PageQueryDto): Promise<Page<CustomerGroupMembershipView>> {
    return this.rpc.send(BookingsPatterns.customerGroups, caller, { customerId, query });
  }

  @Post('groups')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign the customer to groups (manual groups; membership groups are joined by subscribing)' })
  @ApiOkResponse({ type: PageOf(CustomerGroupMembershipViewDto) })
  @ApiProblems(409)
  assignGroups(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Body() body: AssignGroupsDto): Promise<Page<CustomerGroupMembershipView>> {
    return this.rpc.send(BookingsPatterns.assignCustomerGroups, caller, { customerId, groupIds: body.groupIds });
  }

  @Get('vouchers')
  @PortalAccess()
  @ApiOperation({ summary: 'Vouchers the customer bought or redeemed; an empty list means none' })
  @ApiOkResponse({ type: PageOf(CustomerVoucherViewDto) })
  vouchers(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Query() query: VouchersQueryDto): Promise<Page<CustomerVoucherView>> {
    return this.rpc.send(BookingsPatterns.customerVouchers, caller, { customerId, query });
  }

  @Get('known-customers')
  @PortalAccess()
  @ApiOperation({ summary: 'C6: people this customer booked for, each with a link to their profile' })
  @ApiOkResponse({ type: PageOf(KnownCustomerViewDto) })
  knownCustomers(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: PageQueryDto): Promise<Page<KnownCustomerView>> {
    return this.rpc.send(CustomersPatterns.listKnownCustomers, caller, { id, query });
  }

  @Get('latest-details')
  @PortalAccess()
  @ApiOperation({ summary: 'C5: the details of the customer’s most recent booking, with the booking they came from (null before any)' })
  @ApiOkResponse({ type: LatestDetailsViewDto })
  latestDetails(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<LatestDetailsView | null> {
    return this.rpc.send(CustomersPatterns.getLatestDetails, caller, { id });
  }
}
