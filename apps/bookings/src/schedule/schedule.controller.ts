import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { callerOf, idOf, objectOf } from '@app/common';
import { BookingErrorCodes, BookingsPatterns } from '@app/contracts';
import { ScheduleService } from './schedule.service';

type Message = Record<string, unknown>;

@Controller()
export class ScheduleController {
  constructor(private readonly schedule: ScheduleService) {}

  /** bookings.scheduleEntry.create `{ input }` → ScheduleEntryView; exclusive tickets name an existing customer group. */
  @MessagePattern(BookingsPatterns.createScheduleEntry)
  create(@Payload() message: Message) {
    return this.schedule.create(callerOf(message), objectOf(message.input, 'input'));
  }

  /** bookings.scheduleEntry.get `{ id }` → ScheduleEntryView with places booked and left. */
  @MessagePattern(BookingsPatterns.getScheduleEntry)
  get(@Payload() message: Message) {
    return this.schedule.get(callerOf(message), idOf(message.id, 'Schedule entry', BookingErrorCodes.scheduleEntryNotFound));
  }

  /** bookings.scheduleEntry.list `{ query: { from?, to?, limit?, cursor? } }` → Page<ScheduleEntryView> by start time. */
  @MessagePattern(BookingsPatterns.listScheduleEntries)
  list(@Payload() message: Message) {
    return this.schedule.list(callerOf(message), objectOf(message.query, 'query', false));
  }
}
