import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BookingsPatterns, type Page, type ScheduleEntryView } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { PageOf } from '../http/page.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { CreateScheduleEntryDto, ListScheduleEntriesQueryDto } from './dto/booking-requests.dto';
import { ScheduleEntryViewDto } from './dto/booking-views.dto';

/** B1: schedule entries with tickets (exclusive ones tied to a customer group) and a booking form. */
@ApiTags('schedule')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('schedule-entries')
export class ScheduleEntriesController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post()
  @ApiOperation({ summary: 'Create a schedule entry with its tickets and booking form' })
  @ApiCreatedResponse({ type: ScheduleEntryViewDto })
  create(@Caller() caller: CallContext, @Body() input: CreateScheduleEntryDto): Promise<ScheduleEntryView> {
    return this.rpc.send(BookingsPatterns.createScheduleEntry, caller, { input });
  }

  @Get()
  @ApiOperation({ summary: 'Schedule entries by start time' })
  @ApiOkResponse({ type: PageOf(ScheduleEntryViewDto) })
  list(@Caller() caller: CallContext, @Query() query: ListScheduleEntriesQueryDto): Promise<Page<ScheduleEntryView>> {
    return this.rpc.send(BookingsPatterns.listScheduleEntries, caller, { query });
  }

  @Get(':entryId')
  @ApiOperation({ summary: 'One schedule entry with places booked and left' })
  @ApiOkResponse({ type: ScheduleEntryViewDto })
  @ApiProblems(404)
  get(@Caller() caller: CallContext, @Param('entryId', ParseUuidPipe) id: string): Promise<ScheduleEntryView> {
    return this.rpc.send(BookingsPatterns.getScheduleEntry, caller, { id });
  }
}
