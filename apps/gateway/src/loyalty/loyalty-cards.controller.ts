import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LoyaltyPatterns, type LedgerOperationResult, type LoyaltyCardView } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { IssueCardDto, UpdateCardDto } from './dto/card.dto';
import { BonusOperationDto, VisitsOperationDto } from './dto/ledger-operation.dto';
import { LedgerOperationResultDto, LoyaltyCardDto } from './dto/loyalty-views.dto';

/** L1-L5, L9, L10: loyalty cards and the operations on them. */
@ApiTags('loyalty')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('loyalty-cards')
export class LoyaltyCardsController {
  constructor(private readonly rpc: RpcGateway) {}

  @Post()
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Issue a loyalty card to a customer (L1)',
    description: 'A random serial number and invite code; 404 customer_not_found, 409 card_exists while the customer has a card that is not deleted, 422 expiry_before_issue.',
  })
  @ApiCreatedResponse({ type: LoyaltyCardDto })
  @ApiProblems(404, 409, 422)
  issue(@Caller() caller: CallContext, @Body() input: IssueCardDto, @IdempotencyKey() idempotencyKey?: string): Promise<LoyaltyCardView> {
    return this.rpc.send(LoyaltyPatterns.issueCard, caller, { input, idempotencyKey });
  }

  @Get('by-serial/:serialNumber')
  @ApiOperation({ summary: 'Find a card by its serial number (case, spaces and dashes do not matter)' })
  @ApiOkResponse({ type: LoyaltyCardDto })
  @ApiProblems(404)
  bySerial(@Caller() caller: CallContext, @Param('serialNumber') serialNumber: string): Promise<LoyaltyCardView> {
    return this.rpc.send(LoyaltyPatterns.getCardBySerial, caller, { serialNumber });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One card with its visit and bonus figures and personal links' })
  @ApiOkResponse({ type: LoyaltyCardDto })
  @ApiProblems(404)
  get(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string): Promise<LoyaltyCardView> {
    return this.rpc.send(LoyaltyPatterns.getCard, caller, { id });
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a card’s status, expiry date or device',
    description: 'Status deleted is final (409 card_deleted for later changes) and is required before the customer can be deleted (L9). 422 expiry_before_issue.',
  })
  @ApiOkResponse({ type: LoyaltyCardDto })
  @ApiProblems(404, 409, 422)
  update(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Body() input: UpdateCardDto): Promise<LoyaltyCardView> {
    return this.rpc.send(LoyaltyPatterns.updateCard, caller, { id, input });
  }

  @Post(':id/visits')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Add or subtract visits (L2)',
    description: 'A ledger entry; 422 insufficient_visits when subtracting more than available (nothing written), 409 card_deleted / card_expired, 422 currency_mismatch.',
  })
  @ApiCreatedResponse({ type: LedgerOperationResultDto })
  @ApiProblems(404, 409, 422)
  visits(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Body() input: VisitsOperationDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<LedgerOperationResult> {
    return this.rpc.send(LoyaltyPatterns.changeVisits, caller, { id, input, idempotencyKey });
  }

  @Post(':id/bonus')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Add or subtract bonus points (L3, L4)',
    description:
      'Additions may be pending activation until activatesAt and expire at expiresAt. Subtractions take active points only, soonest expiry first; 422 insufficient_bonus when the active points do not cover it (nothing written).',
  })
  @ApiCreatedResponse({ type: LedgerOperationResultDto })
  @ApiProblems(404, 409, 422)
  bonus(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Body() input: BonusOperationDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<LedgerOperationResult> {
    return this.rpc.send(LoyaltyPatterns.changeBonus, caller, { id, input, idempotencyKey });
  }
}
