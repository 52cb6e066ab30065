import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersPatterns, type ConsentView, type Page } from '@app/contracts';
import { PortalAccess } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { ConsentPageDto, ConsentViewDto } from './dto/consent-view.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { SetConsentDto } from './dto/set-consent.dto';

/** C7: consents per field with their full history; the customer may manage their own. */
@ApiTags('consents')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('customers/:id/consents')
export class ConsentsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get()
  @PortalAccess()
  @ApiOperation({ summary: 'The customer’s consents: current status and history of each' })
  @ApiOkResponse({ type: ConsentPageDto })
  list(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: PageQueryDto): Promise<Page<ConsentView>> {
    return this.rpc.send(CustomersPatterns.listConsents, caller, { id, query });
  }

  @Post()
  @HttpCode(200)
  @PortalAccess()
  @ApiOperation({
    summary: 'Record a consent change (given, revoked or not captured)',
    description: 'Appends to the history; the current status is the latest change. POST, not PUT: each call is a new history entry.',
  })
  @ApiOkResponse({ type: ConsentViewDto })
  set(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Body() input: SetConsentDto): Promise<ConsentView> {
    return this.rpc.send(CustomersPatterns.setConsent, caller, { id, input });
  }
}
