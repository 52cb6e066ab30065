import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LoyaltyErrorCodes, LoyaltyPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { LedgerService } from './ledger.service';

type Message = Record<string, unknown>;
const cardIdOf = (value: unknown) => idOf(value, 'Loyalty card', LoyaltyErrorCodes.cardNotFound);

/** Ledger operations over NATS request/reply. */
@Controller()
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  /**
   * loyalty.card.changeVisits `{ id, input: { operation, value, purchaseAmount?, currency?, comment?, reason? }, idempotencyKey? }`
   * → `{ entry, card }`. 422 insufficient_visits, 409 card_deleted / card_expired, 404 card_not_found.
   */
  @MessagePattern(LoyaltyPatterns.changeVisits)
  changeVisits(@Payload() message: Message) {
    return this.ledger.change(callerOf(message), 'visits', cardIdOf(message.id), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /**
   * loyalty.card.changeBonus `{ id, input: { operation, value, purchaseAmount?, currency?, comment?, activatesAt?, expiresAt? }, idempotencyKey? }`
   * → `{ entry, card }`. Subtractions take active points, soonest expiry first; 422 insufficient_bonus.
   */
  @MessagePattern(LoyaltyPatterns.changeBonus)
  changeBonus(@Payload() message: Message) {
    return this.ledger.change(callerOf(message), 'bonus', cardIdOf(message.id), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** Tab loyalty-ledger: loyalty.ledger.list `{ customerId, query: { kind?, cardId?, limit?, cursor? } }` → Page<LedgerEntryView>. */
  @MessagePattern(LoyaltyPatterns.listLedger)
  list(@Payload() message: Message) {
    return this.ledger.list(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }
}
