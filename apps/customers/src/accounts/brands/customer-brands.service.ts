import { Injectable } from '@nestjs/common';
import {
  CUSTOMER_BRAND_STATUSES,
  CustomerB2BEvents,
  CustomersB2BErrorCodes,
  invalid,
  notFound,
  type AccountSalesRepChangedV1,
  type AccountSalesRepView,
  type CustomerBrandCreatedV1,
  type CustomerBrandDeletedV1,
  type CustomerBrandStatus,
  type CustomerBrandUpdatedV1,
  type CustomerBrandView,
  type Deleted,
  type Page,
} from '@app/contracts';
import { isUuid, type Caller } from '@app/common';
import { pageOf, pageRequest } from '../shared/account-page';
import { AccountStore } from '../shared/account-store.service';
import { changedFields, readFilters } from '../shared/input-reader';
import { brandNotFound, salesRepNotFound } from './brands.service';
import { BrandsRepository } from './brands.repository';
import { readCustomerBrandInput, toCustomerBrandView } from './commission-rules';

const SORT = 'customerBrands:name';
const customerBrandNotFound = () => notFound('Brand of the customer', CustomersB2BErrorCodes.customerBrandNotFound);

/**
 * A customer's brands, Active or Potential, with the customer's id at the brand and own rate,
 * each shown with the effective commission rate and its source (C15); and the customer's sales
 * rep (one per account, set by staff), whose rates come between the customer's and the brand's.
 */
@Injectable()
export class CustomerBrandsService {
  constructor(
    private readonly store: AccountStore,
    private readonly repository: BrandsRepository,
  ) {}

  async getSalesRep(caller: Caller, customerId: string): Promise<AccountSalesRepView> {
    const em = this.store.reader;
    await this.store.assertCustomer(em, caller.tenantId, customerId);
    const assigned = await this.repository.accountSalesRep(em, caller.tenantId, customerId);
    const salesRep = assigned ? await this.repository.salesRep(em, caller.tenantId, assigned.salesRepId) : null;
    return { customerId, salesRep, assignedAt: assigned && salesRep ? assigned.assignedAt.toISOString() : null };
  }

  /** Assigns the customer's sales rep (null: none). */
  async setSalesRep(caller: Caller, customerId: string, salesRepId: unknown): Promise<AccountSalesRepView> {
    if (salesRepId !== null && !isUuid(salesRepId)) throw invalid({ salesRepId: ['salesRepId must be a sales rep id or null'] });
    const repId = salesRepId === null ? null : salesRepId.toLowerCase();
    const { tenantId } = caller;
    await this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'exclusive');
      if (repId && !(await this.repository.salesRep(em, tenantId, repId, 'FOR KEY SHARE'))) throw salesRepNotFound();
      const previous = (await this.repository.accountSalesRep(em, tenantId, customerId))?.salesRepId ?? null;
      if (previous === repId) return;
      await this.repository.setAccountSalesRep(em, tenantId, customerId, repId);
      await this.store.emit<AccountSalesRepChangedV1>(em, caller, CustomerB2BEvents.accountSalesRepChanged, {
        customerId,
        salesRepId: repId,
        previousSalesRepId: previous,
      });
    });
    return this.getSalesRep(caller, customerId);
  }

  /** By brand name; filter status (active/potential). */
  async list(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<CustomerBrandView>> {
    const filter = readFilters(query, { status: { kind: 'oneOf', values: CUSTOMER_BRAND_STATUSES } });
    const request = pageRequest(query, SORT);
    const em = this.store.reader;
    const rows = await this.repository.customerBrandsPage(em, caller.tenantId, customerId, filter.status as CustomerBrandStatus | undefined, request);
    // Items exist only for live customers: only an empty page needs to ask whether the customer does.
    if (rows.length === 0) await this.store.assertCustomer(em, caller.tenantId, customerId);
    return pageOf(rows, request, SORT, (r) => ({ value: r.sort_name, id: r.brand_id }), toCustomerBrandView);
  }

  /** Creates or replaces the customer's brand (status, the id the brand knows them by, own rate). */
  async set(caller: Caller, customerId: string, brandId: string, input: Record<string, unknown>): Promise<CustomerBrandView> {
    const fields = readCustomerBrandInput(input);
    const { tenantId } = caller;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      if (!(await this.repository.lockBrand(em, tenantId, brandId, 'key share'))) throw brandNotFound();
      const existed = await this.repository.lockCustomerBrand(em, tenantId, customerId, brandId);
      const beforeRow = existed ? await this.repository.customerBrand(em, tenantId, customerId, brandId) : null;
      const unchanged =
        beforeRow && beforeRow.status === fields.status && beforeRow.brand_customer_id === fields.brandCustomerId && beforeRow.rate_bps === fields.rateBps;
      if (unchanged) return toCustomerBrandView(beforeRow);
      await this.repository.upsertCustomerBrand(em, tenantId, customerId, brandId, fields);
      const view = toCustomerBrandView((await this.repository.customerBrand(em, tenantId, customerId, brandId))!);
      if (!beforeRow) {
        await this.store.emit<CustomerBrandCreatedV1>(em, caller, CustomerB2BEvents.customerBrandCreated, { customerId, item: view });
        return view;
      }
      const changed = changedFields(toCustomerBrandView(beforeRow), view);
      await this.store.emit<CustomerBrandUpdatedV1>(em, caller, CustomerB2BEvents.customerBrandUpdated, { customerId, item: view, changed });
      return view;
    });
  }

  async remove(caller: Caller, customerId: string, brandId: string): Promise<Deleted> {
    const { tenantId } = caller;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      if (!(await this.repository.lockCustomerBrand(em, tenantId, customerId, brandId))) throw customerBrandNotFound();
      const item = toCustomerBrandView((await this.repository.customerBrand(em, tenantId, customerId, brandId))!);
      await this.repository.deleteCustomerBrand(em, tenantId, customerId, brandId);
      await this.store.emit<CustomerBrandDeletedV1>(em, caller, CustomerB2BEvents.customerBrandDeleted, { customerId, item });
      return { id: brandId, deleted: true as const };
    });
  }
}
