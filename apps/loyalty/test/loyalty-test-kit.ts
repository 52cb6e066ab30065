import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  CustomersPatterns,
  LoyaltyPatterns,
  type Actor,
  type CustomerView,
  type LedgerOperationResult,
  type LoyaltyCardView,
  type PurchaseView,
  type TenantSettings,
} from '@app/contracts';
import { query, RpcTestClient, TestSystem, waitFor } from '@app/testing';

export const staff: Actor = { type: 'user', id: 'u-staff', role: 'staff' };
export const admin: Actor = { type: 'user', id: 'u-admin', role: 'admin' };

/** A fresh tenant per test, so tests do not see each other's data. */
export const aTenant = () => `lt-${randomUUID().slice(0, 8)}`;

/** Loyalty starts its system with a fast RFM refresh, so tests see new cut points within moments. */
const LOYALTY_TEST_ENV = { LOYALTY_RFM_REFRESH_MS: '300' };

export class LoyaltyKit {
  constructor(
    readonly system: TestSystem,
    readonly rpc: RpcTestClient,
  ) {}

  /** Customers and loyalty on a private NATS server and fresh databases, with an RPC client to them. */
  static async start(): Promise<LoyaltyKit> {
    const system = await TestSystem.start({ apps: ['customers', 'loyalty'], appEnv: { loyalty: LOYALTY_TEST_ENV } });
    try {
      return new LoyaltyKit(system, await RpcTestClient.connect(system.nats.url));
    } catch (e) {
      await system.stop();
      throw e;
    }
  }

  async stop(): Promise<void> {
    await this.rpc.close();
    await this.system.stop();
  }

  send<T = any>(pattern: string, tenantId: string, data: object, actor: Actor = staff): Promise<T> {
    return this.rpc.send<T>(pattern, { tenantId, actor, ...data });
  }

  async customer(tenantId: string, input: object = {}): Promise<CustomerView> {
    return this.send<CustomerView>(CustomersPatterns.create, tenantId, {
      input: { firstName: 'Kim', lastName: 'Loyal', email: `kim-${randomUUID().slice(0, 8)}@example.com`, ...input },
    }, admin);
  }

  async card(tenantId: string, customerId: string, input: object = {}): Promise<LoyaltyCardView> {
    return this.send<LoyaltyCardView>(LoyaltyPatterns.issueCard, tenantId, { input: { customerId, device: 'apple_wallet', ...input } });
  }

  visits(tenantId: string, cardId: string, input: object, idempotencyKey?: string): Promise<LedgerOperationResult> {
    return this.send<LedgerOperationResult>(LoyaltyPatterns.changeVisits, tenantId, { id: cardId, input, idempotencyKey });
  }

  bonus(tenantId: string, cardId: string, input: object, idempotencyKey?: string): Promise<LedgerOperationResult> {
    return this.send<LedgerOperationResult>(LoyaltyPatterns.changeBonus, tenantId, { id: cardId, input, idempotencyKey });
  }

  purchase(tenantId: string, customerId: string, input: object = {}): Promise<PurchaseView> {
    return this.send<PurchaseView>(LoyaltyPatterns.recordPurchase, tenantId, {
      input: {
        customerId,
        kind: 'receipt',
        number: `R-${randomUUID().slice(0, 8)}`,
        storeId: 'berlin-1',
        storeName: 'Berlin Mitte',
        occurredAt: new Date().toISOString(),
        status: 'completed',
        lines: [{ sku: 'SKU-1', name: 'Coffee beans', category: 'coffee', quantity: 2, price: 1000 }],
        ...input,
      },
    });
  }

  /** Changes tenant settings in the customers service and waits until loyalty has its copy. */
  async settings(tenantId: string, input: Partial<TenantSettings>): Promise<void> {
    const settings = await this.send<TenantSettings>(CustomersPatterns.updateSettings, tenantId, { input }, admin);
    await waitFor(async () => {
      const [row] = await this.db<{ settings: TenantSettings }>(`SELECT settings FROM tenant_settings WHERE tenant_id = $1`, [tenantId]);
      return row && isDeepStrictEqual(row.settings, settings);
    }, 15_000, 'loyalty to receive the tenant settings');
  }

  db<T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return query<T>(this.system.db('loyalty'), sql, params);
  }

  /** Events of a type in loyalty's outbox for a tenant, oldest first. */
  async events(tenantId: string, type: string): Promise<Array<{ data: any; actor: Actor }>> {
    const rows = await this.db<{ envelope: { data: any; actor: Actor } }>(
      `SELECT envelope FROM outbox_events WHERE tenant_id = $1 AND type = $2 ORDER BY seq`,
      [tenantId, type],
    );
    return rows.map((r) => r.envelope);
  }
}
