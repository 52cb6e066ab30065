import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { ErrorCodes, LoyaltyPatterns, type DeletionCheck } from '@app/contracts';
import { callerOf, customerIdOf } from '@app/common';
import { CardsRepository } from '../cards/cards.repository';

/**
 * L9: a customer may be deleted only when none of their loyalty cards is in a status other than
 * "deleted". The gateway asks before it lets the customers service erase.
 */
@Controller()
export class CustomerDeletionController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: CardsRepository,
  ) {}

  /** loyalty.customer.deletionCheck `{ customerId }` → DeletionCheck. */
  @MessagePattern(LoyaltyPatterns.deletionCheck)
  async check(@Payload() message: Record<string, unknown>): Promise<DeletionCheck> {
    const { tenantId } = callerOf(message);
    const customerId = customerIdOf(message.customerId);
    if (await this.cards.hasActiveCard(this.dataSource.manager, tenantId, customerId)) {
      return {
        allowed: false,
        code: ErrorCodes.activeLoyaltyCard,
        reason: 'The customer holds a loyalty card that is not deleted; set its status to deleted first',
      };
    }
    return { allowed: true };
  }
}
