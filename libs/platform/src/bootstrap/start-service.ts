import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { Logger } from 'nestjs-pino';
import type { ServiceName } from '@app/contracts';
import { ConfigError } from '../config/env';
import { readServiceConfig, type ServiceConfig } from '../config/service-config';
import { ensureDatabase } from '../database/ensure-database';
import { runMigrations, type ServiceDatabaseOptions } from '../database/data-source';
import { startDefaultMetrics } from '../health/metrics';

export interface ServiceDefinition {
  service: ServiceName;
  database: ServiceDatabaseOptions;
  appModule: (config: ServiceConfig) => DynamicModule;
}

/**
 * The whole life of a backend service process: `node main.js migrate` creates the database
 * and runs migrations (the Kubernetes Job); with no argument it also starts HTTP (health,
 * metrics) and the NATS listener, and shuts down gracefully on SIGTERM.
 */
export async function startService(definition: ServiceDefinition): Promise<void> {
  let config: ServiceConfig;
  try {
    config = readServiceConfig(definition.service);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${definition.service}: ${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }

  await ensureDatabase(config.databaseUrl);
  const ran = await runMigrations(config.databaseUrl, definition.database);
  if (process.argv[2] === 'migrate') {
    process.stdout.write(`${definition.service}: ${ran.length ? `ran ${ran.join(', ')}` : 'no pending migrations'}\n`);
    return;
  }

  startDefaultMetrics(definition.service);
  const app = await NestFactory.create<NestFastifyApplication>(definition.appModule(config), new FastifyAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.NATS,
    options: { servers: config.natsUrl, queue: definition.service, name: `${definition.service}-rpc` },
  }, { inheritAppConfig: true }); // so the platform's error filter and interceptor reach message handlers
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(config.httpPort, config.host);
  app.get(Logger).log(`${definition.service} listening: http ${config.httpPort}, NATS queue "${definition.service}"`);
}

export function runMain(start: () => Promise<void>): void {
  start().catch((e) => {
    process.stderr.write(`Fatal: ${e?.stack ?? e}\n`);
    process.exit(1);
  });
}
