import { randomUUID } from 'node:crypto';
import {
  CustomerEvents,
  type Actor,
  type CustomerCreatedV1,
  type CustomerSnapshot,
  type CustomerUpdatedV1,
  type EmailView,
  type PhoneView,
} from '@app/contracts';
import { publishEvent, type RpcTestClient } from '@app/testing';

export const staff: Actor = { type: 'user', id: 'u-staff', role: 'staff' };

/** A fresh tenant id per test, so tests do not see each other's data. */
export const aTenant = () => `mk-${randomUUID().slice(0, 8)}`;

let counter = 0;
/** A customer snapshot as the customers service publishes it; reachable by email and SMS unless overridden. */
export function aSnapshot(overrides: Partial<CustomerSnapshot> = {}): CustomerSnapshot {
  counter += 1;
  const id = overrides.id ?? randomUUID();
  const email: EmailView = { address: `c${counter}-${id.slice(0, 6)}@example.com`, status: 'valid', primary: true };
  const phone: PhoneView = { number: `+4915100${String(counter).padStart(6, '0')}`, type: 'mobile', status: 'valid', primary: true };
  return {
    id,
    kind: 'person',
    firstName: 'Test',
    lastName: `Person${counter}`,
    companyName: null,
    email: email.address,
    phone: phone.number,
    emails: [email],
    phones: [phone],
    gender: null,
    birthDate: null,
    country: 'DE',
    city: 'Berlin',
    source: null,
    utm: null,
    attributes: {},
    tags: [],
    warnings: [],
    firstSeenAt: null,
    registeredAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    consents: {},
    ...overrides,
  };
}

/** Publishes customer.created (or updated, when `updated`) as the customers service would. */
export async function publishCustomer(client: RpcTestClient, tenantId: string, customer: CustomerSnapshot, updated = false) {
  if (updated) {
    return publishEvent<CustomerUpdatedV1>(client.connection, {
      type: CustomerEvents.updated,
      tenantId,
      data: { customer: { ...customer, updatedAt: new Date().toISOString() }, changed: ['tags'] },
    });
  }
  return publishEvent<CustomerCreatedV1>(client.connection, { type: CustomerEvents.created, tenantId, data: { customer } });
}
