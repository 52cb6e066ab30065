import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { callerOf, objectOf } from '@app/common';
import { BookingErrorCodes, BookingsPatterns, notFound } from '@app/contracts';
import { VouchersService } from './vouchers.service';

type Message = Record<string, unknown>;

@Controller()
export class VouchersController {
  constructor(private readonly vouchers: VouchersService) {}

  /** bookings.voucher.sell `{ input: { code?, amount, currency?, customerId?, expiresAt? }, idempotencyKey? }` → VoucherView; 409 voucher_exists. */
  @MessagePattern(BookingsPatterns.sellVoucher)
  sell(@Payload() message: Message) {
    return this.vouchers.sell(callerOf(message), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** bookings.voucher.redeem `{ code, input: { customerId? }, idempotencyKey? }` → VoucherView; 404, 409 already redeemed, 422 expired. */
  @MessagePattern(BookingsPatterns.redeemVoucher)
  redeem(@Payload() message: Message) {
    if (typeof message.code !== 'string' || message.code.length > 64) throw notFound('Voucher', BookingErrorCodes.voucherNotFound);
    return this.vouchers.redeem(callerOf(message), message.code, objectOf(message.input, 'input', false), message.idempotencyKey);
  }
}
