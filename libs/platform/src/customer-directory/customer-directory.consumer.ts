import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import {
  CustomerEvents,
  customerErasedEvent,
  Streams,
  type CustomerCreatedV1,
  type CustomerDeletedV1,
  type CustomerErasedV1,
  type CustomerSnapshot,
  type CustomerUpdatedV1,
  type EventEnvelope,
} from '@app/contracts';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { EventConsumer, type EventHandler } from '../messaging/event-consumer';
import { OutboxService } from '../messaging/outbox.service';

/**
 * A service's own reactions to customer events, run in the same transaction as the directory
 * update (so they commit, or are retried, together).
 */
export interface CustomerDirectoryListener {
  /** A customer was created or changed (only for a snapshot newer than the one held). */
  customerChanged?(tenantId: string, customer: CustomerSnapshot, em: EntityManager): Promise<void>;
  /** Erase or anonymise this service's personal data of a deleted customer. */
  customerDeleted?(tenantId: string, customerId: string, emails: string[], em: EntityManager): Promise<void>;
}
export const CUSTOMER_DIRECTORY_LISTENER = Symbol('CUSTOMER_DIRECTORY_LISTENER');

/**
 * Keeps `customer_refs` and `customer_ref_emails` current from customer events, runs the
 * service's listener, and confirms an erasure with `<service>.customer.erased` (C18).
 */
@Injectable()
export class CustomerDirectoryConsumer extends EventConsumer {
  readonly durable: string;
  private resolvedListener: CustomerDirectoryListener | null | undefined;
  readonly stream = Streams.customers;
  readonly filterSubject = 'events.customers.customer.>';
  readonly handlers: Record<string, EventHandler>;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly outbox: OutboxService,
    private readonly moduleRef: ModuleRef,
  ) {
    super();
    this.durable = `${config.service}-customers`;
    this.handlers = {
      [CustomerEvents.created]: { versions: [1], handle: (e: EventEnvelope<CustomerCreatedV1>, em) => this.upsert(e.tenantId, e.data.customer, em) },
      [CustomerEvents.updated]: { versions: [1], handle: (e: EventEnvelope<CustomerUpdatedV1>, em) => this.upsert(e.tenantId, e.data.customer, em) },
      [CustomerEvents.deleted]: { versions: [1], handle: (e: EventEnvelope<CustomerDeletedV1>, em) => this.erase(e, em) },
    };
  }

  /** The app's listener, wherever the app provides it (this consumer lives in the platform's module); null when it has none. */
  private get listener(): CustomerDirectoryListener | null {
    if (this.resolvedListener === undefined) {
      try {
        this.resolvedListener = this.moduleRef.get<CustomerDirectoryListener>(CUSTOMER_DIRECTORY_LISTENER, { strict: false });
      } catch {
        this.resolvedListener = null;
      }
    }
    return this.resolvedListener;
  }

  /** Events about one customer in order; different customers at once. */
  partitionKey(event: EventEnvelope<{ customer?: { id: string }; customerId?: string }>): string {
    return `${event.tenantId}/${event.data.customer?.id ?? event.data.customerId ?? ''}`;
  }

  private async upsert(tenantId: string, c: CustomerSnapshot, em: EntityManager): Promise<void> {
    // The guard on source_updated_at keeps an older snapshot from overwriting a newer one.
    const written = await em.query(
      `INSERT INTO customer_refs (tenant_id, customer_id, email, first_name, last_name, source_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, customer_id) DO UPDATE
         SET email = EXCLUDED.email, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
             source_updated_at = EXCLUDED.source_updated_at
       WHERE customer_refs.deleted_at IS NULL AND customer_refs.source_updated_at <= EXCLUDED.source_updated_at
       RETURNING customer_id`,
      [tenantId, c.id, c.email, c.firstName, c.lastName, c.updatedAt],
    );
    if (written.length === 0) return;
    const emails = (c.emails ?? []).map((e) => e.address.toLowerCase());
    await em.query(`DELETE FROM customer_ref_emails WHERE tenant_id = $1 AND customer_id = $2 AND NOT (email = ANY($3))`, [tenantId, c.id, emails]);
    if (emails.length) {
      // An address that moved from another customer now belongs to this one.
      await em.query(
        `INSERT INTO customer_ref_emails (tenant_id, email, customer_id) SELECT $1, unnest($2::text[]), $3
         ON CONFLICT (tenant_id, email) DO UPDATE SET customer_id = EXCLUDED.customer_id`,
        [tenantId, emails, c.id],
      );
    }
    await this.listener?.customerChanged?.(tenantId, c, em);
  }

  private async erase(e: EventEnvelope<CustomerDeletedV1>, em: EntityManager): Promise<void> {
    const { tenantId } = e;
    const { customerId, emails } = e.data;
    await em.query(
      `INSERT INTO customer_refs (tenant_id, customer_id, source_updated_at, deleted_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (tenant_id, customer_id) DO UPDATE
         SET email = NULL, first_name = NULL, last_name = NULL, deleted_at = EXCLUDED.deleted_at`,
      [tenantId, customerId, e.occurredAt],
    );
    await em.query(`DELETE FROM customer_ref_emails WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
    await this.listener?.customerDeleted?.(tenantId, customerId, emails.map((a) => a.toLowerCase()), em);
    await this.outbox.enqueue<CustomerErasedV1>(em, {
      type: customerErasedEvent(this.config.service),
      tenantId,
      actor: { type: 'system', id: this.config.service },
      data: { customerId, erasedAt: new Date().toISOString() },
    });
  }
}
