import { ROLES, type Actor, type Role } from '@app/contracts';

/** Who is calling, as the verified token says. The tenant comes from here and nowhere else. */
export interface AuthContext {
  tenantId: string;
  /** User id (`sub`). */
  subject: string;
  /** Set for staff tokens; a portal token may carry none. */
  role: Role | null;
  /** Set for customer-portal tokens: the only customer this token may reach. */
  customerId: string | null;
}

export const TENANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ClaimsResult = { ok: true; auth: AuthContext } | { ok: false; reason: string };

/**
 * Checks the claims of a token whose signature and expiry were already verified.
 * `sub`, `tid` and `exp` are required; `role` is required unless the token is a portal token (`cid`).
 */
export function parseClaims(payload: unknown): ClaimsResult {
  if (!payload || typeof payload !== 'object') return { ok: false, reason: 'the token has no claims' };
  const claims = payload as Record<string, unknown>;
  if (typeof claims.exp !== 'number') return { ok: false, reason: 'the token has no exp claim' };
  if (typeof claims.sub !== 'string' || claims.sub.length < 1 || claims.sub.length > 128) {
    return { ok: false, reason: 'the sub claim must be a string of 1-128 characters' };
  }
  if (typeof claims.tid !== 'string' || !TENANT_ID_PATTERN.test(claims.tid)) {
    return { ok: false, reason: 'the tid claim must be 1-64 characters of A-Z, a-z, 0-9, _ or -' };
  }
  let customerId: string | null = null;
  if (claims.cid !== undefined) {
    if (typeof claims.cid !== 'string' || !UUID_PATTERN.test(claims.cid)) return { ok: false, reason: 'the cid claim must be a UUID' };
    customerId = claims.cid.toLowerCase();
  }
  let role: Role | null = null;
  if (claims.role !== undefined || customerId === null) {
    if (!ROLES.includes(claims.role as Role)) return { ok: false, reason: `the role claim must be one of ${ROLES.join(', ')}` };
    role = claims.role as Role;
  }
  return { ok: true, auth: { tenantId: claims.tid, subject: claims.sub, role, customerId } };
}

/** The actor every RPC carries: the user, or the customer acting through the portal. */
export function actorOf(auth: AuthContext): Actor {
  if (auth.customerId) return { type: 'customer', id: auth.customerId };
  return { type: 'user', id: auth.subject, role: auth.role ?? undefined };
}
