import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { callerOf, idOf, objectOf } from '@app/common';
import { BookingErrorCodes, BookingsPatterns } from '@app/contracts';
import { BookingsService } from './bookings.service';

type Message = Record<string, unknown>;
const bookingIdOf = (value: unknown) => idOf(value, 'Booking', BookingErrorCodes.bookingNotFound);

@Controller()
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  /**
   * bookings.booking.create `{ input: CreateBookingInput, idempotencyKey? }` → BookingView.
   * 422 schedule_entry_ended, ticket_not_found, exclusive_ticket_not_member, offer_*, pass_*,
   * voucher_not_found/expired; 409 schedule_entry_full, voucher_already_redeemed; 400 form answers.
   */
  @MessagePattern(BookingsPatterns.createBooking)
  create(@Payload() message: Message) {
    return this.bookings.create(callerOf(message), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  /** bookings.booking.get `{ id }` → BookingView (a customer actor sees only bookings they are on). */
  @MessagePattern(BookingsPatterns.getBooking)
  get(@Payload() message: Message) {
    return this.bookings.get(callerOf(message), bookingIdOf(message.id));
  }

  /** bookings.booking.cancel `{ id, idempotencyKey? }` → BookingView; 409 booking_cancelled the second time. */
  @MessagePattern(BookingsPatterns.cancelBooking)
  cancel(@Payload() message: Message) {
    return this.bookings.cancel(callerOf(message), bookingIdOf(message.id), message.idempotencyKey);
  }

  /** bookings.booking.recordAttendance `{ id, input: { attendees: [{ attendeeId, attended }] } }` → BookingView. */
  @MessagePattern(BookingsPatterns.recordAttendance)
  recordAttendance(@Payload() message: Message) {
    return this.bookings.recordAttendance(callerOf(message), bookingIdOf(message.id), objectOf(message.input, 'input'));
  }
}
