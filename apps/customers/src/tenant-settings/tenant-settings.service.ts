import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@app/common';
import { invalid, TenantEvents, type TenantSettings, type TenantSettingsChangedV1 } from '@app/contracts';
import { OutboxService, TenantSettingsStore } from '@app/platform';
import { applySettingsChange } from './tenant-settings-rules';

/** The tenant's settings (owned here); every change is published so other services keep a copy. */
@Injectable()
export class TenantSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: TenantSettingsStore,
    private readonly outbox: OutboxService,
  ) {}

  get(caller: Caller): Promise<TenantSettings> {
    return this.store.get(caller.tenantId);
  }

  async update(caller: Caller, input: Record<string, unknown>): Promise<TenantSettings> {
    const { tenantId, actor } = caller;
    const settings = await this.dataSource.transaction(async (em) => {
      // Serialises concurrent changes of one tenant's settings.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('tenant_settings:' || $1))`, [tenantId]);
      const { settings: next, errors } = applySettingsChange(await this.store.get(tenantId, em), input);
      if (Object.keys(errors).length) throw invalid(errors);
      const updatedAt = new Date().toISOString();
      await this.store.put(em, tenantId, next, updatedAt);
      await this.outbox.enqueue<TenantSettingsChangedV1>(em, { type: TenantEvents.settingsChanged, tenantId, actor, data: { settings: next, updatedAt } });
      return next;
    });
    this.outbox.flush();
    return settings;
  }
}
