import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CONTACT_STATUSES,
  CUSTOMER_SORTS,
  CustomerEvents,
  ErrorCodes,
  invalid,
  notFound,
  type ContactStatus,
  type CustomerCreatedV1,
  type CustomerDeletedV1,
  type CustomerSort,
  type CustomerView,
  type FieldErrors,
  type Page,
} from '@app/contracts';
import { OutboxService } from '@app/platform';
import { eraseAccountSections } from '../accounts/account-erasure';
import { AttributesService } from '../attributes/attributes.service';
import { validateAttributeValues } from '../attributes/attribute-rules';
import { type Caller, isIsoDate, isUuid, startOfDay, startOfNextDay, decodeCursor, encodeCursor, pageLimit, isValidEmail, normalizeEmail } from '@app/common';
import { ConsentEntity } from '../consents/consent.entity';
import { ConsentHistoryEntity } from '../consents/consent-history.entity';
import { CUSTOMERS_SETTINGS, type CustomersSettings } from '../customers-settings';
import { CustomerDeletions } from '../deletions/customer-deletions';
import { eraseCustomerProjections } from '../deletions/erase-projections';
import { assertEmailChangeAllowed, type ParsedPhone } from './contact-rules';
import { CustomerChangesService } from './customer-changes.service';
import { CustomerEmailEntity } from './customer-email.entity';
import { normalizeCustomerInput, type CustomerChanges } from './customer-input';
import { CustomerPhoneEntity } from './customer-phone.entity';
import { CustomerTagEntity } from './customer-tag.entity';
import { CustomerEntity } from './customer.entity';
import { customerNotFound, CustomersRepository } from './customers.repository';

const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;
const unique = <T>(items: T[], key: (item: T) => string = String) => [...new Map(items.map((i) => [key(i), i])).values()];

