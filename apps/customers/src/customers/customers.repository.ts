import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { conflict, ErrorCodes, notFound, type ConsentStatus, type CustomerSnapshot, type CustomerView, type PhoneView } from '@app/contracts';
import type { CursorPosition } from '@app/common';
import { liveCustomerKey, readOnce } from '@app/platform';
import type { ParsedPhone } from './contact-rules';
import { CustomerEmailEntity } from './customer-email.entity';
import { buildListQuery, type ListFilter } from './customer-list.query';
import { CustomerPhoneEntity } from './customer-phone.entity';
import { CustomerTagEntity } from './customer-tag.entity';
import { toCustomerView, type CustomerRow, type EmailRow, type PhoneRow } from './customer-view';

type JsonDates<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };
interface ViewRow extends CustomerRow {
  emails: JsonDates<EmailRow>[];
  phones: JsonDates<PhoneRow>[];
  tags: string[];
}
import { CustomerEntity } from './customer.entity';

export const customerNotFound = () => notFound('Customer', ErrorCodes.customerNotFound);
export const emailTaken = (address?: string) =>
  conflict(
    ErrorCodes.emailTaken,
    address ? `The email address ${address} is already used by another customer` : 'An email address is already used by another customer',
    { field: 'email' },
  );

/** 404 customer_not_found unless the customer is live (for reads; asked once per read scope). */
export function assertLiveCustomer(em: EntityManager, tenantId: string, id: string): Promise<void> {
  return readOnce(liveCustomerKey(tenantId, id), async () => {
    const rows = await em.query(`SELECT 1 FROM customers WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`, [tenantId, id]);
    if (rows.length === 0) throw customerNotFound();
  });
}

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

  assertLive(em: EntityManager, tenantId: string, id: string): Promise<void> {
    return assertLiveCustomer(em, tenantId, id);
  }

  async view(em: EntityManager, tenantId: string, id: string): Promise<CustomerView> {
    const [view] = await this.loadViews(em, tenantId, [id], { liveOnly: true });
    if (!view) throw customerNotFound();
    return view;
  }

  /** Views of several customers, in the order given. */
  async views(em: EntityManager, tenantId: string, customers: Array<{ id: string }>): Promise<CustomerView[]> {
    return this.loadViews(em, tenantId, customers.map((c) => c.id), { liveOnly: false });
  }

  /**
   * One round trip for the customers with their emails, phones and tags (no N+1, and no
   * query per child table: on this platform each query's socket write is a large part of the
   * cost of answering).
   */
  private async loadViews(em: EntityManager, tenantId: string, ids: string[], options: { liveOnly: boolean }): Promise<CustomerView[]> {
    if (ids.length === 0) return [];
    const rows: ViewRow[] = await em.query(
      `SELECT c.id, c.kind, c.first_name AS "firstName", c.last_name AS "lastName", c.company_name AS "companyName",
              c.gender, to_char(c.birth_date, 'YYYY-MM-DD') AS "birthDate", c.country, c.city, c.source, c.utm,
              c.attributes, c.registered_at AS "registeredAt", c.first_seen_at AS "firstSeenAt", c.updated_at AS "updatedAt",
              (SELECT coalesce(json_agg(json_build_object('address', e.address, 'status', e.status,
                        'isPrimary', e.is_primary, 'createdAt', e.created_at)), '[]')
                 FROM customer_emails e WHERE e.tenant_id = c.tenant_id AND e.customer_id = c.id) AS emails,
              (SELECT coalesce(json_agg(json_build_object('number', p.number, 'type', p.type, 'status', p.status,
                        'isPrimary', p.is_primary, 'createdAt', p.created_at)), '[]')
                 FROM customer_phones p WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id) AS phones,
              (SELECT coalesce(array_agg(t.tag), '{}') FROM customer_tags t
                WHERE t.tenant_id = c.tenant_id AND t.customer_id = c.id) AS tags
         FROM customers c
        WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[])${options.liveOnly ? ' AND c.deleted_at IS NULL' : ''}`,
      [tenantId, ids],
    );
    const byId = new Map(
      rows.map((r) => [
        r.id,
        toCustomerView(
          r,
          r.emails.map((e) => ({ ...e, createdAt: new Date(e.createdAt) })),
          r.phones.map((p) => ({ ...p, createdAt: new Date(p.createdAt) })),
          r.tags,
        ),
      ]),
    );
    return ids.map((id) => byId.get(id)).filter((v): v is CustomerView => v !== undefined);
  }

  /** What events carry about a customer: the view plus the current status of each consent (C7). */
  async snapshot(em: EntityManager, tenantId: string, view: CustomerView): Promise<CustomerSnapshot> {
    const rows: Array<{ key: string; status: ConsentStatus }> = await em.query(
      `SELECT key, status FROM consents WHERE tenant_id = $1 AND customer_id = $2 ORDER BY key`,
      [tenantId, view.id],
    );
    return { ...view, consents: Object.fromEntries(rows.map((r) => [r.key, r.status])) };
  }

  async findIdByEmail(em: EntityManager, tenantId: string, address: string): Promise<string | null> {
    const row = await em.findOneBy(CustomerEmailEntity, { tenantId, address });
    return row?.customerId ?? null;
  }

  /** One page of live customers in list order, and the position after its last row when more follow. */
  async listPage(em: EntityManager, tenantId: string, filter: ListFilter): Promise<{ customers: Array<{ id: string }>; next: CursorPosition | null }> {
    const { sql, params } = buildListQuery(tenantId, filter);
    const rows: Array<{ id: string; cursor_value: string }> = await em.query(sql, params);
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      customers: page.map((r) => ({ id: r.id })),
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
