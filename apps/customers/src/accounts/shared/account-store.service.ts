import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { IdempotencyService, OutboxService } from '@app/platform';
import type { Caller } from '@app/common';
import { assertLiveCustomer, customerNotFound } from '../../customers/customers.repository';

/**
 * How a customer's account section is locked while it changes:
 * - `share` (FOR KEY SHARE): the customer cannot be erased meanwhile (erasure locks the row
 *   FOR UPDATE, so it waits, and a change that waited on an erasure sees the customer gone: 404);
 *   changes to different items of one customer run side by side.
 * - `exclusive` (FOR NO KEY UPDATE): also one at a time per customer, for the sections whose
 *   rule spans every item (exactly one primary location or contact).
 */
export type CustomerLock = 'share' | 'exclusive';

export interface IdempotentCall {
  key: unknown;
  scope: string;
  request: unknown;
}

/** The transaction, lock and outbox plumbing every B2B section shares. */
@Injectable()
export class AccountStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The manager for reads outside a transaction. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Runs `work` in one transaction (once per Idempotency-Key when one is given), then wakes
   * the outbox relay so the events it enqueued go out at once.
   */
  async write<T>(caller: Caller, work: (em: EntityManager) => Promise<T>, idempotent?: IdempotentCall): Promise<T> {
    const result = idempotent?.key
      ? await this.idempotency.run(caller.tenantId, idempotent.key, idempotent.scope, idempotent.request, work)
      : await this.dataSource.transaction(work);
    this.outbox.flush();
    return result;
  }

  /** Locks the live customer for the rest of the transaction; 404 customer_not_found when absent, erased or of another tenant. */
  async lockCustomer(em: EntityManager, tenantId: string, customerId: string, lock: CustomerLock): Promise<void> {
    const rows = await em.query(
      `SELECT id FROM customers WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR ${lock === 'share' ? 'KEY SHARE' : 'NO KEY UPDATE'}`,
      [tenantId, customerId],
    );
    if (rows.length === 0) throw customerNotFound();
  }

  /** 404 customer_not_found unless the customer is live (for reads). */
  assertCustomer(em: EntityManager, tenantId: string, customerId: string): Promise<void> {
    return assertLiveCustomer(em, tenantId, customerId);
  }

  /** Records an event in the transaction, with the caller as the actor. */
  async emit<T>(em: EntityManager, caller: Caller, type: string, data: T): Promise<void> {
    await this.outbox.enqueue<T>(em, { type, tenantId: caller.tenantId, actor: caller.actor, data });
  }
}
