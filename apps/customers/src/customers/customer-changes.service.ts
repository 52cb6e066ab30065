import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomerEvents, type CustomerUpdatedV1, type CustomerView } from '@app/contracts';
import { OutboxService } from '@app/platform';
import { type Caller, uniqueViolation } from '@app/common';
import { EMAIL_UNIQUE_CONSTRAINT } from './customer-email.entity';
import { changedFields } from './customer-view';
import { CustomerEntity } from './customer.entity';
import { CustomersRepository, emailTaken } from './customers.repository';

export interface CustomerChange<T> {
  customer: CustomerView;
  changed: string[];
  result: T;
}

/**
 * The one way a customer is changed: in a transaction, with the customer row locked; what
 * changed is found by comparing the views before and after, and a customer.updated event goes
 * to the outbox in the same transaction. The relay is woken after commit.
 */
@Injectable()
export class CustomerChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CustomersRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** Runs `work` in one transaction; an address taken meanwhile by another customer is 409 email_taken. */
  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await this.dataSource.transaction(work);
    } catch (e) {
      if (uniqueViolation(e) === EMAIL_UNIQUE_CONSTRAINT) throw emailTaken();
      throw e;
    }
    this.outbox.flush();
    return result;
  }

  /**
   * Applies `work` to a live customer (404 when absent, deleted or of another tenant).
   * `alsoChanged` names changes the view does not show (e.g. "consents").
   */
  async change<T>(
    caller: Caller,
    id: string,
    work: (em: EntityManager, before: CustomerView, entity: CustomerEntity) => Promise<T>,
    alsoChanged: string[] = [],
  ): Promise<CustomerChange<T>> {
    return this.transaction((em) => this.changeIn(em, caller, id, work, alsoChanged));
  }

  /** As change(), inside the caller's transaction (e.g. an event consumer's). */
  async changeIn<T>(
    em: EntityManager,
    caller: Caller,
    id: string,
    work: (em: EntityManager, before: CustomerView, entity: CustomerEntity) => Promise<T>,
    alsoChanged: string[] | ((result: T) => string[]) = [],
  ): Promise<CustomerChange<T>> {
    const { tenantId, actor } = caller;
    const entity = await this.repository.lockLive(em, tenantId, id);
    const [before] = await this.repository.views(em, tenantId, [entity]);
    const result = await work(em, before, entity);
    let after = await this.repository.view(em, tenantId, id);
    const changed = [...changedFields(before, after), ...(typeof alsoChanged === 'function' ? alsoChanged(result) : alsoChanged)];
    if (changed.length > 0) {
      const now = new Date();
      await em.update(CustomerEntity, { tenantId, id }, { updatedAt: now });
      after = { ...after, updatedAt: now.toISOString() };
      const snapshot = await this.repository.snapshot(em, tenantId, after);
      await this.outbox.enqueue<CustomerUpdatedV1>(em, { type: CustomerEvents.updated, tenantId, actor, data: { customer: snapshot, changed } });
    }
    return { customer: after, changed, result };
  }
}
