import { DomainError, ErrorCodes, type Role } from '@app/contracts';
import type { AuthContext } from './token-claims';

/** What a route allows, from its decorators. */
export interface RouteAccess {
  /** Staff roles allowed (all roles when absent). */
  roles?: readonly Role[];
  /** A customer-portal token may use this route for its own customer (`:id` must be its `cid`). */
  portal?: boolean;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const forbidden = (detail: string) => new DomainError(403, ErrorCodes.forbidden, detail);
export const customerNotFound = () => new DomainError(404, ErrorCodes.customerNotFound, 'Customer not found');

/**
 * Role and portal rules, checked after the token is verified. Returns the error to answer, or
 * null when the call may go on.
 * - A portal token (cid) reaches only routes marked for the portal, and only its own customer:
 *   another customer id is 404, as if it did not exist.
 * - Viewers read only; a route may also require some roles (e.g. owner/admin).
 */
export function checkAccess(auth: AuthContext, method: string, access: RouteAccess, params: Record<string, string | undefined>): DomainError | null {
  if (auth.customerId) {
    if (!access.portal) return forbidden('A customer portal token may only reach its own customer record');
    if (params.id !== undefined && params.id.toLowerCase() !== auth.customerId) return customerNotFound();
    return null;
  }
  if (auth.role === 'viewer' && !READ_METHODS.has(method.toUpperCase())) return forbidden('Viewers have read-only access');
  if (access.roles && (!auth.role || !access.roles.includes(auth.role))) {
    return forbidden(`This action needs the role ${access.roles.join(' or ')}`);
  }
  return null;
}

/** A portal token may see a customer found another way (e.g. by email) only when it is its own. */
export function canSeeCustomer(auth: AuthContext, customerId: string): boolean {
  return !auth.customerId || auth.customerId === customerId.toLowerCase();
}
