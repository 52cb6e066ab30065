import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CustomerEvents,
  Streams,
  type CustomerCreatedV1,
  type CustomerDeletedV1,
  type CustomerSnapshot,
  type CustomerUpdatedV1,
  type EventEnvelope,
} from '@app/contracts';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { EventConsumer, type EventHandler } from '../messaging/event-consumer';

/** A service's own reaction to a customer's deletion (erase or anonymise its personal data). */
export interface CustomerErasure {
  erase(tenantId: string, customerId: string, emails: string[], em: EntityManager): Promise<void>;
}
export const CUSTOMER_ERASURE = Symbol('CUSTOMER_ERASURE');

/** Keeps `customer_refs` current from customer events and erases a deleted customer's data. */
@Injectable()
export class CustomerDirectoryConsumer extends EventConsumer {
  readonly durable: string;
  readonly stream = Streams.customers;
  readonly filterSubject = 'events.customers.customer.>';
  readonly handlers: Record<string, EventHandler>;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Optional() @Inject(CUSTOMER_ERASURE) private readonly erasure?: CustomerErasure,
  ) {
    super();
    this.durable = `${config.service}-customers`;
    this.handlers = {
      [CustomerEvents.created]: { versions: [1], handle: (e: EventEnvelope<CustomerCreatedV1>, em) => this.upsert(e.tenantId, e.data.customer, em) },
      [CustomerEvents.updated]: { versions: [1], handle: (e: EventEnvelope<CustomerUpdatedV1>, em) => this.upsert(e.tenantId, e.data.customer, em) },
      [CustomerEvents.deleted]: { versions: [1], handle: (e: EventEnvelope<CustomerDeletedV1>, em) => this.erase(e, em) },
    };
  }

  private async upsert(tenantId: string, c: CustomerSnapshot, em: EntityManager): Promise<void> {
    // The guard on source_updated_at keeps an older snapshot from overwriting a newer one.
    await em.query(
      `INSERT INTO customer_refs (tenant_id, customer_id, email, first_name, last_name, source_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, customer_id) DO UPDATE
         SET email = EXCLUDED.email, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
             source_updated_at = EXCLUDED.source_updated_at
       WHERE customer_refs.deleted_at IS NULL AND customer_refs.source_updated_at <= EXCLUDED.source_updated_at`,
      [tenantId, c.id, c.email, c.firstName, c.lastName, c.updatedAt],
    );
  }

  private async erase(e: EventEnvelope<CustomerDeletedV1>, em: EntityManager): Promise<void> {
    await em.query(
      `INSERT INTO customer_refs (tenant_id, customer_id, source_updated_at, deleted_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (tenant_id, customer_id) DO UPDATE
         SET email = NULL, first_name = NULL, last_name = NULL, deleted_at = EXCLUDED.deleted_at`,
      [e.tenantId, e.data.customerId, e.occurredAt],
    );
    await this.erasure?.erase(e.tenantId, e.data.customerId, e.data.emails, em);
  }
}
