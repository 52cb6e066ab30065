/**
 * The direct reader of the profile benchmark: `node dist/bench/profile-direct.js`, started by the
 * benchmark beside a running platform.
 *
 * It answers GET /v1/customers/{id}/profile as the gateway does, but in one process straight from
 * the four databases: the four services' Nest application contexts are built here (no HTTP, no
 * NATS listener), their own profile readers are called in-process at once, and the gateway's
 * assembleProfile puts the parts together. With no gateway and no NATS request/reply on the read
 * path, the benchmark can report what the fan-out costs as a ratio of the two.
 *
 * The contexts are read-only guests of the running services' databases: no migrations (only
 * startService runs them) and none of the services' background work. The event consumers would
 * join the services' durable JetStream consumers (and reset their ack wait to this process's
 * setting), the outbox relay would poll, the sweepers and workers would tick: their
 * onApplicationBootstrap is switched off in this process before any context is built, and any
 * other provider with such a hook is named on stderr. The contexts still connect to NATS at start
 * (the platform module needs the connection and checks its stream) but send nothing on it.
 *
 * Environment: DIRECT_DATABASE_URL_CUSTOMERS, _BOOKINGS, _LOYALTY, _MARKETING (required), NATS_URL,
 * PORT (default 0: any free port), LOG_LEVEL (default warn); the rest reaches the services'
 * config as it would theirs. Route: GET /v1/customers/{id}/profile?tabLimit=N with the header
 * x-tenant-id, read as an admin user; anything else is a 404. Prints
 * `direct reader ready on port <port>` once listening; SIGTERM or SIGINT closes it and exits 0.
 */
