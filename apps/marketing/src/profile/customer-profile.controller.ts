import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MarketingPatterns } from '@app/contracts';
import { callerOf, customerIdOf } from '@app/common';
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

  /** marketing.customer.export `{ customerId }` → everything marketing holds on the customer */
  @MessagePattern(MarketingPatterns.customerExport)
  export(@Payload() message: Message) {
    return this.profile.export(callerOf(message), customerIdOf(message.customerId));
  }
}
