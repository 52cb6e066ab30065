import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LoyaltyPatterns } from '@app/contracts';
import { callerOf, customerIdOf, objectOf } from '@app/common';
import { FeedbackService } from './feedback.service';

type Message = Record<string, unknown>;

@Controller()
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  /** loyalty.feedback.create `{ input: { customerId, rating, comment?, at? }, idempotencyKey? }` → FeedbackView; publishes feedback.received. */
  @MessagePattern(LoyaltyPatterns.createFeedback)
  create(@Payload() message: Message) {
    return this.feedback.create(callerOf(message), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** Tab feedback: loyalty.feedback.list `{ customerId, query: { period?, date?, from?, to?, withComments?, limit?, cursor? } }` → FeedbackPage. */
  @MessagePattern(LoyaltyPatterns.listFeedback)
  list(@Payload() message: Message) {
    return this.feedback.list(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }
}
