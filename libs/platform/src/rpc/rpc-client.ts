import type { ClientProxy } from '@nestjs/microservices';
import { NatsRecordBuilder } from '@nestjs/microservices';
import { headers } from '@nats-io/transport-node';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { DomainError, ErrorCodes, Headers, isRpcErrorBody } from '@app/contracts';
import { fromRpcErrorBody } from './to-rpc-error';

export interface RpcCallOptions {
  timeoutMs: number;
  requestId?: string;
  /** Used in the 503 message, e.g. "customers". */
  service: string;
}

/**
 * Sends a request and waits for its answer, never longer than `timeoutMs` (Nest's `send()`
 * has no timeout of its own). A coded error from the service comes back as that DomainError;
 * no answer in time is a 503.
 */
export async function sendRpc<T>(client: ClientProxy, pattern: string, payload: object, options: RpcCallOptions): Promise<T> {
  const h = headers();
  if (options.requestId) h.set(Headers.requestId, options.requestId);
  const record = new NatsRecordBuilder(payload).setHeaders(h).build();
  try {
    return await firstValueFrom(client.send<T>(pattern, record).pipe(timeout(options.timeoutMs)));
  } catch (e) {
    if (e instanceof TimeoutError) {
      throw new DomainError(503, ErrorCodes.serviceUnavailable, `The ${options.service} service did not answer within ${options.timeoutMs} ms`);
    }
    if (isRpcErrorBody(e)) throw fromRpcErrorBody(e);
    if (e instanceof DomainError) throw e;
    throw new DomainError(503, ErrorCodes.serviceUnavailable, `The ${options.service} service is unavailable: ${e?.message ?? 'no connection'}`);
  }
}
