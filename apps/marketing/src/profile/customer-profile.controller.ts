import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ProfileDocuments, withinReadScope } from '@app/platform';
import { MarketingPatterns } from '@app/contracts';
import { callerOf, customerIdOf, profilePartKey, profileTabLimit } from '@app/common';
import { CustomerProfileService } from './customer-profile.service';

type Message = Record<string, unknown>;

/** Marketing's part of the aggregated profile and of the customer export, over NATS. */
@Controller()
export class CustomerProfileController {
  constructor(
    private readonly profile: CustomerProfileService,
    private readonly documents: ProfileDocuments,
  ) {}

  /** marketing.customer.summary `{ customerId }` → { customerId, segments [{ id, name }], subscriptions, interests } */
  @MessagePattern(MarketingPatterns.customerSummary)
  summary(@Payload() message: Message) {
    return this.profile.summary(callerOf(message), customerIdOf(message.customerId));
  }

  /** marketing.customer.profile `{ customerId, tabLimit?, storedAs? }` → { summary, tabs: the first page of each marketing tab } (P1); with storedAs, ConditionalProfilePart */
  @MessagePattern(MarketingPatterns.customerProfile)
  customerProfile(@Payload() message: Message) {
    const [caller, id, tabLimit] = [callerOf(message), customerIdOf(message.customerId), profileTabLimit(message.tabLimit)];
    return this.documents.answerPart(profilePartKey(caller, id, tabLimit), message.storedAs, () => this.profile.profile(caller, id, tabLimit), (readAt) => this.profile.changesByClockAt(caller.tenantId, id, readAt));
  }

  /** marketing.customer.export `{ customerId }` → everything marketing holds on the customer */
  @MessagePattern(MarketingPatterns.customerExport)
  export(@Payload() message: Message) {
    return withinReadScope(() => this.profile.export(callerOf(message), customerIdOf(message.customerId)));
  }
}
