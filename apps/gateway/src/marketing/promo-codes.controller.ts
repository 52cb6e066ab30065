import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MarketingPatterns, type CustomerPromoCodeView, type Page, type PromoCodePoolView, type PromoCodeView } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { PageQueryDto } from '../http/page-query.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { AddPromoCodesDto, CreatePromoCodePoolDto, IssuePromoCodeDto, RedeemPromoCodeDto } from './dto/marketing-inputs.dto';
import { CustomerPromoCodeDto, PromoCodePoolPageDto, PromoCodePoolViewDto, PromoCodeViewDto } from './dto/marketing-views.dto';

/** M4: pools of imported or generated promo codes, issued to customers and redeemed once. */
@ApiTags('promo codes')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller()
export class PromoCodesController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post('promo-code-pools')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Create a pool with imported codes, generated codes, or both', description: '409 promo_code_exists when an imported code exists in the tenant.' })
  @ApiCreatedResponse({ type: PromoCodePoolViewDto })
  @ApiProblems(409)
  create(@Caller() caller: CallContext, @Body() input: CreatePromoCodePoolDto, @IdempotencyKey() idempotencyKey?: string): Promise<PromoCodePoolView> {
    return this.rpc.send(MarketingPatterns.createPool, caller, { input, idempotencyKey });
  }

  @Get('promo-code-pools')
  @ApiOperation({ summary: 'Pools with their counts' })
  @ApiOkResponse({ type: PromoCodePoolPageDto })
  list(@Caller() caller: CallContext, @Query() query: PageQueryDto): Promise<Page<PromoCodePoolView>> {
    return this.rpc.send(MarketingPatterns.listPools, caller, { query });
  }

  @Get('promo-code-pools/:id')
  @ApiOperation({ summary: 'One pool: total, issued, redeemed, available' })
  @ApiOkResponse({ type: PromoCodePoolViewDto })
  @ApiProblems(404)
  get(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<PromoCodePoolView> {
    return this.rpc.send(MarketingPatterns.getPool, caller, { id });
  }

  @Post('promo-code-pools/:id/codes')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Add imported or generated codes to a pool' })
  @ApiOkResponse({ type: PromoCodePoolViewDto })
  @ApiProblems(404, 409)
  addCodes(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Body() input: AddPromoCodesDto, @IdempotencyKey() idempotencyKey?: string): Promise<PromoCodePoolView> {
    return this.rpc.send(MarketingPatterns.addCodes, caller, { id, input, idempotencyKey });
  }

  @Post('promo-code-pools/:id/issue')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Issue a code of the pool to a customer for a campaign',
    description: 'A customer who still holds an unredeemed code of the pool is given it again (reissued: true). 422 promo_codes_exhausted when none is free.',
  })
  @ApiOkResponse({ type: CustomerPromoCodeDto })
  @ApiProblems(404, 422)
  issue(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Body() input: IssuePromoCodeDto, @IdempotencyKey() idempotencyKey?: string): Promise<CustomerPromoCodeView> {
    return this.rpc.send(MarketingPatterns.issueCode, caller, { id, input, idempotencyKey });
  }

  @Post('promo-codes/:code/redeem')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Redeem a code (once)',
    description: 'Case-insensitive. 409 promo_code_already_redeemed; 422 promo_code_not_issued, promo_code_other_customer (when customerId is given and differs); 404 promo_code_not_found.',
  })
  @ApiOkResponse({ type: PromoCodeViewDto })
  @ApiProblems(404, 409, 422)
  redeem(@Caller() caller: CallContext, @Param('code') code: string, @Body() input: RedeemPromoCodeDto, @IdempotencyKey() idempotencyKey?: string): Promise<PromoCodeView> {
    return this.rpc.send(MarketingPatterns.redeemCode, caller, { code, input, idempotencyKey });
  }
}
