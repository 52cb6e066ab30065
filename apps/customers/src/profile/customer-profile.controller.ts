import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ProfileDocuments, withinReadScope } from '@app/platform';
import { callerOf, customerIdOf, profilePartKey, profileTabLimit } from '@app/common';
import { CustomersPatterns } from '@app/contracts';
import { CustomerProfileService } from './customer-profile.service';

type Message = Record<string, unknown>;

@Controller()
export class CustomerProfileController {
  constructor(
    private readonly profile: CustomerProfileService,
    private readonly documents: ProfileDocuments,
  ) {}

  /** customers.customer.profile `{ id, tabLimit?, storedAs? }` → customer, shown attributes, latest details, first page of each customers tab (P1); with storedAs, ConditionalProfilePart. */
  @MessagePattern(CustomersPatterns.profile)
  get(@Payload() message: Message) {
    const [caller, id, tabLimit] = [callerOf(message), customerIdOf(message.id), profileTabLimit(message.tabLimit)];
    // Nothing in this part changes with the clock alone.
    return this.documents.answerPart(profilePartKey(caller, id, tabLimit), message.storedAs, () => this.profile.profile(caller, id, tabLimit));
  }

  /** customers.customer.export `{ id }` → everything the customers service holds on the customer (C18). */
  @MessagePattern(CustomersPatterns.export)
  export(@Payload() message: Message) {
    return withinReadScope(() => this.profile.export(callerOf(message), customerIdOf(message.id)));
  }
}
