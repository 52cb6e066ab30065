import { randomUUID } from 'node:crypto';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { isRpcErrorBody, type RpcErrorBody } from '@app/contracts';

export class RpcFailure extends Error {
  constructor(readonly body: RpcErrorBody) {
    super(`${body.status} ${body.code}: ${body.message}`);
  }
}

/** The coded error a call failed with; throws when the call succeeds or fails otherwise. */
export async function failureOf(call: Promise<unknown>): Promise<RpcFailure['body']> {
  try {
    await call;
  } catch (e) {
    if (e instanceof RpcFailure) return e.body;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/**
 * Talks to a service over NATS exactly as Nest's client does (the `{ pattern, data, id }`
 * packet), so integration tests reach a service without the gateway.
 */
export class RpcTestClient {
  private constructor(private readonly nc: NatsConnection) {}

  static async connect(url: string): Promise<RpcTestClient> {
    return new RpcTestClient(await connect({ servers: url }));
  }

  get connection(): NatsConnection {
    return this.nc;
  }

  async send<T = any>(pattern: string, data: object, requestId?: string): Promise<T> {
    const h = headers();
    if (requestId) h.set('x-request-id', requestId);
    const id = randomUUID();
    const reply = await this.nc.request(pattern, JSON.stringify({ pattern, data, id }), { timeout: 5000, headers: h });
    const packet = reply.json<{ response?: T; err?: unknown }>();
    if (packet.err !== undefined && packet.err !== null) {
      if (isRpcErrorBody(packet.err)) throw new RpcFailure(packet.err);
      throw new Error(`RPC ${pattern} failed: ${JSON.stringify(packet.err)}`);
    }
    return packet.response as T;
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}
