import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersB2BPatterns as P, type AppointmentView, type Deleted, type Page } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { AppointmentPageDto, AppointmentViewDto, CreateAppointmentDto, ListAppointmentsQueryDto, UpdateAppointmentDto } from './dto/appointment.dto';
import { DeletedDto } from './dto/common.dto';

/** C11: the customer's appointments of every year and season. */
@ApiTags('appointments')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('customers/:id/appointments')
export class AppointmentsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get()
  @ApiOperation({ summary: 'The customer’s appointments, latest start first (tab); filter by type, season, year' })
  @ApiOkResponse({ type: AppointmentPageDto })
  list(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: ListAppointmentsQueryDto): Promise<Page<AppointmentView>> {
    return this.rpc.send(P.listAppointments, caller, { id, query });
  }

  @Post()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Add an appointment' })
  @ApiCreatedResponse({ type: AppointmentViewDto })
  create(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Body() input: CreateAppointmentDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<AppointmentView> {
    return this.rpc.send(P.createAppointment, caller, { id, input, idempotencyKey });
  }

  @Patch(':itemId')
  @ApiOperation({ summary: 'Change an appointment' })
  @ApiOkResponse({ type: AppointmentViewDto })
  update(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Param('itemId', ParseUuidPipe) itemId: string,
    @Body() input: UpdateAppointmentDto,
  ): Promise<AppointmentView> {
    return this.rpc.send(P.updateAppointment, caller, { id, itemId, input });
  }

  @Delete(':itemId')
  @ApiOperation({ summary: 'Delete an appointment' })
  @ApiOkResponse({ type: DeletedDto })
  delete(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Param('itemId', ParseUuidPipe) itemId: string): Promise<Deleted> {
    return this.rpc.send(P.deleteAppointment, caller, { id, itemId });
  }
}
