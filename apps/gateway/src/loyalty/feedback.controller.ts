import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LoyaltyPatterns, type FeedbackView } from '@app/contracts';
import { canSeeCustomer, customerNotFound } from '../auth/access-rules';
import { PortalAccess } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { CreateFeedbackDto } from './dto/feedback.dto';
import { FeedbackDto } from './dto/loyalty-views.dto';

/** L8: feedback ratings; a customer may rate with their own portal token. */
@ApiTags('loyalty')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('feedback')
export class FeedbackController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post()
  @PortalAccess()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Record a rating 1-5 with an optional comment (L8)' })
  @ApiCreatedResponse({ type: FeedbackDto })
  create(@Caller() caller: CallContext, @Body() input: CreateFeedbackDto, @IdempotencyKey() idempotencyKey?: string): Promise<FeedbackView> {
    if (!canSeeCustomer(caller.auth, input.customerId)) throw customerNotFound();
    return this.rpc.send(LoyaltyPatterns.createFeedback, caller, { input, idempotencyKey });
  }
}
