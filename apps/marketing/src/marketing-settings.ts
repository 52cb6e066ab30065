import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EnvReader } from '@app/platform';

/** Settings of the marketing service beyond what every service has (all from the environment). */
export interface MarketingSettings {
  /** SMTP_URL, e.g. smtp://user:pass@mail.example.com:587 (smtps:// for TLS). Unset: email mailings are refused (422 channel_not_configured). */
  smtpUrl: string | null;
  /** MAIL_FROM: sender of mailings, e.g. "Shop <news@shop.example>". */
  mailFrom: string;
  /** SMS_WEBHOOK_URL: the SMS gateway's HTTP endpoint (POST JSON). Unset: SMS refused. */
  smsWebhookUrl: string | null;
  /** PUSH_WEBHOOK_URL: the wallet/push provider's HTTP endpoint (POST JSON). Unset: push refused. */
  pushWebhookUrl: string | null;
  /** WEBHOOK_SECRET: when set, webhook bodies are signed (x-signature: sha256=<hex HMAC>). */
  webhookSecret: string | null;
  /** DELIVERY_TIMEOUT_MS: longest wait for the SMTP server or a webhook per message. */
  deliveryTimeoutMs: number;
  /** DELIVERY_MAX_ATTEMPTS: attempts per message before it is recorded as failed. */
  deliveryMaxAttempts: number;
  /** DELIVERY_RETRY_BASE_MS: wait before the 2nd attempt; doubles per attempt (capped at 1 hour). */
  deliveryRetryBaseMs: number;
  /** DELIVERY_BATCH: messages one worker claims at a time. */
  deliveryBatch: number;
  /** DELIVERY_CONCURRENCY: messages sent at once by one worker. */
  deliveryConcurrency: number;
  /** WORKER_POLL_MS: how often the delivery and segment workers look for work when idle. */
  workerPollMs: number;
  /** INTEREST_SWEEP_MS: how often segments reading interests are re-evaluated for interests that lapsed. */
  interestSweepMs: number;
}

export const MARKETING_SETTINGS = Symbol('MARKETING_SETTINGS');

export function readMarketingSettings(env: Record<string, string | undefined> = process.env): MarketingSettings {
  const r = new EnvReader(env);
  const optionalUrl = (name: string, protocols: string[]) => (env[name] ? r.url(name, '', protocols) : null);
  const settings: MarketingSettings = {
    smtpUrl: optionalUrl('SMTP_URL', ['smtp', 'smtps']),
    mailFrom: r.string('MAIL_FROM', 'Customer 360 <no-reply@customer360.local>'),
    smsWebhookUrl: optionalUrl('SMS_WEBHOOK_URL', ['http', 'https']),
    pushWebhookUrl: optionalUrl('PUSH_WEBHOOK_URL', ['http', 'https']),
    webhookSecret: env.WEBHOOK_SECRET || null,
    deliveryTimeoutMs: r.int('DELIVERY_TIMEOUT_MS', 10_000, 100, 120_000),
    deliveryMaxAttempts: r.int('DELIVERY_MAX_ATTEMPTS', 5, 1, 50),
    deliveryRetryBaseMs: r.int('DELIVERY_RETRY_BASE_MS', 30_000, 10, 3_600_000),
    deliveryBatch: r.int('DELIVERY_BATCH', 100, 1, 1000),
    deliveryConcurrency: r.int('DELIVERY_CONCURRENCY', 10, 1, 100),
    workerPollMs: r.int('WORKER_POLL_MS', 500, 10, 60_000),
    interestSweepMs: r.int('INTEREST_SWEEP_MS', 60_000, 100, 3_600_000),
  };
  r.done();
  return settings;
}

@Global()
@Module({})
export class MarketingSettingsModule {
  static forRoot(settings: MarketingSettings): DynamicModule {
    return { module: MarketingSettingsModule, providers: [{ provide: MARKETING_SETTINGS, useValue: settings }], exports: [MARKETING_SETTINGS] };
  }
}
