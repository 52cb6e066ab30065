import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MarketingPatterns } from '@app/contracts';
import { callerOf, customerIdOf, objectOf } from '@app/common';
import { SubscriptionsService } from './subscriptions.service';

type Message = Record<string, unknown>;

/** Subscription categories and customers' subscriptions (M1) over NATS. */
@Controller()
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  /** marketing.subscriptionCategory.list `{}` → SubscriptionCategoryView[] */
  @MessagePattern(MarketingPatterns.listCategories)
  listCategories(@Payload() message: Message) {
    return this.subscriptions.listCategories(callerOf(message));
  }

  /** marketing.subscriptionCategory.put `{ key, input: { name, active? } }` → SubscriptionCategoryView */
  @MessagePattern(MarketingPatterns.putCategory)
  putCategory(@Payload() message: Message) {
    return this.subscriptions.putCategory(callerOf(message), message.key, objectOf(message.input, 'input'));
  }

  /**
   * marketing.subscription.set `{ customerId, changes: [{ channel, category, subscribed }] }` →
   * SubscriptionView[]. Categories must exist (422 subscription_category_not_found) and be active
   * (422 subscription_category_inactive). Publishes subscription.changed for each flip.
   */
  @MessagePattern(MarketingPatterns.setSubscriptions)
  set(@Payload() message: Message) {
    return this.subscriptions.set(callerOf(message), customerIdOf(message.customerId), message.changes);
  }

  /** marketing.customer.subscriptions `{ customerId, query }` → Page<SubscriptionView> (active categories × channels, with eligibility) */
  @MessagePattern(MarketingPatterns.customerSubscriptions)
  customerSubscriptions(@Payload() message: Message) {
    return this.subscriptions.customerSubscriptions(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }
}
