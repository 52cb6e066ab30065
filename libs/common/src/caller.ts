import { ErrorCodes, invalid, notFound, type Actor } from '@app/contracts';

/** Who is asking, taken only from the RPC envelope the gateway filled from a verified token. */
export interface Caller {
  tenantId: string;
  actor: Actor;
}

const TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ACTOR_TYPES: readonly Actor['type'][] = ['user', 'customer', 'system'];
/** Any 8-4-4-4-12 hex UUID (not only RFC 4122 versions: ids made from a hash are ids too). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant and actor of a request; anything else in the payload is never a source of tenant. */
export function callerOf(payload: unknown): Caller {
  const p = (payload ?? {}) as { tenantId?: unknown; actor?: Partial<Actor> };
  const errors: Record<string, string[]> = {};
  if (typeof p.tenantId !== 'string' || !TENANT_ID.test(p.tenantId)) errors.tenantId = ['must be 1-64 letters, digits, _ or -'];
  const actor = p.actor;
  if (!actor || typeof actor !== 'object' || !ACTOR_TYPES.includes(actor.type as Actor['type']) || typeof actor.id !== 'string') {
    errors.actor = ['must be { type: user|customer|system, id }'];
  }
  if (Object.keys(errors).length) throw invalid(errors, 'The request envelope is invalid');
  return { tenantId: p.tenantId as string, actor: { type: actor!.type!, id: actor!.id!, ...(actor!.role ? { role: actor!.role } : {}) } };
}

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value);

/** An id from a payload; anything that is not a UUID cannot exist, so it is a 404 with the given code. */
export function idOf(value: unknown, what: string, code: string = ErrorCodes.notFound): string {
  if (!isUuid(value)) throw notFound(what, code);
  return value.toLowerCase();
}

/** A customer id from a payload (404 customer_not_found when it is not a UUID). */
export const customerIdOf = (value: unknown): string => idOf(value, 'Customer', ErrorCodes.customerNotFound);

/** A nested object of a payload (e.g. `input`), or a 400 on that field. */
export function objectOf(value: unknown, field: string, required = true): Record<string, unknown> {
  if (value === undefined && !required) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid({ [field]: ['must be an object'] });
  return value as Record<string, unknown>;
}
