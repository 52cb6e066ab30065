import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomersPatterns, DomainError, ErrorCodes, notFound, type CustomerView } from '@app/contracts';
import { ServiceRpc } from '@app/platform';
import { CustomerFactsRepository } from './customer-facts.repository';

export const customerNotFound = () => notFound('Customer', ErrorCodes.customerNotFound);

/**
 * Whether a customer id belongs to a live customer of the tenant. The answer comes from this
 * service's projections (the platform's customer directory and customer_facts); a customer
 * created moments ago may not have reached them yet, so an id not seen here is asked of the
 * customers service once, and its answer is kept in customer_facts.
 */
@Injectable()
export class KnownCustomers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: ServiceRpc,
    private readonly facts: CustomerFactsRepository,
  ) {}

  /** 404 customer_not_found unless the customer is live in this tenant. */
  async assertLive(tenantId: string, customerId: string): Promise<void> {
    const missing = await this.unknownOf(tenantId, [customerId]);
    if (missing.length) throw customerNotFound();
  }

  /** The ids among `customerIds` that are not live customers of the tenant (asking the customers service about ids not seen yet). */
  async unknownOf(tenantId: string, customerIds: string[], em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return [];
    const rows: Array<{ customer_id: string; deleted: boolean }> = await em.query(
      `SELECT customer_id, bool_or(deleted) AS deleted FROM (
         SELECT customer_id, deleted_at IS NOT NULL AS deleted FROM customer_refs WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])
         UNION ALL
         SELECT customer_id, deleted_at IS NOT NULL FROM customer_facts WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) AND (snapshot_at IS NOT NULL OR deleted_at IS NOT NULL)
       ) known GROUP BY customer_id`,
      [tenantId, ids],
    );
    const seen = new Map(rows.map((r) => [r.customer_id, r.deleted]));
    const unknown: string[] = [];
    const notSeen = ids.filter((id) => !seen.has(id));
    for (const id of ids) if (seen.get(id) === true) unknown.push(id);
    const asked = await Promise.all(notSeen.map((id) => this.ask(tenantId, id)));
    notSeen.forEach((id, i) => {
      if (!asked[i]) unknown.push(id);
    });
    return unknown;
  }

  /** Asks the customers service; a customer found is written to customer_facts. */
  private async ask(tenantId: string, customerId: string): Promise<boolean> {
    let customer: CustomerView;
    try {
      customer = await this.rpc.send<CustomerView>(CustomersPatterns.get, tenantId, { id: customerId });
    } catch (e) {
      if (e instanceof DomainError && e.status === 404) return false;
      throw e;
    }
    await this.dataSource.transaction((em) => this.facts.applySnapshot(em, tenantId, customer));
    return true;
  }
}
