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
  /** The profiles a booking's people were matched to or created as (answer to bookings.booking.created). */
  bookingProfilesLinked: 'customers.bookingProfiles.linked',
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

export interface BookingProfilesLinkedV1 {
  bookingId: string;
  leadBookerCustomerId: string;
  attendees: Array<{ attendeeId: string; customerId: string }>;
}

/**
 * The `<service>.customer.erased` event each service publishes once it has erased its part of a
 * deleted customer's personal data (C18); the customers service records the confirmations.
 */
export interface CustomerErasedV1 {
  customerId: string;
  erasedAt: string;
}
export const customerErasedEvent = (service: ServiceName) => `${service}.customer.erased`;
