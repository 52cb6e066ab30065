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
    const build = async () => ({ document: await this.profile.profile(caller, id, tabLimit), validUntil: null });
    return this.documents.answer(profilePartKey(caller, id, tabLimit), message.storedAs, () => withinReadScope(build, { oneConnection: true }));
  }

  /** customers.customer.export `{ id }` → everything the customers service holds on the customer (C18). */
  @MessagePattern(CustomersPatterns.export)
  export(@Payload() message: Message) {
    return withinReadScope(() => this.profile.export(callerOf(message), customerIdOf(message.id)));
  }
}
