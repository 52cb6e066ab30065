import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LoyaltyPatterns, type DeletionCheck, type Rpc } from '@app/contracts';

/**
 * L9: a customer may be deleted only when none of their loyalty cards is in a status other than
 * "deleted". Cards arrive with the loyalty issue; until then no customer holds one.
 */
@Controller()
export class CustomerDeletionController {
  @MessagePattern(LoyaltyPatterns.deletionCheck)
  check(@Payload() _request: Rpc<{ customerId: string }>): DeletionCheck {
    return { allowed: true };
  }
}
