import 'reflect-metadata';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ConfigError, runMain, startDefaultMetrics } from '@app/platform';
import { registerMultipartUploads } from './accounts/multipart-uploads';
import { GatewayAppModule } from './app.module';
import { readGatewayConfig, type GatewayConfig } from './config/gateway-config';
import { setupOpenApi } from './docs/openapi';
import { installHttpHooks } from './http/http-hooks';
import { resolveRequestId } from './http/request-id';

function readConfigOrExit(): GatewayConfig {
  try {
    return readGatewayConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`gateway: ${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
}

async function start(): Promise<void> {
  const config = readConfigOrExit();
  startDefaultMetrics('gateway');
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: (request: IncomingMessage) => resolveRequestId(request.headers['x-request-id']),
  });
  installHttpHooks(adapter.getInstance());
  // JSON only: Fastify's own parser (size limit, prototype-poisoning checks); other types get 415.
  adapter.getInstance().removeContentTypeParser('text/plain');

  const app = await NestFactory.create<NestFastifyApplication>(GatewayAppModule.register(config), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  await registerMultipartUploads(app);
  app.setGlobalPrefix('v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.listen(config.port, config.host);
  app.get(Logger).log(`gateway listening on ${config.host}:${config.port}`);
}

runMain(start);
