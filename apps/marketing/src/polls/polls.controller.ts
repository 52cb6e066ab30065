import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MarketingErrorCodes, MarketingPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { PollsService } from './polls.service';

type Message = Record<string, unknown>;
const pollIdOf = (value: unknown) => idOf(value, 'Poll', MarketingErrorCodes.pollNotFound);

/** Polls (M5) over NATS. */
@Controller()
export class PollsController {
  constructor(private readonly polls: PollsService) {}

  /** marketing.poll.create `{ input: { title, description?, questions } }` → PollView */
  @MessagePattern(MarketingPatterns.createPoll)
  create(@Payload() message: Message) {
    return this.polls.create(callerOf(message), objectOf(message.input, 'input'));
  }

  /** marketing.poll.get `{ id }` → PollView */
  @MessagePattern(MarketingPatterns.getPoll)
  get(@Payload() message: Message) {
    return this.polls.get(callerOf(message), pollIdOf(message.id));
  }

  /** marketing.poll.list `{ query }` → Page<PollView> */
  @MessagePattern(MarketingPatterns.listPolls)
  list(@Payload() message: Message) {
    return this.polls.list(callerOf(message), objectOf(message.query, 'query', false));
  }

  /** marketing.poll.respond `{ id, input: { customerId, answers } }` → PollResponseView; 409 poll_already_answered */
  @MessagePattern(MarketingPatterns.respondPoll)
  respond(@Payload() message: Message) {
    return this.polls.respond(callerOf(message), pollIdOf(message.id), objectOf(message.input, 'input'));
  }

  /** marketing.poll.results `{ id }` → PollResultsView */
  @MessagePattern(MarketingPatterns.pollResults)
  results(@Payload() message: Message) {
    return this.polls.results(callerOf(message), pollIdOf(message.id));
  }

  /** marketing.customer.polls `{ customerId, query }` → Page<CustomerPollView> */
  @MessagePattern(MarketingPatterns.customerPolls)
  customerPolls(@Payload() message: Message) {
    return this.polls.customerPolls(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }
}
