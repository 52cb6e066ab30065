import type { ServiceName } from '@app/contracts';
import { EnvReader } from './env';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings every backend service shares. */
export interface ServiceConfig {
  service: ServiceName;
  env: 'development' | 'test' | 'production';
  host: string;
  /** HTTP port for health and metrics. */
  httpPort: number;
  databaseUrl: string;
  natsUrl: string[];
  logLevel: LogLevel;
  /** How long an event may stay unacknowledged before JetStream redelivers it. */
  eventAckWaitMs: number;
  /** Deliveries of one event before it goes to the dead-letter stream. */
  eventMaxDeliver: number;
  /** Events a partitioned consumer handles at once (see EventConsumer.partitionKey). */
  eventConcurrency: number;
  outboxPollMs: number;
  /** Profile parts are kept as documents and read in one query while nothing they show has changed (ProfileDocuments). */
  profileDocuments: boolean;
  /** How often stale profile documents and the change rows behind them are cleared away. */
  profileCollectMs: number;
  /** How often the profile change feed says it is unbroken when nothing changes (0: no feed; gateways then always ask). */
  profileFeedBeatMs: number;
}

export const DEFAULT_HTTP_PORTS: Record<ServiceName, number> = {
  customers: 3001,
  bookings: 3002,
  loyalty: 3003,
  marketing: 3004,
};

export function readServiceConfig(service: ServiceName, env: Record<string, string | undefined> = process.env): ServiceConfig {
  const r = new EnvReader(env);
  const config: ServiceConfig = {
    service,
    env: r.oneOf('NODE_ENV', 'development', ['development', 'test', 'production'] as const),
    host: r.string('HOST', '0.0.0.0'),
    httpPort: r.int('HTTP_PORT', DEFAULT_HTTP_PORTS[service], 0, 65535),
    databaseUrl: r.url('DATABASE_URL', `postgres://postgres@127.0.0.1:5432/${service}`, ['postgres', 'postgresql']),
    natsUrl: r.list('NATS_URL', ['nats://127.0.0.1:4222']),
    logLevel: r.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    eventAckWaitMs: r.int('EVENT_ACK_WAIT_MS', 30_000, 1_000, 3_600_000),
    eventMaxDeliver: r.int('EVENT_MAX_DELIVER', 10, 2, 1000),
    eventConcurrency: r.int('EVENT_CONCURRENCY', 4, 1, 64),
    outboxPollMs: r.int('OUTBOX_POLL_MS', 200, 10, 60_000),
    profileDocuments: r.oneOf('PROFILE_DOCUMENTS', 'on', ['on', 'off'] as const) === 'on',
    profileCollectMs: r.int('PROFILE_COLLECT_MS', 600_000, 100, 86_400_000),
    profileFeedBeatMs: r.int('PROFILE_FEED_BEAT_MS', 1000, 0, 60_000),
  };
  for (const url of config.natsUrl) {
    if (!/^(nats|tls|ws|wss):\/\/[^\s]+$/.test(url)) r.problems.push(`NATS_URL entries must look like nats://host:port, got "${url}"`);
  }
  r.done();
  return config;
}
