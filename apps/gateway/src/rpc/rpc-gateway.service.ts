import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { sendRpc } from '@app/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import type { CallContext } from './call-context';
import { NATS_CLIENT } from './rpc.tokens';

/**
 * Sends a request to a service with the caller's tenant and actor, the request id in the NATS
 * headers, and the configured timeout (503 when no answer comes in time).
 */
@Injectable()
export class RpcGateway implements OnApplicationBootstrap {
  private readonly logger = new Logger(RpcGateway.name);

  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientProxy,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Connect early so readiness can see NATS; it keeps retrying until the server is up.
    this.client.connect().catch((e) => this.logger.warn(`NATS connection failed: ${e?.message ?? e}`));
  }

  /** `timeoutMs` overrides RPC_TIMEOUT_MS for this call (e.g. a profile section). */
  send<T>(pattern: string, caller: CallContext, payload: object = {}, options: { timeoutMs?: number } = {}): Promise<T> {
    return sendRpc<T>(
      this.client,
      pattern,
      { ...payload, tenantId: caller.tenantId, actor: caller.actor },
      { timeoutMs: options.timeoutMs ?? this.config.rpcTimeoutMs, requestId: caller.requestId, service: pattern.split('.')[0] },
    );
  }
}
