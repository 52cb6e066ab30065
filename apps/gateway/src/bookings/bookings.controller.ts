import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BookingsPatterns, type BookingView } from '@app/contracts';
import { PortalAccess } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { CreateBookingDto, RecordAttendanceDto } from './dto/booking-requests.dto';
import { BookingViewDto } from './dto/booking-views.dto';

/** B2: bookings by a lead booker for attendees; cancellation; attendance. */
@ApiTags('bookings')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('bookings')
export class BookingsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post()
  @PortalAccess()
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Book tickets of a schedule entry for one or more attendees',
    description:
      'Staff bookings are "admin" bookings: consent fields left out are recorded as not captured. With a portal token the customer books as themselves ' +
      '(the lead booker’s email must be theirs) and answers every consent field. Refusals, each with nothing written: 409 schedule_entry_full, ' +
      'voucher_already_redeemed; 422 schedule_entry_ended, ticket_not_found, exclusive_ticket_not_member, offer_not_available, offer_disabled, ' +
      'offer_personal_use_only, offer_too_many_attendees, offer_use_limit_reached, pass_not_found, pass_not_owned, pass_expired, pass_used_up, ' +
      'voucher_not_found, voucher_expired; 400 for form answers.',
  })
  @ApiCreatedResponse({ type: BookingViewDto })
  @ApiProblems(409, 422)
  create(@Caller() caller: CallContext, @Body() input: CreateBookingDto, @IdempotencyKey() idempotencyKey?: string): Promise<BookingView> {
    return this.rpc.send(BookingsPatterns.createBooking, caller, { input, idempotencyKey });
  }

  @Get(':bookingId')
  @PortalAccess()
  @ApiOperation({ summary: 'One booking (a portal token sees only bookings it is on)' })
  @ApiOkResponse({ type: BookingViewDto })
  @ApiProblems(404)
  get(@Caller() caller: CallContext, @Param('bookingId', ParseUuidPipe) id: string): Promise<BookingView> {
    return this.rpc.send(BookingsPatterns.getBooking, caller, { id });
  }

  @Post(':bookingId/cancel')
  @HttpCode(200)
  @PortalAccess()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Cancel a booking', description: 'Places, group offer uses and pass uses are given back; a redeemed voucher stays redeemed. 409 booking_cancelled the second time.' })
  @ApiOkResponse({ type: BookingViewDto })
  @ApiProblems(404, 409)
  cancel(@Caller() caller: CallContext, @Param('bookingId', ParseUuidPipe) id: string, @IdempotencyKey() idempotencyKey?: string): Promise<BookingView> {
    return this.rpc.send(BookingsPatterns.cancelBooking, caller, { id, idempotencyKey });
  }

  @Post(':bookingId/attendance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record which attendees attended' })
  @ApiOkResponse({ type: BookingViewDto })
  @ApiProblems(404, 409, 422)
  attendance(@Caller() caller: CallContext, @Param('bookingId', ParseUuidPipe) id: string, @Body() input: RecordAttendanceDto): Promise<BookingView> {
    return this.rpc.send(BookingsPatterns.recordAttendance, caller, { id, input });
  }
}
