import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomersB2BErrorCodes, CustomersB2BPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { ContactsService } from './contacts.service';

type Message = Record<string, unknown>;
const contactIdOf = (value: unknown) => idOf(value, 'Contact', CustomersB2BErrorCodes.contactNotFound);

/** Contacts (C13) over NATS; shapes in CustomersB2BPatterns. */
@Controller()
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @MessagePattern(CustomersB2BPatterns.createContact)
  create(@Payload() message: Message) {
    return this.contacts.create(callerOf(message), customerIdOf(message.id), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  @MessagePattern(CustomersB2BPatterns.updateContact)
  update(@Payload() message: Message) {
    return this.contacts.update(callerOf(message), customerIdOf(message.id), contactIdOf(message.itemId), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.deleteContact)
  delete(@Payload() message: Message) {
    return this.contacts.delete(callerOf(message), customerIdOf(message.id), contactIdOf(message.itemId));
  }

  @MessagePattern(CustomersB2BPatterns.makeContactPrimary)
  makePrimary(@Payload() message: Message) {
    return this.contacts.makePrimary(callerOf(message), customerIdOf(message.id), contactIdOf(message.itemId));
  }

  @MessagePattern(CustomersB2BPatterns.listContacts)
  list(@Payload() message: Message) {
    return this.contacts.list(callerOf(message), customerIdOf(message.id), objectOf(message.query, 'query', false));
  }
}
