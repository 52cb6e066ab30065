import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomersB2BErrorCodes, CustomersB2BPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { LocationsService } from './locations.service';

type Message = Record<string, unknown>;
const locationIdOf = (value: unknown) => idOf(value, 'Location', CustomersB2BErrorCodes.locationNotFound);

/** Locations (C12) over NATS; shapes in CustomersB2BPatterns. */
@Controller()
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @MessagePattern(CustomersB2BPatterns.createLocation)
  create(@Payload() message: Message) {
    return this.locations.create(callerOf(message), customerIdOf(message.id), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  @MessagePattern(CustomersB2BPatterns.updateLocation)
  update(@Payload() message: Message) {
    return this.locations.update(callerOf(message), customerIdOf(message.id), locationIdOf(message.itemId), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.deleteLocation)
  delete(@Payload() message: Message) {
    return this.locations.delete(callerOf(message), customerIdOf(message.id), locationIdOf(message.itemId));
  }

  @MessagePattern(CustomersB2BPatterns.makeLocationPrimary)
  makePrimary(@Payload() message: Message) {
    return this.locations.makePrimary(callerOf(message), customerIdOf(message.id), locationIdOf(message.itemId));
  }

  @MessagePattern(CustomersB2BPatterns.listLocations)
  list(@Payload() message: Message) {
    return this.locations.list(callerOf(message), customerIdOf(message.id), objectOf(message.query, 'query', false));
  }
}