import 'reflect-metadata';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, Type } from '@nestjs/common';
import { DiscoveryService, NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { callerOf, isUuid, profileTabLimit, type Caller } from '@app/common';
import { DomainError, invalid, SERVICES, type ServiceName } from '@app/contracts';
import { ConsumerRunner, fromRpcErrorBody, OutboxRelay, ProfileDocuments, readServiceConfig, toRpcErrorBody } from '@app/platform';
import { BookingsAppModule } from '../apps/bookings/src/app.module';
import { readBookingsSettings } from '../apps/bookings/src/bookings-settings';
import { CustomerBookingsController } from '../apps/bookings/src/customer-view/customer-bookings.controller';
import { MembershipSweeper } from '../apps/bookings/src/memberships/membership-sweeper';
import { CustomersAppModule } from '../apps/customers/src/app.module';
import { readCustomersSettings } from '../apps/customers/src/customers-settings';
import { CustomerProfileController as CustomersProfile } from '../apps/customers/src/profile/customer-profile.controller';
import { assembleProfile, type ServicePart } from '../apps/gateway/src/profile/profile-assembly';
import { LoyaltyAppModule } from '../apps/loyalty/src/app.module';
import { CustomerProfileController as LoyaltyProfile } from '../apps/loyalty/src/customer-profile/customer-profile.controller';
import { readLoyaltySettings } from '../apps/loyalty/src/loyalty-settings';
import { RfmRefresher } from '../apps/loyalty/src/metrics/rfm-refresher.service';
import { InterestSweeper } from '../apps/marketing/src/activity/interest-sweeper';
import { DeliveryWorker } from '../apps/marketing/src/delivery/delivery.worker';
import { MarketingAppModule } from '../apps/marketing/src/app.module';
import { readMarketingSettings } from '../apps/marketing/src/marketing-settings';
import { CustomerProfileController as MarketingProfile } from '../apps/marketing/src/profile/customer-profile.controller';
import { SegmentRecomputeWorker } from '../apps/marketing/src/segments/segment-recompute.worker';

type Env = Record<string, string | undefined>;
type PartValue = Extract<ServicePart, { ok: true }>['value'];
/** A service's profile message handler, as NATS calls it: with the payload the gateway sends. */
type ProfileReader = (message: Record<string, unknown>) => Promise<unknown>;

/**
 * Each service: its app module as its main.ts builds it, and its profile message handler (the
 * stored part when current, else read afresh and stored: ProfileDocuments).
 */
const SERVICE_APPS: Record<ServiceName, { module: (env: Env) => DynamicModule; handler: Type<object>; reader: (handler: any) => ProfileReader }> = {
  customers: {
    module: (env) => CustomersAppModule.register(readServiceConfig('customers', env), readCustomersSettings(env)),
    handler: CustomersProfile,
    reader: (h: CustomersProfile) => (m) => h.get({ ...m, id: m.customerId }),
  },
  bookings: {
    module: (env) => BookingsAppModule.register(readServiceConfig('bookings', env), readBookingsSettings(env)),
    handler: CustomerBookingsController,
    reader: (h: CustomerBookingsController) => (m) => h.profile(m),
  },
  loyalty: {
    module: (env) => LoyaltyAppModule.register(readServiceConfig('loyalty', env), readLoyaltySettings(env)),
    handler: LoyaltyProfile,
    reader: (h: LoyaltyProfile) => (m) => h.customerProfile(m),
  },
  marketing: {
    module: (env) => MarketingAppModule.register(readServiceConfig('marketing', env), readMarketingSettings(env)),
    handler: MarketingProfile,
    reader: (h: MarketingProfile) => (m) => h.customerProfile(m),
  },
};

/** What the services start in onApplicationBootstrap and a reader must not: switched off here. */
const BACKGROUND = [ConsumerRunner, OutboxRelay, ProfileDocuments, MembershipSweeper, RfmRefresher, InterestSweeper, DeliveryWorker, SegmentRecomputeWorker];
const idle = async () => undefined;
for (const worker of BACKGROUND) worker.prototype.onApplicationBootstrap = idle;

/** The gateway's caller for an admin token (signToken's default subject). */
const ADMIN = { type: 'user', id: 'user-admin', role: 'admin' };
const ROUTE = /^\/v1\/customers\/([^/]+)\/profile$/;

async function start(): Promise<void> {
  const readers = {} as Record<ServiceName, ProfileReader>;
  const contexts = await Promise.all(
    SERVICES.map(async (service) => {
      const url = process.env[`DIRECT_DATABASE_URL_${service.toUpperCase()}`];
      if (!url) throw new Error(`DIRECT_DATABASE_URL_${service.toUpperCase()} is required`);
      const env: Env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL || 'warn', DATABASE_URL: url };
      const context = await NestFactory.createApplicationContext(SERVICE_APPS[service].module(env), { bufferLogs: true, abortOnError: false });
      // Nest's Logger is process-wide, so its lines carry the service of the last context to set it. Its
      // warning that a second "default" data source is registered is about one container: each context has its own.
      context.useLogger(context.get(Logger));
      for (const { instance } of context.get(DiscoveryService).getProviders()) {
        const hook = (instance as { onApplicationBootstrap?: unknown } | undefined)?.onApplicationBootstrap;
        if (typeof hook === 'function' && hook !== idle) process.stderr.write(`${service}: ${instance.constructor.name} started in the direct reader\n`);
      }
      readers[service] = SERVICE_APPS[service].reader(context.get(SERVICE_APPS[service].handler));
      return context;
    }),
  );

  /** The profile as ProfileService builds it, with each failure as it would come back over NATS. */
  async function profile(req: IncomingMessage, url: URL, rawId: string) {
    const tenantId = req.headers['x-tenant-id'];
    if (typeof tenantId !== 'string') throw invalid({ 'x-tenant-id': ['is required'] });
    const caller = callerOf({ tenantId, actor: ADMIN });
    if (!isUuid(rawId)) throw invalid({ id: ['id must be a UUID'] });
    const id = rawId.toLowerCase();
    const limit = profileTabLimit(url.searchParams.get('tabLimit') ?? undefined);
    const message = { tenantId: caller.tenantId, actor: caller.actor, customerId: id, tabLimit: limit };
    const answers = await Promise.allSettled(SERVICES.map((service) => readers[service](message)));
    const parts = Object.fromEntries(
      SERVICES.map((service, i): [ServiceName, ServicePart] => {
        const answer = answers[i];
        return [service, answer.status === 'fulfilled' ? { ok: true, value: answer.value as PartValue } : { ok: false, error: fromRpcErrorBody(toRpcErrorBody(answer.reason)) }];
      }),
    ) as Record<ServiceName, ServicePart>;
    const customers = parts.customers;
    if (!customers.ok && customers.error instanceof DomainError && customers.error.status === 404) throw customers.error;
    return assembleProfile(id, parts);
  }

  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      const json = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
    };
    const url = new URL(req.url ?? '/', 'http://direct');
    const match = req.method === 'GET' ? ROUTE.exec(url.pathname) : null;
    if (!match) return send(404, { status: 404, code: 'not_found', message: `${req.method} ${url.pathname} not found` });
    profile(req, url, match[1]).then(
      (body) => send(200, body),
      (e) => {
        if (e instanceof DomainError) return send(e.status, e.toBody());
        process.stderr.write(`profile ${url.pathname}: ${e?.stack ?? e}\n`);
        send(500, { status: 500, code: 'internal', message: String(e?.message ?? e) });
      },
    );
  });
  server.keepAliveTimeout = 72_000; // as Fastify's default on the gateway
  server.headersTimeout = 75_000;

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    await Promise.allSettled(contexts.map((context) => context.close()));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());

  const port = Number(process.env.PORT || 0);
  await new Promise<void>((listening, failed) => server.once('error', failed).listen(port, listening));
  process.stdout.write(`direct reader ready on port ${(server.address() as AddressInfo).port}\n`);
}

start().catch((e) => {
  process.stderr.write(`direct reader failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
