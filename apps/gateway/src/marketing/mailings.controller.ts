import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MarketingPatterns, type MailingRecipientView, type MailingView, type Page, type PushMessageView } from '@app/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { PageQueryDto } from '../http/page-query.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { CreateMailingDto, RecipientsQueryDto, SendPushDto } from './dto/marketing-inputs.dto';
import { MailingPageDto, MailingRecipientPageDto, MailingViewDto, PushMessageDto } from './dto/marketing-views.dto';

/** M2: mass and campaign mailings to a segment; M3: a personal push to one customer. */
@ApiTags('mailings')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller()
export class MailingsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post('mailings')
  @ApiOperation({ summary: 'Create a mailing (draft) to a segment, on a channel and subscription category' })
  @ApiCreatedResponse({ type: MailingViewDto })
  @ApiProblems(422)
  create(@Caller() caller: CallContext, @Body() input: CreateMailingDto): Promise<MailingView> {
    return this.rpc.send(MarketingPatterns.createMailing, caller, { input });
  }

  @Get('mailings')
  @ApiOperation({ summary: 'Mailings, newest first' })
  @ApiOkResponse({ type: MailingPageDto })
  list(@Caller() caller: CallContext, @Query() query: PageQueryDto): Promise<Page<MailingView>> {
    return this.rpc.send(MarketingPatterns.listMailings, caller, { query });
  }

  @Get('mailings/:id')
  @ApiOperation({ summary: 'One mailing with its counts and the excluded by reason (X2)' })
  @ApiOkResponse({ type: MailingViewDto })
  @ApiProblems(404)
  get(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<MailingView> {
    return this.rpc.send(MarketingPatterns.getMailing, caller, { id });
  }

  @Post('mailings/:id/send')
  @HttpCode(202)
  @Roles('owner', 'admin')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Send a mailing (once)',
    description:
      'Owner or admin. Fixes the audience now (every member recorded as pending, control_group or excluded with the reason) and delivers in the background; the answer is 202 with status sending (or sent when nobody is to be delivered). 409 mailing_already_sent; 422 mailing_audience_empty (nothing sent, still a draft), channel_not_configured, segment_not_ready, promo_codes_exhausted.',
  })
  @ApiAcceptedResponse({ type: MailingViewDto })
  @ApiProblems(404, 409, 422)
  send(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @IdempotencyKey() idempotencyKey?: string): Promise<MailingView> {
    return this.rpc.send(MarketingPatterns.sendMailing, caller, { id, idempotencyKey });
  }

  @Get('mailings/:id/recipients')
  @ApiOperation({ summary: 'Recipients of a mailing with outcome, reason and attempts; `outcome` filters' })
  @ApiOkResponse({ type: MailingRecipientPageDto })
  @ApiProblems(404)
  recipients(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: RecipientsQueryDto): Promise<Page<MailingRecipientView>> {
    return this.rpc.send(MarketingPatterns.mailingRecipients, caller, { id, query });
  }

  @Post('customers/:id/push')
  @HttpCode(202)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Send a personal push to one customer’s loyalty card (M3)',
    description: 'Only this customer receives it. 422 no_push_card without an installed card. Delivered in the background with retries: 202 with status pending.',
  })
  @ApiAcceptedResponse({ type: PushMessageDto })
  @ApiProblems(404, 422)
  push(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) customerId: string, @Body() input: SendPushDto, @IdempotencyKey() idempotencyKey?: string): Promise<PushMessageView> {
    return this.rpc.send(MarketingPatterns.sendPush, caller, { customerId, input, idempotencyKey });
  }
}
