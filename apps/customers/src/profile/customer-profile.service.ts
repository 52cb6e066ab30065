import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { allPages, type Caller } from '@app/common';
import type { AttributeValue, Page } from '@app/contracts';
import { liveCustomerKey, readOnce, TabsWithRows } from '@app/platform';
import { AppointmentsService } from '../accounts/appointments/appointments.service';
import { AttachmentsService } from '../accounts/attachments/attachments.service';
import { CustomerBrandsService } from '../accounts/brands/customer-brands.service';
import { ContactsService } from '../accounts/contacts/contacts.service';
import { LocationsService } from '../accounts/locations/locations.service';
import { NotesService } from '../accounts/notes/notes.service';
import { TasksService } from '../accounts/tasks/tasks.service';
import { AttributesService } from '../attributes/attributes.service';
import { BookingProfilesService } from '../booking-profiles/booking-profiles.service';
import { ConsentsService } from '../consents/consents.service';
import { CustomersService } from '../customers/customers.service';
import { HistoryService } from '../history/history.service';

/** A custom attribute as the profile shows it: the tenant chose to show it, in its order (C4). */
export interface ProfileAttribute {
  key: string;
  label: string;
  type: string;
  value: AttributeValue;
}

/** The tabs most customers have nothing in (see TabsWithRows). */
const TAB_PROBES = {
  knownCustomers: 'FROM known_customers WHERE tenant_id = $1 AND lead_customer_id = $2',
  notes: 'FROM customer_notes WHERE tenant_id = $1 AND customer_id = $2',
  tasks: 'FROM customer_tasks WHERE tenant_id = $1 AND customer_id = $2',
  appointments: 'FROM customer_appointments WHERE tenant_id = $1 AND customer_id = $2',
  locations: 'FROM customer_locations WHERE tenant_id = $1 AND customer_id = $2',
  contacts: 'FROM customer_contacts WHERE tenant_id = $1 AND customer_id = $2',
  brands: 'FROM customer_brands WHERE tenant_id = $1 AND customer_id = $2',
  attachments: "FROM customer_attachments WHERE tenant_id = $1 AND customer_id = $2 AND status = 'ready'",
};

/** Awaits an object of promises, all at once. */
async function settle<T extends Record<string, Promise<unknown>>>(promises: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const entries = await Promise.all(Object.entries(promises).map(async ([key, promise]) => [key, await promise] as const));
  return Object.fromEntries(entries) as { [K in keyof T]: Awaited<T[K]> };
}

/** The customers service's part of the aggregated profile (P1) and of the export (C18). */
@Injectable()
export class CustomerProfileService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomersService,
    private readonly attributes: AttributesService,
    private readonly bookingProfiles: BookingProfilesService,
    private readonly consents: ConsentsService,
    private readonly history: HistoryService,
    private readonly notes: NotesService,
    private readonly tasks: TasksService,
    private readonly appointments: AppointmentsService,
    private readonly locations: LocationsService,
    private readonly contacts: ContactsService,
    private readonly brands: CustomerBrandsService,
    private readonly attachments: AttachmentsService,
  ) {}

  /**
   * The customer (404 when not live), the attributes the tenant shows in the profile in their
   * order, the latest booking details, how many people they booked for, and the first page of
   * each customers tab, read at once.
   */
  async profile(caller: Caller, id: string, limit: number) {
    // Staff sections (internal notes, tasks, the account, who did what) are not for the customer's own portal token.
    const staff = caller.actor.type !== 'customer';
    const customerRead = this.customers.get(caller, id);
    // Reading the live customer is also the check that it is live: the tabs' own checks take its
    // answer (a 404 is the profile's own, awaited below).
    readOnce(liveCustomerKey(caller.tenantId, id), () => customerRead.then(() => undefined)).catch(() => undefined);
    const [customer, present] = await Promise.all([
      customerRead,
      TabsWithRows.of(this.dataSource.manager, caller.tenantId, id, staff ? TAB_PROBES : { knownCustomers: TAB_PROBES.knownCustomers }),
    ]);
    const query = { limit };
    const [tabs, [definitions, latestDetails, knownCustomersCount]] = await Promise.all([
      settle({
        knownCustomers: present.read('knownCustomers', () => this.bookingProfiles.knownCustomers(caller, id, query)),
        consents: this.consents.list(caller, id, query),
        ...(staff
          ? {
              notes: present.read('notes', () => this.notes.list(caller, id, query)),
              tasks: present.read('tasks', () => this.tasks.list(caller, id, query)),
              appointments: present.read('appointments', () => this.appointments.list(caller, id, query)),
              locations: present.read('locations', () => this.locations.list(caller, id, query)),
              contacts: present.read('contacts', () => this.contacts.list(caller, id, query)),
              brands: present.read('brands', () => this.brands.list(caller, id, query)),
              attachments: present.read('attachments', () => this.attachments.list(caller, id, query)),
              history: this.history.list(caller, id, query),
            }
          : {}),
      }),
      Promise.all([
        this.attributes.definitions(this.dataSource.manager, caller.tenantId),
        this.bookingProfiles.latestDetails(caller, id),
        present.has('knownCustomers') ? this.bookingProfiles.knownCustomersCount(caller, id) : 0,
      ]),
    ]);
    const attributes: ProfileAttribute[] = definitions
      .filter((d) => d.showInProfile)
      .map((d) => ({ key: d.key, label: d.label, type: d.type, value: customer.attributes[d.key] ?? null }));
    return { customer, attributes, latestDetails, knownCustomersCount, tabs };
  }

  /** Everything the customers service holds on the customer (attachments as metadata; their content is downloadable). */
  async export(caller: Caller, id: string) {
    const customer = await this.customers.get(caller, id);
    const all = <T>(list: (q: Record<string, unknown>) => Promise<Page<T>>) => allPages((cursor) => list({ limit: 100, cursor }));
    const [latestDetails, knownCustomers, consents, notes, tasks, appointments, locations, contacts, brands, attachments, history] = await Promise.all([
      this.bookingProfiles.latestDetails(caller, id),
      all((q) => this.bookingProfiles.knownCustomers(caller, id, q)),
      all((q) => this.consents.list(caller, id, q)),
      all((q) => this.notes.list(caller, id, q)),
      all((q) => this.tasks.list(caller, id, q)),
      all((q) => this.appointments.list(caller, id, q)),
      all((q) => this.locations.list(caller, id, q)),
      all((q) => this.contacts.list(caller, id, q)),
      all((q) => this.brands.list(caller, id, q)),
      all((q) => this.attachments.list(caller, id, q)),
      all((q) => this.history.list(caller, id, q)),
    ]);
    return { customer, latestDetails, knownCustomers, consents, notes, tasks, appointments, locations, contacts, brands, attachments, history };
  }
}
