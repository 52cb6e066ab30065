import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { invalid, type AccountItemEventV1, type AccountItemUpdatedV1, type Deleted, type DomainError, type Page, type PrimaryChangedV1 } from '@app/contracts';
import type { Caller } from '@app/common';
import { pageOf, pageRequest } from './account-page';
import type { AccountStore, IdempotentCall } from './account-store.service';
import { changedFields } from './input-reader';
import { markPrimary, primaryState, unmarkPrimary, type PrimaryTable } from './primary-items';
import { primaryAfterCreate, primaryAfterDelete, primaryAfterSwitch } from './primary-rules';

/** What a section with a primary item (locations, contacts) stores; rows carry `seq` and `is_primary`. */
export interface PrimaryItemRepository<Row extends { id: string; seq: string }, Item> {
  insert(em: EntityManager, tenantId: string, customerId: string, id: string, item: Item, primary: boolean): Promise<Row>;
  update(em: EntityManager, tenantId: string, id: string, item: Item): Promise<Row>;
  /** The item of this customer, locked for the transaction. */
  lock(em: EntityManager, tenantId: string, customerId: string, id: string): Promise<Row | null>;
  get(em: EntityManager, tenantId: string, id: string): Promise<Row>;
  delete(em: EntityManager, tenantId: string, id: string): Promise<void>;
  /** Primary first, then oldest first; `limit + 1` rows after the cursor (value "<0|1>:<seq>"). */
  page(em: EntityManager, tenantId: string, customerId: string, filter: Record<string, unknown>, after: { primaryRank: number; seq: string } | null, limit: number): Promise<Row[]>;
}

export interface PrimarySectionSpec<Row extends { id: string; seq: string; is_primary: boolean }, Item, View> {
  table: PrimaryTable;
  sort: string;
  notFound: () => DomainError;
  events: { created: string; updated: string; deleted: string; primaryChanged: string };
  /** Pattern of the create message (scope of its Idempotency-Key). */
  createPattern: string;
  repository: PrimaryItemRepository<Row, Item>;
  toView(row: Row): View;
}

/**
 * The flows of a section where a customer with items has exactly one primary (C12, C13):
 * every change runs under the customer's exclusive lock, decides the primary with the pure
 * rules, and publishes primaryChanged whenever the primary item changes (also when the first
 * item is created or the primary is deleted).
 */
export class PrimarySection<Row extends { id: string; seq: string; is_primary: boolean }, Item, View extends object> {
  constructor(
    private readonly store: AccountStore,
    private readonly spec: PrimarySectionSpec<Row, Item, View>,
  ) {}

  async create(caller: Caller, customerId: string, item: Item, makePrimary: boolean, idempotency: Omit<IdempotentCall, 'scope'>): Promise<View> {
    const { tenantId } = caller;
    const { table, repository, events } = this.spec;
    return this.store.write(
      caller,
      async (em) => {
        await this.store.lockCustomer(em, tenantId, customerId, 'exclusive');
        const state = await primaryState(em, table, tenantId, customerId);
        const id = randomUUID();
        const primaryId = primaryAfterCreate(state, id, makePrimary);
        if (primaryId === id && state.primaryId) await unmarkPrimary(em, table, tenantId, customerId);
        const view = this.spec.toView(await repository.insert(em, tenantId, customerId, id, item, primaryId === id));
        await this.store.emit<AccountItemEventV1<View>>(em, caller, events.created, { customerId, item: view });
        await this.primaryChanged(em, caller, customerId, state.primaryId, primaryId);
        return view;
      },
      { ...idempotency, scope: `${this.spec.createPattern}:${customerId}` },
    );
  }

  async update(caller: Caller, customerId: string, itemId: string, change: (before: View) => Item): Promise<View> {
    const { tenantId } = caller;
    const { repository } = this.spec;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      const row = await repository.lock(em, tenantId, customerId, itemId);
      if (!row) throw this.spec.notFound();
      const before = this.spec.toView(row);
      const item = change(before);
      const changed = changedFields(before, { ...before, ...item });
      if (changed.length === 0) return before;
      const view = this.spec.toView(await repository.update(em, tenantId, itemId, item));
      await this.store.emit<AccountItemUpdatedV1<View>>(em, caller, this.spec.events.updated, { customerId, item: view, changed });
      return view;
    });
  }

  async delete(caller: Caller, customerId: string, itemId: string): Promise<Deleted> {
    const { tenantId } = caller;
    const { table, repository } = this.spec;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'exclusive');
      const row = await repository.lock(em, tenantId, customerId, itemId);
      if (!row) throw this.spec.notFound();
      const state = await primaryState(em, table, tenantId, customerId);
      await repository.delete(em, tenantId, itemId);
      const primaryId = primaryAfterDelete(state, itemId);
      if (primaryId && primaryId !== state.primaryId) await markPrimary(em, table, tenantId, primaryId);
      await this.store.emit<AccountItemEventV1<View>>(em, caller, this.spec.events.deleted, { customerId, item: this.spec.toView(row) });
      await this.primaryChanged(em, caller, customerId, state.primaryId, primaryId);
      return { id: itemId, deleted: true as const };
    });
  }

  async makePrimary(caller: Caller, customerId: string, itemId: string): Promise<View> {
    const { tenantId } = caller;
    const { table, repository } = this.spec;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'exclusive');
      const row = await repository.lock(em, tenantId, customerId, itemId);
      if (!row) throw this.spec.notFound();
      if (row.is_primary) return this.spec.toView(row);
      const state = await primaryState(em, table, tenantId, customerId);
      const primaryId = primaryAfterSwitch(state, itemId);
      await unmarkPrimary(em, table, tenantId, customerId);
      await markPrimary(em, table, tenantId, primaryId);
      await this.primaryChanged(em, caller, customerId, state.primaryId, primaryId);
      return this.spec.toView(await repository.get(em, tenantId, itemId));
    });
  }

  async list(caller: Caller, customerId: string, query: Record<string, unknown>, filter: Record<string, unknown> = {}): Promise<Page<View>> {
    const request = pageRequest(query, this.spec.sort);
    let after: { primaryRank: number; seq: string } | null = null;
    if (request.after) {
      const match = /^([01]):(\d{1,19})$/.exec(request.after.value);
      if (!match) throw invalid({ cursor: ['is not a cursor from this list'] });
      after = { primaryRank: Number(match[1]), seq: match[2] };
    }
    const em = this.store.reader;
    const rows = await this.spec.repository.page(em, caller.tenantId, customerId, filter, after, request.limit);
    // Items exist only for live customers: only an empty page needs to ask whether the customer does.
    if (rows.length === 0) await this.store.assertCustomer(em, caller.tenantId, customerId);
    return pageOf(rows, request, this.spec.sort, (r) => ({ value: `${r.is_primary ? 0 : 1}:${r.seq}`, id: r.id }), (r) => this.spec.toView(r));
  }

  private async primaryChanged(em: EntityManager, caller: Caller, customerId: string, previousPrimaryId: string | null, primaryId: string | null): Promise<void> {
    if (primaryId === previousPrimaryId) return;
    await this.store.emit<PrimaryChangedV1>(em, caller, this.spec.events.primaryChanged, { customerId, primaryId, previousPrimaryId });
  }
}
