import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MarketingPatterns } from '@app/contracts';
import { callerOf, customerIdOf, objectOf } from '@app/common';
import { ActivityTabsService } from './activity-tabs.service';
import { TrackService } from './track.service';

type Message = Record<string, unknown>;

/** Web activity (M6), interests (M7) and the abandoned cart (M8) over NATS. */
@Controller()
export class ActivityController {
  constructor(
    private readonly track: TrackService,
    private readonly tabs: ActivityTabsService,
  ) {}

  /**
   * marketing.activity.track `{ events: unknown[], batch: boolean }` → TrackResult. Good events
   * are stored, bad ones reported by index (`rejected[]` with code and field errors); a single
   * event (batch false) answers 400/404 instead.
   */
  @MessagePattern(MarketingPatterns.track)
  trackEvents(@Payload() message: Message) {
    return this.track.track(callerOf(message), message.events, message.batch === true);
  }

  /** marketing.customer.activity `{ customerId, query: { type?, limit?, cursor? } }` → Page<WebActivityView> */
  @MessagePattern(MarketingPatterns.customerActivity)
  activity(@Payload() message: Message) {
    return this.tabs.activity(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }

  /** marketing.customer.interests `{ customerId }` → Page<InterestView> (top 10, one page) */
  @MessagePattern(MarketingPatterns.customerInterests)
  interests(@Payload() message: Message) {
    return this.tabs.interests(callerOf(message), customerIdOf(message.customerId));
  }

  /** marketing.customer.abandonedCart `{ customerId, query }` → Page<AbandonedCartItemView> */
  @MessagePattern(MarketingPatterns.customerCart)
  cart(@Payload() message: Message) {
    return this.tabs.cart(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }
}
