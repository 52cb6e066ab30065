import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CustomersPatterns, DomainError, ErrorCodes, notFound } from '@app/contracts';
import { CustomerDirectory, ServiceRpc } from '@app/platform';

export const customerNotFound = () => notFound('Customer', ErrorCodes.customerNotFound);

/**
 * Whether a customer id names a live customer of the tenant. The service's directory (kept from
 * customer events) answers almost always; it lags the customers service by moments, so an id it
 * does not know (or knows as deleted) is asked of the customers service before answering 404.
 */
@Injectable()
export class LiveCustomers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CustomerDirectory,
    private readonly rpc: ServiceRpc,
  ) {}

  async assertLive(tenantId: string, customerId: string): Promise<void> {
    if (await this.directory.get(this.dataSource.manager, tenantId, customerId)) return;
    try {
      await this.rpc.send(CustomersPatterns.get, tenantId, { id: customerId });
    } catch (e) {
      if (e instanceof DomainError && e.status === 404) throw customerNotFound();
      throw e;
    }
  }
}
