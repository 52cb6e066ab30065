import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomersB2BErrorCodes, CustomersB2BPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { AppointmentsService } from './appointments.service';

type Message = Record<string, unknown>;
const appointmentIdOf = (value: unknown) => idOf(value, 'Appointment', CustomersB2BErrorCodes.appointmentNotFound);

/** Appointments (C11) over NATS; shapes in CustomersB2BPatterns. */
@Controller()
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @MessagePattern(CustomersB2BPatterns.createAppointment)
  create(@Payload() message: Message) {
    return this.appointments.create(callerOf(message), customerIdOf(message.id), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  @MessagePattern(CustomersB2BPatterns.updateAppointment)
  update(@Payload() message: Message) {
    return this.appointments.update(callerOf(message), customerIdOf(message.id), appointmentIdOf(message.itemId), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.deleteAppointment)
  delete(@Payload() message: Message) {
    return this.appointments.delete(callerOf(message), customerIdOf(message.id), appointmentIdOf(message.itemId));
  }

  @MessagePattern(CustomersB2BPatterns.listAppointments)
  list(@Payload() message: Message) {
    return this.appointments.list(callerOf(message), customerIdOf(message.id), objectOf(message.query, 'query', false));
  }
}
