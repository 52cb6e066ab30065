import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LoyaltyErrorCodes, LoyaltyPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { PurchasesService } from './purchases.service';

type Message = Record<string, unknown>;
const purchaseIdOf = (value: unknown) => idOf(value, 'Purchase', LoyaltyErrorCodes.purchaseNotFound);

/** Purchases and their tabs over NATS request/reply. */
@Controller()
export class PurchasesController {
  constructor(private readonly purchases: PurchasesService) {}

  /** loyalty.purchase.record `{ input: RecordPurchaseInput, idempotencyKey? }` → PurchaseView; 409 purchase_exists, 422 currency_mismatch. */
  @MessagePattern(LoyaltyPatterns.recordPurchase)
  record(@Payload() message: Message) {
    return this.purchases.record(callerOf(message), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** loyalty.purchase.get `{ id }` → PurchaseView with attributes and lines. */
  @MessagePattern(LoyaltyPatterns.getPurchase)
  get(@Payload() message: Message) {
    return this.purchases.get(callerOf(message), purchaseIdOf(message.id));
  }

  /** loyalty.purchase.update `{ id, input: { status } }` → PurchaseView. */
  @MessagePattern(LoyaltyPatterns.updatePurchase)
  update(@Payload() message: Message) {
    return this.purchases.updateStatus(callerOf(message), purchaseIdOf(message.id), objectOf(message.input, 'input'));
  }

  /** Tab receipts: loyalty.purchase.listReceipts `{ customerId, query: { status?, limit?, cursor? } }`. */
  @MessagePattern(LoyaltyPatterns.listReceipts)
  receipts(@Payload() message: Message) {
    return this.purchases.list(callerOf(message), 'receipt', customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }

  /** Tab orders: loyalty.purchase.listOrders `{ customerId, query: { status?, limit?, cursor? } }`. */
  @MessagePattern(LoyaltyPatterns.listOrders)
  orders(@Payload() message: Message) {
    return this.purchases.list(callerOf(message), 'order', customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }

  /** Tab stores: loyalty.store.list `{ customerId, query }` → Page<StoreView>. */
  @MessagePattern(LoyaltyPatterns.listStores)
  stores(@Payload() message: Message) {
    return this.purchases.stores(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }

  /** Tab sales-summary: loyalty.sales.summary `{ customerId, query: { year?, limit?, cursor? } }` → Page<SalesYearView>. */
  @MessagePattern(LoyaltyPatterns.salesSummary)
  salesSummary(@Payload() message: Message) {
    return this.purchases.salesSummary(callerOf(message), customerIdOf(message.customerId), objectOf(message.query, 'query', false));
  }
}
