import type { Actor, ServiceName } from './common';
import type { CustomerSnapshot } from './customers';

/** Envelope of every domain event on JetStream. */
export interface EventEnvelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  tenantId: string;
  actor: Actor;
  data: T;
}

export interface StreamDefinition {
  name: string;
  subjects: string[];
}

/** One stream per producing service; subjects are `events.<service>.<resource>.<pastTenseVerb>`. */
export const Streams: Record<ServiceName, StreamDefinition> = {
  customers: { name: 'CUSTOMERS', subjects: ['events.customers.>'] },
  bookings: { name: 'BOOKINGS', subjects: ['events.bookings.>'] },
  loyalty: { name: 'LOYALTY', subjects: ['events.loyalty.>'] },
  marketing: { name: 'MARKETING', subjects: ['events.marketing.>'] },
};

export const eventSubject = (type: string) => `events.${type}`;
export const deadLetterSubject = (consumer: string, type: string) => `deadletter.${consumer}.${type}`;

export const CustomerEvents = {
  created: 'customers.customer.created',
  updated: 'customers.customer.updated',
  deleted: 'customers.customer.deleted',
} as const;

export interface CustomerCreatedV1 {
  customer: CustomerSnapshot;
}
export interface CustomerUpdatedV1 {
  customer: CustomerSnapshot;
  /** Names of the top-level fields that changed. */
  changed: string[];
}
export interface CustomerDeletedV1 {
  customerId: string;
  /** Primary and other email addresses the customer had, so consumers can erase rows keyed by email. */
  emails: string[];
}

export interface EventTypeMap {
  [CustomerEvents.created]: CustomerCreatedV1;
  [CustomerEvents.updated]: CustomerUpdatedV1;
  [CustomerEvents.deleted]: CustomerDeletedV1;
}
