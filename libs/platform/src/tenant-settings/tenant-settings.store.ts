import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '@app/contracts';
import { readOnce } from '../read-scope/read-scope';

/**
 * The tenant's settings as this service knows them (the `tenant_settings` table: the copy kept
 * by TenantSettingsConsumer, or in customers the settings themselves), with defaults for what
 * was never set.
 */
@Injectable()
export class TenantSettingsStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Read with `em` when given (inside a transaction), else once per read scope. */
  get(tenantId: string, em?: EntityManager): Promise<TenantSettings> {
    return em ? this.read(em, tenantId) : readOnce(`tenant-settings:${tenantId}`, () => this.read(this.dataSource.manager, tenantId));
  }

  private async read(em: EntityManager, tenantId: string): Promise<TenantSettings> {
    const [row] = await em.query(`SELECT settings FROM tenant_settings WHERE tenant_id = $1`, [tenantId]);
    return { ...DEFAULT_TENANT_SETTINGS, ...(row?.settings ?? {}) };
  }

  /** Stores a version of the settings unless a newer one is already held. */
  async put(em: EntityManager, tenantId: string, settings: TenantSettings, updatedAt: string): Promise<void> {
    await em.query(
      `INSERT INTO tenant_settings (tenant_id, settings, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at
       WHERE tenant_settings.updated_at <= EXCLUDED.updated_at`,
      [tenantId, JSON.stringify(settings), updatedAt],
    );
  }
}
