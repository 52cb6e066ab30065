import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { callerOf, idOf } from '@app/common';
import { CustomersPatterns, ErrorCodes } from '@app/contracts';
import { CustomerDeletions } from './customer-deletions';

type Message = Record<string, unknown>;

@Controller()
export class CustomerDeletionsController {
  constructor(private readonly deletions: CustomerDeletions) {}

  /** customers.deletion.get `{ id }` → CustomerDeletionView (who asked, when, each service's erasure); 404 deletion_not_found. */
  @MessagePattern(CustomersPatterns.getDeletion)
  get(@Payload() message: Message) {
    return this.deletions.get(callerOf(message), idOf(message.id, 'Deletion', ErrorCodes.deletionNotFound));
  }
}
