import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  conflict,
  CustomerB2BEvents,
  CustomersB2BErrorCodes,
  invalid,
  notFound,
  type BrandChangedV1,
  type BrandView,
  type Deleted,
  type Page,
  type SalesRepChangedV1,
  type SalesRepView,
} from '@app/contracts';
import type { Caller } from '@app/common';
import type { EntityManager } from 'typeorm';
import { pageOf, pageRequest } from '../shared/account-page';
import { AccountStore } from '../shared/account-store.service';
import { readFilters } from '../shared/input-reader';
import { pgCode } from '../shared/sql';
import { readBrandInput, readSalesRepInput, type SalesRepFields } from './commission-rules';
import { BrandsRepository, toBrandView, toSalesRepView } from './brands.repository';

export const brandNotFound = () => notFound('Brand', CustomersB2BErrorCodes.brandNotFound);
export const salesRepNotFound = () => notFound('Sales rep', CustomersB2BErrorCodes.salesRepNotFound);
const brandExists = (name: string) => conflict(CustomersB2BErrorCodes.brandExists, `A brand named "${name}" exists already`);

/** The tenant's brands (with their default rate) and sales reps (with their rates) for C15. */
@Injectable()
export class BrandsService {
  constructor(
    private readonly store: AccountStore,
    private readonly repository: BrandsRepository,
  ) {}

  async listBrands(caller: Caller, query: Record<string, unknown>): Promise<Page<BrandView>> {
    readFilters(query, {});
    const request = pageRequest(query, 'brands:name');
    const rows = await this.repository.brandsPage(this.store.reader, caller.tenantId, request);
    return pageOf(rows, request, 'brands:name', (r) => ({ value: r.sort_name, id: r.id }), toBrandView);
  }

  async createBrand(caller: Caller, input: Record<string, unknown>): Promise<BrandView> {
    const fields = readBrandInput(input, 'create');
    return this.uniqueName(fields.name!, () =>
      this.store.write(caller, async (em) => {
        const brand = await this.repository.insertBrand(em, caller.tenantId, randomUUID(), fields.name!, fields.defaultRateBps!);
        await this.store.emit<BrandChangedV1>(em, caller, CustomerB2BEvents.brandCreated, { brand });
        return brand;
      }),
    );
  }

  async updateBrand(caller: Caller, brandId: string, input: Record<string, unknown>): Promise<BrandView> {
    const fields = readBrandInput(input, 'update');
    return this.uniqueName(fields.name ?? '', () =>
      this.store.write(caller, async (em) => {
        const before = await this.repository.lockBrand(em, caller.tenantId, brandId, 'update');
        if (!before) throw brandNotFound();
        const name = fields.name ?? before.name;
        const rate = fields.defaultRateBps ?? before.defaultRateBps;
        if (name === before.name && rate === before.defaultRateBps) return before;
        const brand = await this.repository.updateBrand(em, caller.tenantId, brandId, name, rate);
        await this.store.emit<BrandChangedV1>(em, caller, CustomerB2BEvents.brandUpdated, { brand });
        return brand;
      }),
    );
  }

  /** 409 brand_in_use while a customer has the brand (remove it from them first). */
  async deleteBrand(caller: Caller, brandId: string): Promise<Deleted> {
    try {
      return await this.store.write(caller, async (em) => {
        const brand = await this.repository.lockBrand(em, caller.tenantId, brandId, 'update');
        if (!brand) throw brandNotFound();
        await this.repository.deleteBrand(em, caller.tenantId, brandId);
        await this.store.emit<BrandChangedV1>(em, caller, CustomerB2BEvents.brandDeleted, { brand });
        return { id: brandId, deleted: true as const };
      });
    } catch (e) {
      if (pgCode(e) === '23503') throw conflict(CustomersB2BErrorCodes.brandInUse, 'Customers have this brand; remove it from them first');
      throw e;
    }
  }

  async listSalesReps(caller: Caller, query: Record<string, unknown>): Promise<Page<SalesRepView>> {
    readFilters(query, {});
    const request = pageRequest(query, 'salesReps:name');
    const rows = await this.repository.salesRepsPage(this.store.reader, caller.tenantId, request);
    return pageOf(rows, request, 'salesReps:name', (r) => ({ value: r.sort_name, id: r.id }), toSalesRepView);
  }

  async createSalesRep(caller: Caller, input: Record<string, unknown>): Promise<SalesRepView> {
    const fields = readSalesRepInput(input, 'create');
    return this.uniqueUser(() =>
      this.store.write(caller, async (em) => {
        const salesRep = await this.save(em, caller.tenantId, randomUUID(), null, fields);
        await this.store.emit<SalesRepChangedV1>(em, caller, CustomerB2BEvents.salesRepCreated, { salesRep });
        return salesRep;
      }),
    );
  }

  async updateSalesRep(caller: Caller, salesRepId: string, input: Record<string, unknown>): Promise<SalesRepView> {
    const fields = readSalesRepInput(input, 'update');
    return this.uniqueUser(() =>
      this.store.write(caller, async (em) => {
        const before = await this.repository.salesRep(em, caller.tenantId, salesRepId, 'FOR UPDATE');
        if (!before) throw salesRepNotFound();
        const salesRep = await this.save(em, caller.tenantId, salesRepId, before, fields);
        if (JSON.stringify({ ...salesRep, updatedAt: '' }) === JSON.stringify({ ...before, updatedAt: '' })) return before;
        await this.store.emit<SalesRepChangedV1>(em, caller, CustomerB2BEvents.salesRepUpdated, { salesRep });
        return salesRep;
      }),
    );
  }

  /** The rep's customers keep no sales rep (their brands fall back to the brand's rate). */
  async deleteSalesRep(caller: Caller, salesRepId: string): Promise<Deleted> {
    return this.store.write(caller, async (em) => {
      const salesRep = await this.repository.salesRep(em, caller.tenantId, salesRepId, 'FOR UPDATE');
      if (!salesRep) throw salesRepNotFound();
      await this.repository.deleteSalesRep(em, caller.tenantId, salesRepId);
      await this.store.emit<SalesRepChangedV1>(em, caller, CustomerB2BEvents.salesRepDeleted, { salesRep });
      return { id: salesRepId, deleted: true as const };
    });
  }

  private async save(em: EntityManager, tenantId: string, id: string, before: SalesRepView | null, f: SalesRepFields): Promise<SalesRepView> {
    const rates = f.brandRates ?? before?.brandRates ?? [];
    const unknown = await this.repository.unknownBrands(em, tenantId, rates.map((r) => r.brandId));
    if (unknown.length) throw invalid({ brandRates: [`no brand has the id ${unknown.join(', ')}`] });
    await this.repository.upsertSalesRep(em, tenantId, id, {
      name: f.name ?? before!.name,
      email: f.email === undefined ? (before?.email ?? null) : f.email,
      userId: f.userId === undefined ? (before?.userId ?? null) : f.userId,
      defaultRateBps: f.defaultRateBps === undefined ? (before?.defaultRateBps ?? null) : f.defaultRateBps,
    });
    if (f.brandRates !== undefined) await this.repository.replaceBrandRates(em, tenantId, id, f.brandRates);
    return (await this.repository.salesRep(em, tenantId, id))!;
  }

  private async uniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (pgCode(e) === '23505') throw brandExists(name);
      throw e;
    }
  }

  private async uniqueUser<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (pgCode(e) === '23505') throw conflict(CustomersB2BErrorCodes.salesRepExists, 'Another sales rep has this userId');
      throw e;
    }
  }
}
