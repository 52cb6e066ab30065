import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomersPatterns } from '@app/contracts';
import { callerOf, customerIdOf, objectOf } from '@app/common';
import { ConsentsService } from './consents.service';

type Message = Record<string, unknown>;

/** Consents (C7) over NATS. */
@Controller()
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  /** customers.consent.list `{ id, query: PageQuery }` → Page<ConsentView> by key, each with its full history newest first. */
  @MessagePattern(CustomersPatterns.listConsents)
  list(@Payload() message: Message) {
    return this.consents.list(callerOf(message), customerIdOf(message.id), objectOf(message.query, 'query', false));
  }

  /**
   * customers.consent.set `{ id, input: SetConsentInput }` → ConsentView. Appends to the
   * history; source defaults to "admin" ("customer" for a portal actor). Publishes customer.updated.
   */
  @MessagePattern(CustomersPatterns.setConsent)
  set(@Payload() message: Message) {
    return this.consents.set(callerOf(message), customerIdOf(message.id), objectOf(message.input, 'input'));
  }
}
