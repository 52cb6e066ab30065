import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CustomersPatterns, DEFAULT_TENANT_SETTINGS, DomainError, ErrorCodes, notFound, type TenantSettings } from '@app/contracts';
import { readOnce, ServiceRpc } from '@app/platform';

export const customerNotFound = () => notFound('Customer', ErrorCodes.customerNotFound);

/**
 * Whether a customer id names a live customer of the tenant. The service's directory (kept from
 * customer events) answers almost always; it lags the customers service by moments, so an id it
 * does not know (or knows as deleted) is asked of the customers service before answering 404.
 */
@Injectable()
export class LiveCustomers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: ServiceRpc,
  ) {}

  /** 404 unless the customer is live: settingsFor's check, so that in a read scope both are one read. */
  async assertLive(tenantId: string, customerId: string): Promise<void> {
    await this.settingsFor(tenantId, customerId);
  }

  /**
   * assertLive and the tenant's settings (TenantSettingsStore's copy, with defaults) in one read
   * of the directory and the settings: almost every request needs both, and on this platform a
   * round trip to Postgres costs more than the reads themselves.
   */
  settingsFor(tenantId: string, customerId: string): Promise<TenantSettings> {
    return readOnce(`settings-and-live:${tenantId}:${customerId}`, () => this.readSettingsFor(tenantId, customerId));
  }

  private async readSettingsFor(tenantId: string, customerId: string): Promise<TenantSettings> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT settings FROM tenant_settings WHERE tenant_id = $1) AS settings,
              EXISTS (SELECT 1 FROM customer_refs WHERE tenant_id = $1 AND customer_id = $2 AND deleted_at IS NULL) AS known`,
      [tenantId, customerId],
    );
    if (!row.known) await this.askCustomers(tenantId, customerId);
    return { ...DEFAULT_TENANT_SETTINGS, ...(row.settings ?? {}) };
  }

  private async askCustomers(tenantId: string, customerId: string): Promise<void> {
    try {
      await this.rpc.send(CustomersPatterns.get, tenantId, { id: customerId });
    } catch (e) {
      if (e instanceof DomainError && e.status === 404) throw customerNotFound();
      throw e;
    }
  }
}
