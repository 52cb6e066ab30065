/** Who did something. Set only by the gateway from a verified token, or by a service for its own work. */
export type Role = 'owner' | 'admin' | 'staff' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'admin', 'staff', 'viewer'];

export interface Actor {
  type: 'user' | 'customer' | 'system';
  id: string;
  role?: Role;
}

/** Every request/reply message carries these fields beside its own. */
export interface RpcEnvelope {
  tenantId: string;
  actor: Actor;
}
export type Rpc<T = Record<string, never>> = RpcEnvelope & T;

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const PAGE_DEFAULT_LIMIT = 20;
export const PAGE_MAX_LIMIT = 100;
/** Items of each tab in the aggregated profile (P1): its first page, continued on the tab's endpoint. */
export const PROFILE_TAB_DEFAULT_LIMIT = 5;
export const PROFILE_TAB_MAX_LIMIT = 20;

/** NATS header names used across services. */
export const Headers = {
  requestId: 'x-request-id',
} as const;

export type ServiceName = 'customers' | 'bookings' | 'loyalty' | 'marketing';
export const SERVICES: readonly ServiceName[] = ['customers', 'bookings', 'loyalty', 'marketing'];
