import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MarketingErrorCodes, MarketingPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { PromoCodesService } from './promo-codes.service';

type Message = Record<string, unknown>;
const poolIdOf = (value: unknown) => idOf(value, 'Promo code pool', MarketingErrorCodes.promoCodePoolNotFound);

/** Promo code pools and codes (M4) over NATS. */
@Controller()
export class PromoCodesController {
  constructor(private readonly promoCodes: PromoCodesService) {}

  /** marketing.promoCodePool.create `{ input: { name, codes?, generate? }, idempotencyKey? }` → PromoCodePoolView; 409 promo_code_exists */
  @MessagePattern(MarketingPatterns.createPool)
  createPool(@Payload() message: Message) {
    return this.promoCodes.createPool(callerOf(message), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** marketing.promoCodePool.get `{ id }` → PromoCodePoolView */
  @MessagePattern(MarketingPatterns.getPool)
  getPool(@Payload() message: Message) {
    return this.promoCodes.getPool(callerOf(message), poolIdOf(message.id));
  }

  /** marketing.promoCodePool.list `{ query }` → Page<PromoCodePoolView> */
  @MessagePattern(MarketingPatterns.listPools)
  listPools(@Payload() message: Message) {
    return this.promoCodes.listPools(callerOf(message), objectOf(message.query, 'query', false));
  }

  /** marketing.promoCodePool.addCodes `{ id, input: { codes?, generate? }, idempotencyKey? }` → PromoCodePoolView */
  @MessagePattern(MarketingPatterns.addCodes)
  addCodes(@Payload() message: Message) {
    return this.promoCodes.addCodes(callerOf(message), poolIdOf(message.id), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** marketing.promoCode.issue `{ id, input: { customerId, campaign? }, idempotencyKey? }` → CustomerPromoCodeView; 422 promo_codes_exhausted */
  @MessagePattern(MarketingPatterns.issueCode)
  issue(@Payload() message: Message) {
    return this.promoCodes.issue(callerOf(message), poolIdOf(message.id), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** marketing.promoCode.redeem `{ code, input: { customerId? }, idempotencyKey? }` → PromoCodeView; 409 promo_code_already_redeemed */
  @MessagePattern(MarketingPatterns.redeemCode)
  redeem(@Payload() message: Message) {
    return this.promoCodes.redeem(callerOf(message), message.code, objectOf(message.input, 'input', false), message.idempotencyKey);
  }

  /** marketing.customer.promoCodes `{ customerId, query }` → Page<CustomerPromoCodeView> */
  @MessagePattern(MarketingPatterns.customerPromoCodes)
  customerCodes(@Payload() message: Message) {
    return this.promoCodes.customerCodes(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }
}
