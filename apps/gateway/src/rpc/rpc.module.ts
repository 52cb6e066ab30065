import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import type { GatewayConfig } from '../config/gateway-config';
import { RpcGateway } from './rpc-gateway.service';
import { NATS_CLIENT } from './rpc.tokens';

@Global()
@Module({})
export class RpcModule {
  static register(config: GatewayConfig): DynamicModule {
    const clients = ClientsModule.register([
      {
        name: NATS_CLIENT,
        transport: Transport.NATS,
        options: { servers: config.natsUrl, name: 'gateway', maxReconnectAttempts: -1, reconnectTimeWait: 500, waitOnFirstConnect: true },
      },
    ]);
    return { module: RpcModule, imports: [clients], providers: [RpcGateway], exports: [clients, RpcGateway] };
  }
}
