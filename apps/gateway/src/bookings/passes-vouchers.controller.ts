import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BookingsPatterns, type Page, type PassProductView, type PassView, type VoucherView } from '@app/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { PageQueryDto } from '../http/page-query.dto';
import { PageOf } from '../http/page.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { AdjustPassDto, CreatePassProductDto, RedeemVoucherDto, SellPassDto, SellVoucherDto } from './dto/booking-requests.dto';
import { PassProductViewDto, PassViewDto, VoucherViewDto } from './dto/booking-views.dto';

/** B4 passes and B5 vouchers. */
@ApiTags('passes and vouchers')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller()
export class PassesVouchersController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post('pass-products')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Create a pass product (uses, validity in days, price)' })
  @ApiCreatedResponse({ type: PassProductViewDto })
  createProduct(@Caller() caller: CallContext, @Body() input: CreatePassProductDto): Promise<PassProductView> {
    return this.rpc.send(BookingsPatterns.createPassProduct, caller, { input });
  }

  @Get('pass-products')
  @ApiOperation({ summary: 'Pass products' })
  @ApiOkResponse({ type: PageOf(PassProductViewDto) })
  listProducts(@Caller() caller: CallContext, @Query() query: PageQueryDto): Promise<Page<PassProductView>> {
    return this.rpc.send(BookingsPatterns.listPassProducts, caller, { query });
  }

  @Post('passes')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Sell a pass to a customer', description: 'It expires validityDays calendar days after purchase (in the tenant’s time zone), if the product says so.' })
  @ApiCreatedResponse({ type: PassViewDto })
  @ApiProblems(404)
  sellPass(@Caller() caller: CallContext, @Body() input: SellPassDto, @IdempotencyKey() idempotencyKey?: string): Promise<PassView> {
    return this.rpc.send(BookingsPatterns.sellPass, caller, { input, idempotencyKey });
  }

  @Get('passes/:passId')
  @ApiOperation({ summary: 'One pass with its status and adjustments' })
  @ApiOkResponse({ type: PassViewDto })
  @ApiProblems(404)
  getPass(@Caller() caller: CallContext, @Param('passId', ParseUuidPipe) id: string): Promise<PassView> {
    return this.rpc.send(BookingsPatterns.getPass, caller, { id });
  }

  @Patch('passes/:passId')
  @ApiOperation({ summary: 'Adjust a pass: uses remaining and/or expiry; recorded with who, when and why' })
  @ApiOkResponse({ type: PassViewDto })
  @ApiProblems(404)
  adjustPass(@Caller() caller: CallContext, @Param('passId', ParseUuidPipe) id: string, @Body() input: AdjustPassDto): Promise<PassView> {
    return this.rpc.send(BookingsPatterns.adjustPass, caller, { id, input });
  }

  @Post('vouchers')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Sell a voucher (a code is generated unless given); 409 voucher_exists for a taken code' })
  @ApiCreatedResponse({ type: VoucherViewDto })
  @ApiProblems(404, 409)
  sellVoucher(@Caller() caller: CallContext, @Body() input: SellVoucherDto, @IdempotencyKey() idempotencyKey?: string): Promise<VoucherView> {
    return this.rpc.send(BookingsPatterns.sellVoucher, caller, { input, idempotencyKey });
  }

  @Post('vouchers/:code/redeem')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Redeem a voucher once', description: '404 voucher_not_found; 409 voucher_already_redeemed the second time; 422 voucher_expired.' })
  @ApiOkResponse({ type: VoucherViewDto })
  @ApiProblems(404, 409, 422)
  redeem(@Caller() caller: CallContext, @Param('code') code: string, @Body() input: RedeemVoucherDto, @IdempotencyKey() idempotencyKey?: string): Promise<VoucherView> {
    return this.rpc.send(BookingsPatterns.redeemVoucher, caller, { code, input, idempotencyKey });
  }
}
