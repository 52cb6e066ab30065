import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CustomersPatterns, DomainError, ErrorCodes, notFound, type CustomerView } from '@app/contracts';
import { CustomerDirectory, ServiceRpc, type CustomerRef } from '@app/platform';

/**
 * A customer named by id must be a live customer of the tenant. The directory (kept from
 * customer events) answers almost always; a customer created a moment ago may not be in it
 * yet, so the customers service is asked before refusing.
 */
@Injectable()
export class CustomerResolver {
  constructor(
    private readonly directory: CustomerDirectory,
    private readonly rpc: ServiceRpc,
  ) {}

  async require(em: EntityManager, tenantId: string, customerId: string): Promise<CustomerRef & { emails: string[] }> {
    const known = await this.directory.get(em, tenantId, customerId);
    if (known) {
      const rows: Array<{ email: string }> = await em.query(`SELECT email FROM customer_ref_emails WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
      return { ...known, emails: rows.map((r) => r.email) };
    }
    try {
      const view = await this.rpc.send<CustomerView>(CustomersPatterns.get, tenantId, { id: customerId });
      return { customerId: view.id, email: view.email, firstName: view.firstName, lastName: view.lastName, emails: view.emails.map((e) => e.address) };
    } catch (e) {
      if (e instanceof DomainError && e.status === 404) throw notFound('Customer', ErrorCodes.customerNotFound);
      throw e;
    }
  }
}
