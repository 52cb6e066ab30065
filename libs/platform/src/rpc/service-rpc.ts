import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { DomainError, ErrorCodes, Headers, isRpcErrorBody } from '@app/contracts';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { currentRequestId } from '../logging/request-context';
import { NATS_CONNECTION } from '../messaging/nats.connection';
import { fromRpcErrorBody } from './to-rpc-error';

/**
 * A request from one service to another over NATS, in the packet format of Nest's NATS
 * transport, as the service itself (`actor: { type: 'system', id: <service> }`) for a tenant.
 * For facts a service needs now and cannot wait for as an event; a coded error comes back as
 * that DomainError, no answer in time is a 503.
 */
@Injectable()
export class ServiceRpc {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async send<T>(pattern: string, tenantId: string, payload: object = {}, timeoutMs = 2000): Promise<T> {
    const h = headers();
    const requestId = currentRequestId();
    if (requestId) h.set(Headers.requestId, requestId);
    const data = { ...payload, tenantId, actor: { type: 'system', id: this.config.service } };
    const target = pattern.split('.')[0];
    let packet: { response?: T; err?: unknown };
    try {
      const reply = await this.nc.request(pattern, JSON.stringify({ pattern, data, id: randomUUID() }), { timeout: timeoutMs, headers: h });
      packet = reply.json();
    } catch (e) {
      throw new DomainError(503, ErrorCodes.serviceUnavailable, `The ${target} service did not answer: ${e?.message ?? e}`);
    }
    if (packet.err !== undefined && packet.err !== null) {
      if (isRpcErrorBody(packet.err)) throw fromRpcErrorBody(packet.err);
      throw new DomainError(502, ErrorCodes.internal, `The ${target} service failed`);
    }
    return packet.response as T;
  }
}
