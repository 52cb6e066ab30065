import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LoyaltyErrorCodes, LoyaltyPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { CardsService } from './cards.service';

type Message = Record<string, unknown>;
const cardIdOf = (value: unknown) => idOf(value, 'Loyalty card', LoyaltyErrorCodes.cardNotFound);

/** Loyalty cards over NATS request/reply; the tenant comes only from the envelope. */
@Controller()
export class CardsController {
  constructor(private readonly cards: CardsService) {}

  /** loyalty.card.issue `{ input: IssueCardInput, idempotencyKey? }` → LoyaltyCardView; publishes card.issued. */
  @MessagePattern(LoyaltyPatterns.issueCard)
  issue(@Payload() message: Message) {
    return this.cards.issue(callerOf(message), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** loyalty.card.get `{ id }` → LoyaltyCardView; 404 card_not_found (also for another tenant's card). */
  @MessagePattern(LoyaltyPatterns.getCard)
  get(@Payload() message: Message) {
    return this.cards.get(callerOf(message), cardIdOf(message.id));
  }

  /** loyalty.card.getBySerial `{ serialNumber }` → LoyaltyCardView. */
  @MessagePattern(LoyaltyPatterns.getCardBySerial)
  getBySerial(@Payload() message: Message) {
    return this.cards.getBySerial(callerOf(message), message.serialNumber);
  }

  /** loyalty.card.update `{ id, input: UpdateCardInput }` → LoyaltyCardView; publishes card.changed. */
  @MessagePattern(LoyaltyPatterns.updateCard)
  update(@Payload() message: Message) {
    return this.cards.update(callerOf(message), cardIdOf(message.id), objectOf(message.input, 'input'));
  }

  /** Tab loyalty-card: loyalty.card.list `{ customerId, query }` → Page<LoyaltyCardView>. */
  @MessagePattern(LoyaltyPatterns.listCards)
  list(@Payload() message: Message) {
    return this.cards.listByCustomer(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }
}
