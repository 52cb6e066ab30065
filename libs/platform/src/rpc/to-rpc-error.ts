import { DomainError, ErrorCodes, isRpcErrorBody, type RpcErrorBody } from '@app/contracts';

/** Whatever a handler threw, as the `{ status, code, message, details }` body that crosses NATS. */
export function toRpcErrorBody(error: unknown): RpcErrorBody {
  if (error instanceof DomainError) return error.toBody();
  if (isRpcErrorBody(error)) return error;
  // Postgres: a unique violation or a check the domain code did not see first.
  const pgCode = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  if (pgCode === '23505') return { status: 409, code: ErrorCodes.conflict, message: 'A record with these values already exists' };
  if (pgCode === '22P02' || pgCode === '22007' || pgCode === '22008') {
    return { status: 400, code: ErrorCodes.badRequest, message: 'A value has the wrong format' };
  }
  return { status: 500, code: ErrorCodes.internal, message: 'Internal error' };
}

/** An error body that came back over NATS, as a DomainError again. */
export function fromRpcErrorBody(body: RpcErrorBody): DomainError {
  return new DomainError(body.status, body.code, body.message, body.details);
}
