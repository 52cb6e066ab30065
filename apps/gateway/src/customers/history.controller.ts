import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CustomersPatterns, type Page } from '@app/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { PageOf } from '../http/page.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { IsOptionalNotNull } from '../http/validation.decorators';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';

const CATEGORIES = [
  'profile', 'consent', 'tag', 'note', 'task', 'appointment', 'account', 'booking', 'membership', 'group', 'pass',
  'voucher', 'loyalty', 'purchase', 'feedback', 'mailing', 'promo_code', 'poll', 'subscription', 'web', 'segment',
];

export class HistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptionalNotNull() @IsIn(CATEGORIES) category?: string;
}

export class HistoryEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ example: 'bookings.booking.created', description: 'The event the entry came from' }) type: string;
  @ApiProperty({ example: 'Booked Morning yoga' }) name: string;
  @ApiProperty({ example: '2 attendees on 2025-06-01, total 30.00 EUR' }) description: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { type: 'user', id: 'u-42', role: 'staff' }, description: 'Who did it' }) actor: object;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids to link the entry (bookingId, purchaseId, …)' }) data: object;
}

export class CustomerDeletionDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) requestedBy: object;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', nullable: true }, example: { customers: '2025-05-01T10:00:00Z', bookings: '2025-05-01T10:00:01Z', loyalty: null, marketing: null } })
  erased: Record<string, string | null>;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When every service had confirmed its erasure' }) completedAt: string | null;
}

/** C16 history timeline and the C18 deletion audit. */
@ApiTags('customer profile: history')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('customers/:id')
export class HistoryController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get('history')
  @ApiOperation({
    summary: 'C16: everything that happened to the customer, from every service, newest first',
    description: 'Built from events as they arrive (a projection), so one page is one indexed read. Staff only: it shows internal notes and who did what.',
  })
  @ApiOkResponse({ type: PageOf(HistoryEntryDto) })
  history(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: HistoryQueryDto): Promise<Page<unknown>> {
    return this.rpc.send(CustomersPatterns.listHistory, caller, { id, query });
  }

  @Get('deletion')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'C18: the audit of the customer’s deletion: who asked, when, and when each service erased its part (no personal data)' })
  @ApiOkResponse({ type: CustomerDeletionDto })
  deletion(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<CustomerDeletionDto> {
    return this.rpc.send(CustomersPatterns.getDeletion, caller, { id });
  }
}
