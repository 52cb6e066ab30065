import { Inject, Injectable } from '@nestjs/common';
import { Streams, TenantEvents, type EventEnvelope, type TenantSettingsChangedV1 } from '@app/contracts';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { EventConsumer, type EventHandler } from '../messaging/event-consumer';
import { TenantSettingsStore } from './tenant-settings.store';

/** Keeps this service's copy of each tenant's settings from the customers service's events. */
@Injectable()
export class TenantSettingsConsumer extends EventConsumer {
  readonly durable: string;
  readonly stream = Streams.customers;
  readonly filterSubject = 'events.customers.tenant.>';
  readonly handlers: Record<string, EventHandler>;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig, store: TenantSettingsStore) {
    super();
    this.durable = `${config.service}-tenant-settings`;
    this.handlers = {
      [TenantEvents.settingsChanged]: {
        versions: [1],
        handle: (e: EventEnvelope<TenantSettingsChangedV1>, em) => store.put(em, e.tenantId, e.data.settings, e.data.updatedAt),
      },
    };
  }
}
