import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomersPatterns } from '@app/contracts';
import { callerOf, objectOf } from '@app/common';
import { AttributesService } from './attributes.service';

type Message = Record<string, unknown>;

/** Custom attribute definitions (C4) over NATS. */
@Controller()
export class AttributesController {
  constructor(private readonly attributes: AttributesService) {}

  /** customers.attribute.list `{}` → AttributeDefinitionView[] in display order (`order`, then key). */
  @MessagePattern(CustomersPatterns.listAttributes)
  list(@Payload() message: Message) {
    return this.attributes.list(callerOf(message));
  }

  /**
   * customers.attribute.create `{ input: CreateAttributeInput }` → AttributeDefinitionView.
   * Types string, number, date (YYYY-MM-DD), boolean, enum (needs options); 409 attribute_exists.
   */
  @MessagePattern(CustomersPatterns.createAttribute)
  create(@Payload() message: Message) {
    return this.attributes.create(callerOf(message), objectOf(message.input, 'input'));
  }
}
