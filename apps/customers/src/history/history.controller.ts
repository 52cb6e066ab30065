import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { callerOf, customerIdOf, objectOf } from '@app/common';
import { CustomersPatterns } from '@app/contracts';
import { HistoryService } from './history.service';

type Message = Record<string, unknown>;

@Controller()
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  /** customers.history.list `{ id, query: { category?, limit?, cursor? } }` → Page<HistoryEntryView>, newest first. */
  @MessagePattern(CustomersPatterns.listHistory)
  list(@Payload() message: Message) {
    return this.history.list(callerOf(message), customerIdOf(message.id), objectOf(message.query, 'query', false));
  }
}
