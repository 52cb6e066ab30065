import { Inject, Injectable } from '@nestjs/common';
import type { ClientNats } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CLIENT } from '../rpc/rpc.tokens';

/** Ready when the gateway's NATS connection is open and the server answers a flush within a second. */
@Injectable()
export class NatsReadiness {
  constructor(@Inject(NATS_CLIENT) private readonly client: ClientNats) {}

  async check(): Promise<{ up: boolean; message?: string }> {
    let connection: NatsConnection;
    try {
      connection = this.client.unwrap<NatsConnection>();
    } catch {
      return { up: false, message: 'not connected yet' };
    }
    if (connection.isClosed()) return { up: false, message: 'connection closed' };
    try {
      await Promise.race([connection.flush(), new Promise((_, reject) => setTimeout(() => reject(new Error('flush timed out')), 1000))]);
      return { up: true };
    } catch (e) {
      return { up: false, message: e.message };
    }
  }
}
