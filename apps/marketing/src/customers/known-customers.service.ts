import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CustomersPatterns, DomainError, ErrorCodes, notFound, type CustomerView } from '@app/contracts';
import { CustomerDirectory, liveCustomerKey, readOnce, ServiceRpc } from '@app/platform';
import { SegmentMembershipService } from '../segments/segment-membership.service';
import { CustomerFactsRepository } from './customer-facts.repository';

export const customerNotFound = () => notFound('Customer', ErrorCodes.customerNotFound);

/** What this service can say about a customer id or email: live here, unknown, or not checkable now. */
export type CustomerCheck = 'known' | 'unknown' | 'unchecked';

/** Questions to the customers service at once, at most. */
const ASK_AT_ONCE = 10;
const isUnavailable = (e: unknown) => e instanceof DomainError && e.status === 503;

/**
 * Whether a customer belongs to the tenant and is live. The answer comes from this service's
 * projections (the platform's customer directory and customer_facts); a customer created
 * moments ago may not have reached them yet, so an id or email not seen here is asked of the
 * customers service (a few at a time), and a customer found is kept in customer_facts. When the
 * customers service does not answer, such an id is `unchecked`.
 */
@Injectable()
export class KnownCustomers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: ServiceRpc,
    private readonly directory: CustomerDirectory,
    private readonly facts: CustomerFactsRepository,
    private readonly membership: SegmentMembershipService,
  ) {}

  /** 404 customer_not_found unless the customer is live in this tenant (503 when that cannot be checked now); asked once per read scope. */
  assertLive(tenantId: string, customerId: string): Promise<void> {
    return readOnce(liveCustomerKey(tenantId, customerId), async () => {
      const state = (await this.checkIds(tenantId, [customerId])).get(customerId);
      if (state === 'unchecked') throw new DomainError(503, ErrorCodes.serviceUnavailable, 'The customers service did not answer, so this customer could not be checked');
      if (state !== 'known') throw customerNotFound();
    });
  }

  async checkIds(tenantId: string, customerIds: string[]): Promise<Map<string, CustomerCheck>> {
    const ids = [...new Set(customerIds)];
    const result = new Map<string, CustomerCheck>();
    if (ids.length === 0) return result;
    const rows: Array<{ customer_id: string; deleted: boolean }> = await this.dataSource.query(
      `SELECT customer_id, bool_or(deleted) AS deleted FROM (
         SELECT customer_id, deleted_at IS NOT NULL AS deleted FROM customer_refs WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])
         UNION ALL
         SELECT customer_id, deleted_at IS NOT NULL FROM customer_facts
          WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) AND (snapshot_at IS NOT NULL OR deleted_at IS NOT NULL)
       ) known GROUP BY customer_id`,
      [tenantId, ids],
    );
    for (const r of rows) result.set(r.customer_id, r.deleted ? 'unknown' : 'known');
    await this.ask(
      ids.filter((id) => !result.has(id)),
      (id) => this.rpc.send<CustomerView>(CustomersPatterns.get, tenantId, { id }),
      tenantId,
      (id, state) => result.set(id, state),
    );
    return result;
  }

  /** Customer id by (lower-case) email; null: no such customer; missing: could not be checked now. */
  async idsByEmails(tenantId: string, emails: string[]): Promise<Map<string, string | null>> {
    const list = [...new Set(emails.map((e) => e.toLowerCase()))];
    const result = new Map<string, string | null>(await this.directory.idsByEmails(this.dataSource.manager, tenantId, list));
    const found = new Map<string, string>();
    await this.ask(
      list.filter((e) => !result.has(e)),
      async (email) => {
        const customer = await this.rpc.send<CustomerView>(CustomersPatterns.getByEmail, tenantId, { email });
        found.set(email, customer.id);
        return customer;
      },
      tenantId,
      (email, state) => {
        if (state === 'known') result.set(email, found.get(email)!);
        else if (state === 'unknown') result.set(email, null);
      },
    );
    return result;
  }

  /** Asks the customers service about each key, a few at a time; a customer found is written to customer_facts. */
  private async ask(keys: string[], get: (key: string) => Promise<CustomerView>, tenantId: string, done: (key: string, state: CustomerCheck) => void): Promise<void> {
    for (let i = 0; i < keys.length; i += ASK_AT_ONCE) {
      await Promise.all(
        keys.slice(i, i + ASK_AT_ONCE).map(async (key) => {
          let customer: CustomerView;
          try {
            customer = await get(key);
          } catch (e) {
            if (e instanceof DomainError && e.status === 404) return done(key, 'unknown');
            if (isUnavailable(e)) return done(key, 'unchecked');
            throw e;
          }
          await this.dataSource.transaction(async (em) => {
            if (await this.facts.applySnapshot(em, tenantId, customer)) {
              await this.membership.reevaluate(em, tenantId, [customer.id], ['tags', 'city', 'country', 'attributes']);
            }
          });
          done(key, 'known');
        }),
      );
    }
  }
}
