import { randomUUID } from 'node:crypto';
import { CustomersPatterns, type Actor, type CreateCustomerInput, type CustomerView } from '@app/contracts';
import { RpcTestClient } from '@app/testing';

export const admin: Actor = { type: 'user', id: 'u1', role: 'admin' };

/** A fresh tenant id per test, so tests do not see each other's customers. */
export const aTenant = () => `t-${randomUUID().slice(0, 8)}`;

let counter = 0;
/** A person with a unique email, overridable field by field. */
export function aCustomer(overrides: CreateCustomerInput = {}): CreateCustomerInput {
  counter += 1;
  return { firstName: 'Test', lastName: `Person${counter}`, email: `person${counter}-${randomUUID().slice(0, 6)}@example.com`, ...overrides };
}

export async function createCustomer(client: RpcTestClient, tenantId: string, input: CreateCustomerInput = aCustomer()): Promise<CustomerView> {
  return client.send<CustomerView>(CustomersPatterns.create, { tenantId, actor: admin, input });
}
