import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { conflict, ErrorCodes, notFound, type CustomerView, type PhoneView } from '@app/contracts';
import type { CursorPosition } from '../common/page';
import type { ParsedPhone } from './contact-rules';
import { CustomerEmailEntity } from './customer-email.entity';
import { buildListQuery, type ListFilter } from './customer-list.query';
import { CustomerPhoneEntity } from './customer-phone.entity';
import { CustomerTagEntity } from './customer-tag.entity';
import { toCustomerView } from './customer-view';
import { CustomerEntity } from './customer.entity';

export const customerNotFound = () => notFound('Customer', ErrorCodes.customerNotFound);
export const emailTaken = (address?: string) =>
  conflict(
    ErrorCodes.emailTaken,
    address ? `The email address ${address} is already used by another customer` : 'An email address is already used by another customer',
    { field: 'email' },
  );

/**
 * Data access for customers and their emails, phones and tags. Every method takes the
 * EntityManager of the caller's transaction and filters by tenant; no business rules here.
 */
@Injectable()
export class CustomersRepository {
  /** A live (not deleted) customer, locked for the rest of the transaction; 404 otherwise. */
  async lockLive(em: EntityManager, tenantId: string, id: string): Promise<CustomerEntity> {
    const customer = await em.findOne(CustomerEntity, {
      where: { tenantId, id, deletedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!customer) throw customerNotFound();
    return customer;
  }

  async findLive(em: EntityManager, tenantId: string, id: string): Promise<CustomerEntity | null> {
    return em.findOneBy(CustomerEntity, { tenantId, id, deletedAt: IsNull() });
  }

  async view(em: EntityManager, tenantId: string, id: string): Promise<CustomerView> {
    const customer = await this.findLive(em, tenantId, id);
    if (!customer) throw customerNotFound();
    return (await this.views(em, tenantId, [customer]))[0];
  }

  /** Views of several customers with one query each for emails, phones and tags (no N+1). */
  async views(em: EntityManager, tenantId: string, customers: CustomerEntity[]): Promise<CustomerView[]> {
    if (customers.length === 0) return [];
    const ids = customers.map((c) => c.id);
    // One after the other: inside a transaction they share one connection.
    const emails = await em.findBy(CustomerEmailEntity, { tenantId, customerId: In(ids) });
    const phones = await em.findBy(CustomerPhoneEntity, { tenantId, customerId: In(ids) });
    const tags = await em.findBy(CustomerTagEntity, { tenantId, customerId: In(ids) });
    return customers.map((c) =>
      toCustomerView(
        c,
        emails.filter((e) => e.customerId === c.id),
        phones.filter((p) => p.customerId === c.id),
        tags.filter((t) => t.customerId === c.id).map((t) => t.tag),
      ),
    );
  }

  async findIdByEmail(em: EntityManager, tenantId: string, address: string): Promise<string | null> {
    const row = await em.findOneBy(CustomerEmailEntity, { tenantId, address });
    return row?.customerId ?? null;
  }

  /** One page of live customers in list order, and the position after its last row when more follow. */
  async listPage(em: EntityManager, tenantId: string, filter: ListFilter): Promise<{ customers: CustomerEntity[]; next: CursorPosition | null }> {
    const { sql, params } = buildListQuery(tenantId, filter);
    const rows: Array<{ id: string; cursor_value: string }> = await em.query(sql, params);
    const page = rows.slice(0, filter.limit);
    const found = page.length ? await em.findBy(CustomerEntity, { tenantId, id: In(page.map((r) => r.id)) }) : [];
    const byId = new Map(found.map((c) => [c.id, c]));
    const last = page[page.length - 1];
    return {
      customers: page.map((r) => byId.get(r.id)).filter((c): c is CustomerEntity => c !== undefined),
      next: rows.length > filter.limit ? { value: last.cursor_value, id: last.id } : null,
    };
  }

  /** Refuses addresses that another customer of the tenant already has. */
  async assertEmailsFree(em: EntityManager, tenantId: string, addresses: string[], customerId: string | null): Promise<void> {
    if (addresses.length === 0) return;
    const rows = await em.findBy(CustomerEmailEntity, { tenantId, address: In(addresses) });
    const taken = rows.find((r) => r.customerId !== customerId);
    if (taken) throw emailTaken(taken.address);
  }

  async addEmail(em: EntityManager, tenantId: string, customerId: string, address: string, primary: boolean): Promise<void> {
    await em.insert(CustomerEmailEntity, { tenantId, customerId, address, status: 'unverified', isPrimary: primary, createdAt: new Date() });
  }

  /**
   * Makes `address` the primary email. The old primary address leaves the customer (it was
   * either unusable or replaced by the customer), so it is free for reuse in the tenant.
   */
  async replacePrimaryEmail(em: EntityManager, tenantId: string, customerId: string, address: string): Promise<void> {
    await em.delete(CustomerEmailEntity, { tenantId, customerId, isPrimary: true });
    const own = await em.findOneBy(CustomerEmailEntity, { tenantId, customerId, address });
    if (own) {
      await em.update(CustomerEmailEntity, { tenantId, address }, { isPrimary: true });
      return;
    }
    await this.assertEmailsFree(em, tenantId, [address], customerId);
    await this.addEmail(em, tenantId, customerId, address, true);
  }

  async addPhone(em: EntityManager, tenantId: string, customerId: string, phone: ParsedPhone, primary: boolean): Promise<void> {
    await em.insert(CustomerPhoneEntity, {
      tenantId,
      customerId,
      number: phone.number,
      type: phone.type,
      status: 'unverified',
      isPrimary: primary,
      createdAt: new Date(),
    });
  }

  /**
   * Makes `phone` the primary number (the old primary number is removed), or with null removes
   * the primary number and promotes the oldest remaining one.
   */
  async replacePrimaryPhone(em: EntityManager, tenantId: string, customerId: string, phone: ParsedPhone | null, current: PhoneView[]): Promise<void> {
    await em.delete(CustomerPhoneEntity, { tenantId, customerId, isPrimary: true });
    const remaining = current.filter((p) => !p.primary);
    const promote = phone ? remaining.find((p) => p.number === phone.number) : remaining[0];
    if (promote) await em.update(CustomerPhoneEntity, { tenantId, customerId, number: promote.number }, { isPrimary: true });
    else if (phone) await this.addPhone(em, tenantId, customerId, phone, true);
  }

  async replaceTags(em: EntityManager, tenantId: string, customerId: string, tags: string[]): Promise<void> {
    await em.delete(CustomerTagEntity, { tenantId, customerId });
    await this.addTags(em, tenantId, customerId, tags);
  }

  /** Adds tags the customer does not have yet (idempotent). */
  async addTags(em: EntityManager, tenantId: string, customerId: string, tags: string[]): Promise<void> {
    if (tags.length === 0) return;
    await em
      .createQueryBuilder()
      .insert()
      .into(CustomerTagEntity)
      .values(tags.map((tag) => ({ tenantId, customerId, tag, createdAt: new Date() })))
      .orIgnore()
      .execute();
  }

  async removeTag(em: EntityManager, tenantId: string, customerId: string, tag: string): Promise<void> {
    await em.delete(CustomerTagEntity, { tenantId, customerId, tag });
  }
}
