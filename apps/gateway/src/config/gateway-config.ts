import { EnvReader, LOG_LEVELS, type LogLevel } from '@app/platform';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** How the gateway checks token signatures: a shared secret (HS256) or a public key (RS256/ES256). */
export type JwtKeys = { kind: 'secret'; secret: string } | { kind: 'publicKey'; publicKey: string };

export interface GatewayConfig {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  natsUrl: string[];
  jwt: JwtKeys;
  /** Longest wait for a service's answer before the gateway answers 503. */
  rpcTimeoutMs: number;
  /** Longest wait for one service's part of the aggregated profile; after it that part is `unavailable`. */
  profileTimeoutMs: number;
  /** Megabytes of profile JSON the gateway keeps to answer again while every service says its part is unchanged (0: none). */
  profileCopiesMb: number;
  /**
   * How long a service's profile change feed may be silent before copies are no longer answered
   * on its word (its beat is PROFILE_FEED_BEAT_MS; 0: copies are always confirmed by asking).
   */
  profileFeedSilenceMs: number;
  bodyLimitBytes: number;
  /** Requests per tenant per minute (one gateway replica, in-memory counters). */
  rateLimitPerMinute: number;
  logLevel: LogLevel;
}

export const DEV_JWT_SECRET = 'dev-secret';

/** Reads and checks the gateway's environment; every problem is reported at once (ConfigError). */
export function readGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.oneOf('NODE_ENV', 'development', ['development', 'test', 'production'] as const);
  const secret = env.JWT_SECRET || undefined;
  const publicKey = env.JWT_PUBLIC_KEY?.replace(/\\n/g, '\n') || undefined;

  let jwt: JwtKeys;
  if (publicKey) {
    if (!/-----BEGIN [A-Z ]*PUBLIC KEY-----/.test(publicKey)) r.problems.push('JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----)');
    jwt = { kind: 'publicKey', publicKey };
  } else if (secret) {
    if (nodeEnv === 'production' && (secret === DEV_JWT_SECRET || secret.length < 32)) {
      r.problems.push('JWT_SECRET must be a real secret of at least 32 characters in production');
    }
    jwt = { kind: 'secret', secret };
  } else {
    if (nodeEnv === 'production') r.problems.push('JWT_SECRET or JWT_PUBLIC_KEY is required in production');
    jwt = { kind: 'secret', secret: DEV_JWT_SECRET };
  }

  const config: GatewayConfig = {
    env: nodeEnv,
    host: r.string('HOST', '0.0.0.0'),
    port: r.int('PORT', 3000, 0, 65535),
    natsUrl: r.list('NATS_URL', ['nats://127.0.0.1:4222']),
    jwt,
    rpcTimeoutMs: r.int('RPC_TIMEOUT_MS', 5000, 100, 120_000),
    profileTimeoutMs: r.int('PROFILE_TIMEOUT_MS', 1000, 50, 60_000),
    profileCopiesMb: r.int('PROFILE_COPIES_MB', 128, 0, 65_536),
    profileFeedSilenceMs: r.int('PROFILE_FEED_SILENCE_MS', 3000, 0, 600_000),
    bodyLimitBytes: r.int('BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    rateLimitPerMinute: r.int('RATE_LIMIT_PER_MINUTE', 12_000, 1, 10_000_000),
    logLevel: r.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
  };
  for (const url of config.natsUrl) {
    if (!/^(nats|tls|ws|wss):\/\/[^\s]+$/.test(url)) r.problems.push(`NATS_URL entries must look like nats://host:port, got "${url}"`);
  }
  r.done();
  return config;
}
