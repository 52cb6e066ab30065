import { Injectable } from '@nestjs/common';
import { CustomersPatterns, DomainError, ErrorCodes, LoyaltyPatterns, type DeletionCheck } from '@app/contracts';
import type { CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';

/**
 * C18 / L9: loyalty must agree before customers erases. When loyalty does not answer, nothing
 * is deleted (503), so a card can never be orphaned by a deletion that skipped the check.
 */
@Injectable()
export class CustomerDeletion {
  constructor(private readonly rpc: RpcGateway) {}

  async delete(caller: CallContext, id: string): Promise<{ id: string; status: 'deleted' }> {
    const check = await this.rpc.send<DeletionCheck>(LoyaltyPatterns.deletionCheck, caller, { customerId: id });
    if (!check.allowed) {
      throw new DomainError(409, check.code ?? ErrorCodes.conflict, check.reason ?? 'The customer cannot be deleted yet');
    }
    await this.rpc.send(CustomersPatterns.delete, caller, { id });
    return { id, status: 'deleted' };
  }
}
