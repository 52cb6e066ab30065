import type { AuthContext } from '../auth/token-claims';

/**
 * The key requests are counted under: the tenant of a verified token (all users and portal
 * customers of a tenant share its budget), else the client address.
 */
export function rateLimitTracker(auth: AuthContext | undefined, ip: string | undefined): string {
  return auth ? `tenant:${auth.tenantId}` : `ip:${ip ?? 'unknown'}`;
}

/** One counter per tracker for the whole API (not one per route). */
export const rateLimitKey = (throttlerName: string, tracker: string) => `${throttlerName}:${tracker}`;