/** Customer records (C1-C4, C17, C18): create, read, list, change, erase. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CustomersRepository,
    private readonly changes: CustomerChangesService,
    private readonly attributes: AttributesService,
    private readonly outbox: OutboxService,
    private readonly deletions: CustomerDeletions,
    @Inject(CUSTOMERS_SETTINGS) private readonly settings: CustomersSettings,
  ) {}

  async create(caller: Caller, input: Record<string, unknown>): Promise<CustomerView> {
    return this.changes.transaction((em) => this.createIn(em, caller, input));
  }

  /**
   * Creates a customer inside the caller's transaction. Profiles made from a booking
   * (`fromBooking`) are first seen at the booking and are not held to required custom
   * attributes (the booking form asked what it asked); with `publish: false` the caller
   * publishes customer.created itself, once it has added more (consents, latest details).
   */
  async createIn(
    em: EntityManager,
    caller: Caller,
    input: Record<string, unknown>,
    options: { fromBooking?: { bookedAt: Date }; publish?: boolean } = {},
  ): Promise<CustomerView> {
    const { tenantId } = caller;
    const { changes, errors } = normalizeCustomerInput(input, { mode: 'create', defaultPhoneCountry: this.settings.defaultPhoneCountry });
    // A profile made from a booking sets no attributes and is not held to required ones: no definitions needed.
    const definitions = options.fromBooking && !changes.attributes ? [] : await this.attributes.definitions(em, tenantId);
    const attributes = validateAttributeValues(definitions, changes.attributes ?? {}, options.fromBooking ? 'update' : 'create');
    const allErrors = { ...errors, ...attributes.errors };
    if (hasErrors(allErrors)) throw invalid(allErrors);

    const id = randomUUID();
    const now = new Date();
    await em.insert(CustomerEntity, {
      tenantId,
      id,
      kind: changes.kind ?? 'person',
      firstName: changes.firstName ?? null,
      lastName: changes.lastName ?? null,
      companyName: changes.companyName ?? null,
      gender: changes.gender ?? null,
      birthDate: changes.birthDate ?? null,
      country: changes.country ?? null,
      city: changes.city ?? null,
      source: changes.source ?? null,
      utm: changes.utm ?? null,
      attributes: attributes.values,
      registeredAt: now,
      firstSeenAt: options.fromBooking?.bookedAt ?? now,
      updatedAt: now,
      deletedAt: null,
    });

    // The first address (and number) given is the primary one.
    const emails = unique([changes.email, ...(changes.otherEmails ?? [])].filter((e): e is string => !!e));
    await this.repository.assertEmailsFree(em, tenantId, emails, null);
    for (const [i, address] of emails.entries()) await this.repository.addEmail(em, tenantId, id, address, i === 0);
    const phones = unique([changes.phone, ...(changes.otherPhones ?? [])].filter((p) => !!p).map((p) => p!), (p) => p.number);
    for (const [i, phone] of phones.entries()) await this.repository.addPhone(em, tenantId, id, phone, i === 0);
    await this.repository.addTags(em, tenantId, id, changes.tags ?? []);

    const customer = await this.repository.view(em, tenantId, id);
    if (options.publish !== false) await this.publishCreated(em, caller, customer);
    return customer;
  }

  /** customer.created with the customer's view and their consents as they are now in this transaction. */
  async publishCreated(em: EntityManager, caller: Caller, customer: CustomerView): Promise<void> {
    const snapshot = await this.repository.snapshot(em, caller.tenantId, customer);
    await this.outbox.enqueue<CustomerCreatedV1>(em, { type: CustomerEvents.created, tenantId: caller.tenantId, actor: caller.actor, data: { customer: snapshot } });
  }

  async get(caller: Caller, id: string): Promise<CustomerView> {
    return this.repository.view(this.dataSource.manager, caller.tenantId, id);
  }

  async getByEmail(caller: Caller, email: unknown): Promise<CustomerView> {
    const address = typeof email === 'string' ? normalizeEmail(email) : '';
    if (!isValidEmail(address)) throw customerNotFound();
    const em = this.dataSource.manager;
    const id = await this.repository.findIdByEmail(em, caller.tenantId, address);
    if (!id) throw customerNotFound();
    return this.repository.view(em, caller.tenantId, id);
  }

  async list(caller: Caller, query: Record<string, unknown>): Promise<Page<CustomerView>> {
    const errors: FieldErrors = {};
    const sort = (query.sort ?? '-registeredAt') as CustomerSort;
    if (!CUSTOMER_SORTS.includes(sort)) errors.sort = [`must be one of ${CUSTOMER_SORTS.join(', ')}`];
    for (const field of ['firstSeenFrom', 'firstSeenTo'] as const) {
      if (query[field] !== undefined && !isIsoDate(query[field])) errors[field] = ['must be a date YYYY-MM-DD'];
    }
    if (query.q !== undefined && (typeof query.q !== 'string' || query.q.length > 200)) errors.q = ['must be text of at most 200 characters'];
    if (query.tag !== undefined && typeof query.tag !== 'string') errors.tag = ['must be text'];
    if (query.groupId !== undefined && !isUuid(query.groupId)) errors.groupId = ['must be a UUID'];
    if (query.segmentId !== undefined && !isUuid(query.segmentId)) errors.segmentId = ['must be a UUID'];
    const upcoming = query.hasUpcomingBooking;
    if (upcoming !== undefined && ![true, false, 'true', 'false'].includes(upcoming as never)) errors.hasUpcomingBooking = ['must be true or false'];
    if (hasErrors(errors)) throw invalid(errors);

    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, sort);
    const em = this.dataSource.manager;
    const page = await this.repository.listPage(em, caller.tenantId, {
      q: query.q as string | undefined,
      tag: typeof query.tag === 'string' ? query.tag.trim().replace(/\s+/g, ' ') : undefined,
      groupId: query.groupId as string | undefined,
      segmentId: query.segmentId as string | undefined,
      hasUpcomingBooking: upcoming === undefined ? undefined : upcoming === true || upcoming === 'true',
      firstSeenFrom: query.firstSeenFrom ? startOfDay(query.firstSeenFrom as string) : undefined,
      firstSeenTo: query.firstSeenTo ? startOfNextDay(query.firstSeenTo as string) : undefined,
      sort,
      after,
      limit,
      defaultPhoneCountry: this.settings.defaultPhoneCountry,
    });
    const items = await this.repository.views(em, caller.tenantId, page.customers);
    return { items, nextCursor: page.next ? encodeCursor(sort, page.next) : null };
  }

  async update(caller: Caller, id: string, input: Record<string, unknown>): Promise<CustomerView> {
    const { tenantId, actor } = caller;
    const { changes, errors } = normalizeCustomerInput(input, { mode: 'update', defaultPhoneCountry: this.settings.defaultPhoneCountry });
    const { customer } = await this.changes.change(caller, id, async (em, before, entity) => {
      let attributeValues: CustomerEntity['attributes'] | undefined;
      if (changes.attributes) {
        const definitions = await this.attributes.definitions(em, tenantId);
        const checked = validateAttributeValues(definitions, changes.attributes, 'update', entity.attributes);
        Object.assign(errors, checked.errors);
        attributeValues = checked.values;
      }
      if (hasErrors(errors)) throw invalid(errors);

      if (changes.email !== undefined && changes.email !== before.email) {
        const current = before.emails.find((e) => e.primary) ?? null;
        assertEmailChangeAllowed({ actor, customerId: id, current });
        await this.repository.replacePrimaryEmail(em, tenantId, id, changes.email);
      }
      await this.addOtherEmails(em, tenantId, id, changes.otherEmails ?? []);
      if (changes.phone !== undefined && changes.phone?.number !== before.phone) {
        await this.repository.replacePrimaryPhone(em, tenantId, id, changes.phone, before.phones);
      }
      await this.addOtherPhones(em, tenantId, id, changes.otherPhones ?? []);
      if (changes.tags) await this.repository.replaceTags(em, tenantId, id, changes.tags);

      const fields = this.fieldUpdates(changes);
      if (attributeValues) fields.attributes = attributeValues;
      if (Object.keys(fields).length) await em.update(CustomerEntity, { tenantId, id }, fields);
    });
    return customer;
  }

  /** Marks one of the customer's addresses valid, invalid, unverified or bounced (C2). */
  async setEmailStatus(caller: Caller, id: string, address: unknown, status: unknown): Promise<CustomerView> {
    if (!CONTACT_STATUSES.includes(status as ContactStatus)) throw invalid({ status: [`must be one of ${CONTACT_STATUSES.join(', ')}`] });
    const normalized = typeof address === 'string' ? normalizeEmail(address) : '';
    const { customer } = await this.changes.change(caller, id, async (em) => {
      const row = await em.findOneBy(CustomerEmailEntity, { tenantId: caller.tenantId, customerId: id, address: normalized });
      if (!row) throw notFound('Email address', ErrorCodes.emailNotFound);
      await em.update(CustomerEmailEntity, { tenantId: caller.tenantId, address: normalized }, { status: status as ContactStatus });
    });
    return customer;
  }

  /**
   * Erases the customer's personal data (C18): names, contact data, personal details,
   * attributes, tags, consents and the B2B account sections go; the row keeps id, tenant, kind and dates so counts and
   * the audit trail survive. customer.deleted goes to the outbox in the same transaction so
   * every other service erases its part. (The gateway has asked loyalty first.)
   */
  async delete(caller: Caller, id: string): Promise<{ id: string; deleted: true }> {
    const { tenantId, actor } = caller;
    return this.changes.transaction(async (em) => {
      await this.repository.lockLive(em, tenantId, id);
      const emails = (await em.findBy(CustomerEmailEntity, { tenantId, customerId: id })).map((e) => e.address);
      for (const entity of [CustomerEmailEntity, CustomerPhoneEntity, CustomerTagEntity, ConsentEntity, ConsentHistoryEntity]) {
        await em.delete(entity, { tenantId, customerId: id });
      }
      await eraseAccountSections(em, tenantId, id);
      await eraseCustomerProjections(em, tenantId, id);
      const now = new Date();
      await this.deletions.start(em, tenantId, id, actor, now);
      await em.update(
        CustomerEntity,
        { tenantId, id },
        {
          firstName: null,
          lastName: null,
          companyName: null,
          gender: null,
          birthDate: null,
          country: null,
          city: null,
          source: null,
          utm: null,
          attributes: {},
          updatedAt: now,
          deletedAt: now,
        },
      );
      await this.outbox.enqueue<CustomerDeletedV1>(em, { type: CustomerEvents.deleted, tenantId, actor, data: { customerId: id, emails } });
      return { id, deleted: true as const };
    });
  }

  private async addOtherEmails(em: EntityManager, tenantId: string, id: string, addresses: string[]): Promise<void> {
    if (addresses.length === 0) return;
    const own = new Set((await em.findBy(CustomerEmailEntity, { tenantId, customerId: id })).map((e) => e.address));
    const fresh = unique(addresses.filter((a) => !own.has(a)));
    await this.repository.assertEmailsFree(em, tenantId, fresh, id);
    for (const address of fresh) await this.repository.addEmail(em, tenantId, id, address, own.size === 0 && address === fresh[0]);
  }

  private async addOtherPhones(em: EntityManager, tenantId: string, id: string, phones: ParsedPhone[]): Promise<void> {
    if (phones.length === 0) return;
    const current = await em.findBy(CustomerPhoneEntity, { tenantId, customerId: id });
    const known = new Set(current.map((p) => p.number));
    let hasPrimary = current.some((p) => p.isPrimary);
    for (const phone of phones) {
      if (known.has(phone.number)) continue;
      known.add(phone.number);
      await this.repository.addPhone(em, tenantId, id, phone, !hasPrimary);
      hasPrimary = true;
    }
  }

  /** The plain columns an update sets (contact data, attributes and tags are handled apart). */
  private fieldUpdates(changes: CustomerChanges): Partial<CustomerEntity> {
    const fields: Partial<CustomerEntity> = {};
    const plain = ['kind', 'firstName', 'lastName', 'companyName', 'gender', 'birthDate', 'country', 'city', 'source', 'utm'] as const;
    for (const key of plain) {
      if (changes[key] !== undefined) (fields as Record<string, unknown>)[key] = changes[key];
    }
    return fields;
  }
}
