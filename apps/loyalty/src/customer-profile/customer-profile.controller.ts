import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ProfileDocuments, withinReadScope } from '@app/platform';
import { LoyaltyPatterns } from '@app/contracts';
import { callerOf, customerIdOf, profilePartKey, profileTabLimit } from '@app/common';
import { CustomerProfileService } from './customer-profile.service';

type Message = Record<string, unknown>;

/** For the aggregated profile (P1) and the export (C18). */
@Controller()
export class CustomerProfileController {
  constructor(
    private readonly profile: CustomerProfileService,
    private readonly documents: ProfileDocuments,
  ) {}

  /** loyalty.customer.summary `{ customerId }` → LoyaltySummary (API.md figure names). */
  @MessagePattern(LoyaltyPatterns.summary)
  summary(@Payload() message: Message) {
    return this.profile.summary(callerOf(message), customerIdOf(message.customerId));
  }

  /** loyalty.customer.profile `{ customerId, tabLimit?, storedAs? }` → { summary, tabs: the first page of each loyalty tab } (P1); with storedAs, ConditionalProfilePart. */
  @MessagePattern(LoyaltyPatterns.profile)
  customerProfile(@Payload() message: Message) {
    const [caller, id, tabLimit] = [callerOf(message), customerIdOf(message.customerId), profileTabLimit(message.tabLimit)];
    return this.documents.answerPart(profilePartKey(caller, id, tabLimit), message.storedAs, () => this.profile.profile(caller, id, tabLimit), (readAt) => this.profile.changesByClockAt(caller.tenantId, id, readAt));
  }

  /** loyalty.customer.export `{ customerId }` → LoyaltyExport. */
  @MessagePattern(LoyaltyPatterns.export)
  export(@Payload() message: Message) {
    return withinReadScope(() => this.profile.export(callerOf(message), customerIdOf(message.customerId)));
  }
}
