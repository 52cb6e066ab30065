import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { withinReadScope } from '@app/platform';
import { MarketingPatterns } from '@app/contracts';
import { callerOf, customerIdOf, profileTabLimit } from '@app/common';
import { CustomerProfileService } from './customer-profile.service';

type Message = Record<string, unknown>;

/** Marketing's part of the aggregated profile and of the customer export, over NATS. */
@Controller()
export class CustomerProfileController {
  constructor(private readonly profile: CustomerProfileService) {}

  /** marketing.customer.summary `{ customerId }` → { customerId, segments [{ id, name }], subscriptions, interests } */
  @MessagePattern(MarketingPatterns.customerSummary)
  summary(@Payload() message: Message) {
    return this.profile.summary(callerOf(message), customerIdOf(message.customerId));
  }

  /** marketing.customer.profile `{ customerId, tabLimit? }` → { summary, tabs: the first page of each marketing tab } (P1) */
  @MessagePattern(MarketingPatterns.customerProfile)
  customerProfile(@Payload() message: Message) {
    return withinReadScope(() => this.profile.profile(callerOf(message), customerIdOf(message.customerId), profileTabLimit(message.tabLimit)), { oneConnection: true });
  }

  /** marketing.customer.export `{ customerId }` → everything marketing holds on the customer */
  @MessagePattern(MarketingPatterns.customerExport)
  export(@Payload() message: Message) {
    return withinReadScope(() => this.profile.export(callerOf(message), customerIdOf(message.customerId)));
  }
}
