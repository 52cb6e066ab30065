import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomersPatterns } from '@app/contracts';
import { callerOf, customerIdOf, objectOf } from '@app/common';
import { TagsService } from './tags.service';

type Message = Record<string, unknown>;

/** Tags (C8) over NATS. Tags are trimmed, 1-64 characters, case kept. */
@Controller()
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  /** customers.tag.add `{ id, tag }` → CustomerView; adding a tag the customer has changes nothing. */
  @MessagePattern(CustomersPatterns.addTag)
  add(@Payload() message: Message) {
    return this.tags.add(callerOf(message), customerIdOf(message.id), message.tag);
  }

  /** customers.tag.remove `{ id, tag }` → CustomerView; removing a tag the customer lacks changes nothing. */
  @MessagePattern(CustomersPatterns.removeTag)
  remove(@Payload() message: Message) {
    return this.tags.remove(callerOf(message), customerIdOf(message.id), message.tag);
  }

  /** customers.tag.listCustomers `{ tag, query: PageQuery }` → Page<CustomerView>, newest registration first. */
  @MessagePattern(CustomersPatterns.listByTag)
  listCustomers(@Payload() message: Message) {
    return this.tags.listCustomers(callerOf(message), message.tag, objectOf(message.query, 'query', false));
  }
}
