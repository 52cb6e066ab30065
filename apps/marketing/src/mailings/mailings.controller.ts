import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MarketingErrorCodes, MarketingPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { MailingsService } from './mailings.service';
import { PushService } from './push.service';

type Message = Record<string, unknown>;
const mailingIdOf = (value: unknown) => idOf(value, 'Mailing', MarketingErrorCodes.mailingNotFound);

/** Mailings (M2) and personal push (M3) over NATS. */
@Controller()
export class MailingsController {
  constructor(
    private readonly mailings: MailingsService,
    private readonly push: PushService,
  ) {}

  /** marketing.mailing.create `{ input: CreateMailingInput }` → MailingView (draft) */
  @MessagePattern(MarketingPatterns.createMailing)
  create(@Payload() message: Message) {
    return this.mailings.create(callerOf(message), objectOf(message.input, 'input'));
  }

  /** marketing.mailing.get `{ id }` → MailingView with excludedByReason */
  @MessagePattern(MarketingPatterns.getMailing)
  get(@Payload() message: Message) {
    return this.mailings.get(callerOf(message), mailingIdOf(message.id));
  }

  /** marketing.mailing.list `{ query }` → Page<MailingView>, newest first */
  @MessagePattern(MarketingPatterns.listMailings)
  list(@Payload() message: Message) {
    return this.mailings.list(callerOf(message), objectOf(message.query, 'query', false));
  }

  /**
   * marketing.mailing.send `{ id, idempotencyKey? }` → MailingView (sending, or sent when no one is
   * to be delivered). 409 mailing_already_sent, 422 mailing_audience_empty, channel_not_configured,
   * segment_not_ready, promo_codes_exhausted. Delivery runs in the background.
   */
  @MessagePattern(MarketingPatterns.sendMailing)
  send(@Payload() message: Message) {
    return this.mailings.send(callerOf(message), mailingIdOf(message.id), message.idempotencyKey);
  }

  /** marketing.mailing.recipients `{ id, query: { outcome?, limit?, cursor? } }` → Page<MailingRecipientView> */
  @MessagePattern(MarketingPatterns.mailingRecipients)
  recipients(@Payload() message: Message) {
    return this.mailings.recipients(callerOf(message), mailingIdOf(message.id), objectOf(message.query, 'query', false));
  }

  /** marketing.customer.mailings `{ customerId, query }` → Page<CustomerMailingView> (controlGroup marks the control group) */
  @MessagePattern(MarketingPatterns.customerMailings)
  customerMailings(@Payload() message: Message) {
    return this.mailings.customerMailings(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }

  /** marketing.push.send `{ customerId, input: { title, body }, idempotencyKey? }` → PushMessageView (pending); 422 no_push_card */
  @MessagePattern(MarketingPatterns.sendPush)
  sendPush(@Payload() message: Message) {
    return this.push.send(callerOf(message), customerIdOf(message.customerId), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** marketing.customer.pushMessages `{ customerId, query }` → Page<PushMessageView> */
  @MessagePattern(MarketingPatterns.customerPushMessages)
  customerPushMessages(@Payload() message: Message) {
    return this.push.customerMessages(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }
}
