import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type Type } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { NatsConnection } from '@nats-io/transport-node';
import { Streams } from '@app/contracts';
import { SERVICE_CONFIG } from './config/tokens';
import type { ServiceConfig } from './config/service-config';
import { dataSourceOptions, type ServiceDatabaseOptions } from './database/data-source';
import { loggingModule } from './logging/logging.module';
import { ConsumerRunner, EVENT_CONSUMERS } from './messaging/consumer.runner';
import type { EventConsumer } from './messaging/event-consumer';
import { connectNats, NATS_CONNECTION } from './messaging/nats.connection';
import { OutboxRelay } from './messaging/outbox.relay';
import { OutboxService } from './messaging/outbox.service';
import { ensureStream } from './messaging/streams';
import { ServiceHealthController } from './health/health.controller';
import { healthPingController } from './health/health-ping.controller';
import { NatsHealthIndicator } from './health/nats.health';
import { RpcErrorFilter } from './rpc/rpc-error.filter';
import { CustomerDirectory } from './customer-directory/customer-directory';
import { IdempotencyService } from './idempotency/idempotency.service';
import { TenantSettingsStore } from './tenant-settings/tenant-settings.store';
import { RpcContextInterceptor } from './rpc/rpc-context.interceptor';
import { ServiceRpc } from './rpc/service-rpc';
import { ProfileDocuments, ProfileFeedRelay } from './profile-documents/profile-documents';

export interface PlatformOptions {
  config: ServiceConfig;
  database: ServiceDatabaseOptions;
  /**
   * Platform event consumers this service runs (CustomerDirectoryConsumer, TenantSettingsConsumer).
   * A consumer that needs the app's own services is provided by an app module instead; it is
   * found and run all the same.
   */
  consumers?: Type<EventConsumer>[];
}

/** Drains the shared NATS connection last: consumers and the relay stop earlier, in onModuleDestroy. */
class NatsConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}
  async onApplicationShutdown(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => undefined);
  }
}

/**
 * What every backend service has: validated config, JSON logs, its own database, a NATS
 * connection with its JetStream stream, the outbox relay, durable consumers with an inbox,
 * health and metrics over HTTP and a health ping over NATS.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { config } = options;
    const consumers = options.consumers ?? [];
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ service: config })] }),
        loggingModule({ service: config.service, level: config.logLevel, httpRequests: false }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl, options.database), migrationsRun: false }),
        TerminusModule,
        DiscoveryModule,
      ],
      controllers: [ServiceHealthController, healthPingController(config.service)],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: RpcContextInterceptor },
        {
          provide: NATS_CONNECTION,
          useFactory: async () => {
            const nc = await connectNats(config.natsUrl, `${config.service}-events`);
            await ensureStream(nc, Streams[config.service]);
            return nc;
          },
        },
        NatsConnectionCloser,
        NatsHealthIndicator,
        OutboxRelay,
        OutboxService,
        IdempotencyService,
        TenantSettingsStore,
        CustomerDirectory,
        ServiceRpc,
        ProfileDocuments,
        ProfileFeedRelay,
        ...consumers,
        { provide: EVENT_CONSUMERS, useFactory: (...list: EventConsumer[]) => list, inject: consumers },
        ConsumerRunner,
      ],
      exports: [SERVICE_CONFIG, NATS_CONNECTION, OutboxService, OutboxRelay, IdempotencyService, TenantSettingsStore, CustomerDirectory, ServiceRpc, ProfileDocuments],
    };
  }
}
