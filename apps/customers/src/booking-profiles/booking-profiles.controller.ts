import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { callerOf, customerIdOf, objectOf } from '@app/common';
import { CustomersPatterns } from '@app/contracts';
import { BookingProfilesService } from './booking-profiles.service';

type Message = Record<string, unknown>;

@Controller()
export class BookingProfilesController {
  constructor(private readonly profiles: BookingProfilesService) {}

  /** customers.latestDetails.get `{ id }` → LatestDetailsView, or null before any booking (C5). */
  @MessagePattern(CustomersPatterns.getLatestDetails)
  latestDetails(@Payload() message: Message) {
    return this.profiles.latestDetails(callerOf(message), customerIdOf(message.id));
  }

  /** customers.knownCustomer.list `{ id, query }` → Page<KnownCustomerView> (C6). */
  @MessagePattern(CustomersPatterns.listKnownCustomers)
  knownCustomers(@Payload() message: Message) {
    return this.profiles.knownCustomers(callerOf(message), customerIdOf(message.id), objectOf(message.query, 'query', false));
  }
}
