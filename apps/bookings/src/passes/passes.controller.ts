import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { callerOf, idOf, objectOf } from '@app/common';
import { BookingErrorCodes, BookingsPatterns } from '@app/contracts';
import { PassesService } from './passes.service';

type Message = Record<string, unknown>;

@Controller()
export class PassesController {
  constructor(private readonly passes: PassesService) {}

  /** bookings.passProduct.create `{ input: { name, uses, validityDays?, price, currency? } }` → PassProductView. */
  @MessagePattern(BookingsPatterns.createPassProduct)
  createProduct(@Payload() message: Message) {
    return this.passes.createProduct(callerOf(message), objectOf(message.input, 'input'));
  }

  /** bookings.passProduct.list `{ query }` → Page<PassProductView>. */
  @MessagePattern(BookingsPatterns.listPassProducts)
  listProducts(@Payload() message: Message) {
    return this.passes.listProducts(callerOf(message), objectOf(message.query, 'query', false));
  }

  /** bookings.pass.sell `{ input: { productId, customerId }, idempotencyKey? }` → PassView. */
  @MessagePattern(BookingsPatterns.sellPass)
  sell(@Payload() message: Message) {
    return this.passes.sell(callerOf(message), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** bookings.pass.get `{ id }` → PassView with its adjustments. */
  @MessagePattern(BookingsPatterns.getPass)
  get(@Payload() message: Message) {
    return this.passes.get(callerOf(message), idOf(message.id, 'Pass', BookingErrorCodes.passNotFound));
  }

  /** bookings.pass.adjust `{ id, input: { usesRemaining?, expiresAt?, reason? } }` → PassView. */
  @MessagePattern(BookingsPatterns.adjustPass)
  adjust(@Payload() message: Message) {
    return this.passes.adjust(callerOf(message), idOf(message.id, 'Pass', BookingErrorCodes.passNotFound), objectOf(message.input, 'input'));
  }
}
