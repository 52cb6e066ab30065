import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LoyaltyPatterns, type PurchaseView } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { PurchaseDto } from './dto/loyalty-views.dto';
import { RecordPurchaseDto, UpdatePurchaseDto } from './dto/purchase.dto';

/** L6: receipts and B2B orders; each keeps its customer's metrics current (L7). */
@ApiTags('purchases')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('purchases')
export class PurchasesController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post()
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Record a receipt or an order (L6)',
    description: 'Totals from the lines plus delivery; 404 customer_not_found, 409 purchase_exists (same kind and number), 422 currency_mismatch.',
  })
  @ApiCreatedResponse({ type: PurchaseDto })
  @ApiProblems(404, 409, 422)
  record(@Caller() caller: CallContext, @Body() input: RecordPurchaseDto, @IdempotencyKey() idempotencyKey?: string): Promise<PurchaseView> {
    return this.rpc.send(LoyaltyPatterns.recordPurchase, caller, { input, idempotencyKey });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Receipt or order detail: its attributes and its lines' })
  @ApiOkResponse({ type: PurchaseDto })
  @ApiProblems(404)
  get(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<PurchaseView> {
    return this.rpc.send(LoyaltyPatterns.getPurchase, caller, { id });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a purchase’s status (a receipt returned, an order shipped or cancelled)' })
  @ApiOkResponse({ type: PurchaseDto })
  @ApiProblems(404)
  update(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Body() input: UpdatePurchaseDto): Promise<PurchaseView> {
    return this.rpc.send(LoyaltyPatterns.updatePurchase, caller, { id, input });
  }
}
