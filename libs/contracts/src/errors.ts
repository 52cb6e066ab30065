/**
 * Stable error codes. Services throw DomainError with one of these; the RPC layer carries
 * `{ status, code, message, details }` and the gateway answers problem+json with the same code.
 */
export const ErrorCodes = {
  validationFailed: 'validation_failed',
  badRequest: 'bad_request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  rateLimited: 'rate_limited',
  serviceUnavailable: 'service_unavailable',
  serviceTimeout: 'service_timeout',
  internal: 'internal_error',
  idempotencyKeyReused: 'idempotency_key_reused',
  // customers
  customerNotFound: 'customer_not_found',
  emailTaken: 'email_taken',
  emailChangeNotAllowed: 'email_change_not_allowed',
  emailNotFound: 'email_not_found',
  attributeNotFound: 'attribute_not_found',
  attributeExists: 'attribute_exists',
  activeLoyaltyCard: 'active_loyalty_card',
  deletionNotFound: 'deletion_not_found',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Field → messages, for validation errors. */
export type FieldErrors = Record<string, string[]>;

export interface RpcErrorBody {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

export function isRpcErrorBody(value: unknown): value is RpcErrorBody {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === 'number' && typeof v.code === 'string' && typeof v.message === 'string';
}

/** A rule refused the request. Plain class (no framework import) so pure code and tests can use it. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toBody(): RpcErrorBody {
    return { status: this.status, code: this.code, message: this.message, ...(this.details !== undefined ? { details: this.details } : {}) };
  }
}

export const notFound = (what: string, code: string = ErrorCodes.notFound) => new DomainError(404, code, `${what} not found`);
export const conflict = (code: string, message: string, details?: unknown) => new DomainError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) => new DomainError(422, code, message, details);
export const invalid = (errors: FieldErrors, message = 'The request has invalid fields') =>
  new DomainError(400, ErrorCodes.validationFailed, message, { errors });
