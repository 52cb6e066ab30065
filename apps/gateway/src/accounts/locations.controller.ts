import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersB2BPatterns as P, type Deleted, type LocationView, type Page } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { PageQueryDto } from '../http/page-query.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { DeletedDto } from './dto/common.dto';
import { CreateLocationDto, LocationPageDto, LocationViewDto, UpdateLocationDto } from './dto/location.dto';

/** C12: the account's locations; exactly one is primary when there are any. */
@ApiTags('locations')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('customers/:id/locations')
export class LocationsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get()
  @ApiOperation({ summary: 'The customer’s locations, primary first (tab)' })
  @ApiOkResponse({ type: LocationPageDto })
  list(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: PageQueryDto): Promise<Page<LocationView>> {
    return this.rpc.send(P.listLocations, caller, { id, query });
  }

  @Post()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Add a location', description: 'The first location is primary; `primary: true` makes a later one primary and un-marks the old one.' })
  @ApiCreatedResponse({ type: LocationViewDto })
  create(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Body() input: CreateLocationDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<LocationView> {
    return this.rpc.send(P.createLocation, caller, { id, input, idempotencyKey });
  }

  @Patch(':itemId')
  @ApiOperation({ summary: 'Change a location’s name or address (the primary flag moves with POST …/primary)' })
  @ApiOkResponse({ type: LocationViewDto })
  update(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Param('itemId', ParseUuidPipe) itemId: string,
    @Body() input: UpdateLocationDto,
  ): Promise<LocationView> {
    return this.rpc.send(P.updateLocation, caller, { id, itemId, input });
  }

  @Post(':itemId/primary')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make this the primary location (the old primary is un-marked)' })
  @ApiOkResponse({ type: LocationViewDto })
  makePrimary(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Param('itemId', ParseUuidPipe) itemId: string): Promise<LocationView> {
    return this.rpc.send(P.makeLocationPrimary, caller, { id, itemId });
  }

  @Delete(':itemId')
  @ApiOperation({ summary: 'Delete a location; deleting the primary makes the oldest other location primary' })
  @ApiOkResponse({ type: DeletedDto })
  delete(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Param('itemId', ParseUuidPipe) itemId: string): Promise<Deleted> {
    return this.rpc.send(P.deleteLocation, caller, { id, itemId });
  }
}
