import { Inject, Injectable } from '@nestjs/common';
import {
  CustomerB2BEvents,
  CustomersB2BErrorCodes,
  CustomersB2BPatterns,
  notFound,
  type ContactView,
  type Deleted,
  type Page,
} from '@app/contracts';
import type { Caller } from '@app/common';
import { CUSTOMERS_SETTINGS, type CustomersSettings } from '../../customers-settings';
import { AccountStore } from '../shared/account-store.service';
import { readFilters } from '../shared/input-reader';
import { PrimarySection } from '../shared/primary-section';
import { applyContact, readContactInput, toContactView, type ContactRecord, type ContactRow } from './contact-rules';
import { ContactsRepository } from './contacts.repository';

/** Contacts (C13) of a company: email status and consent (no consent, no email), exactly one primary. */
@Injectable()
export class ContactsService {
  private readonly section: PrimarySection<ContactRow, ContactRecord, ContactView>;

  constructor(
    store: AccountStore,
    repository: ContactsRepository,
    @Inject(CUSTOMERS_SETTINGS) private readonly settings: CustomersSettings,
  ) {
    this.section = new PrimarySection(store, {
      table: 'customer_contacts',
      sort: 'contacts:primary',
      notFound: () => notFound('Contact', CustomersB2BErrorCodes.contactNotFound),
      events: {
        created: CustomerB2BEvents.contactCreated,
        updated: CustomerB2BEvents.contactUpdated,
        deleted: CustomerB2BEvents.contactDeleted,
        primaryChanged: CustomerB2BEvents.contactPrimaryChanged,
      },
      createPattern: CustomersB2BPatterns.createContact,
      repository,
      toView: toContactView,
    });
  }

  create(caller: Caller, customerId: string, input: Record<string, unknown>, idempotencyKey?: unknown): Promise<ContactView> {
    const fields = readContactInput(input, 'create', this.settings.defaultPhoneCountry);
    const contact = applyContact(null, fields, new Date());
    return this.section.create(caller, customerId, contact, fields.primary === true, { key: idempotencyKey, request: input });
  }

  update(caller: Caller, customerId: string, contactId: string, input: Record<string, unknown>): Promise<ContactView> {
    const fields = readContactInput(input, 'update', this.settings.defaultPhoneCountry);
    return this.section.update(caller, customerId, contactId, (before) => applyContact(before, fields, new Date()));
  }

  delete(caller: Caller, customerId: string, contactId: string): Promise<Deleted> {
    return this.section.delete(caller, customerId, contactId);
  }

  makePrimary(caller: Caller, customerId: string, contactId: string): Promise<ContactView> {
    return this.section.makePrimary(caller, customerId, contactId);
  }

  /** Primary first, then oldest first; `canEmail=true` lists only the contacts that may be emailed. */
  list(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<ContactView>> {
    const filter = readFilters(query, { canEmail: { kind: 'bool' } });
    return this.section.list(caller, customerId, query, filter);
  }
}
