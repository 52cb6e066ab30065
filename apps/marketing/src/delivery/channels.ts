import { createHmac } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { Channel } from '@app/contracts';
import { MARKETING_SETTINGS, type MarketingSettings } from '../marketing-settings';
import { DeliveryError, smtpFailure, webhookVerdict } from './delivery-rules';

/** One message to one customer on one channel. */
export interface OutgoingMessage {
  tenantId: string;
  kind: 'mailing' | 'push';
  /** The mailing or push message id. */
  messageId: string;
  customerId: string;
  /** Email address, mobile number or loyalty card serial number. */
  to: string;
  subject: string | null;
  text: string;
}

/** A channel adapter: resolves when the provider accepted the message, throws DeliveryError otherwise. */
export interface ChannelAdapter {
  readonly configured: boolean;
  send(message: OutgoingMessage): Promise<void>;
}

/** Email through a real SMTP server (SMTP_URL, MAIL_FROM), with a pool of connections. */
class SmtpAdapter implements ChannelAdapter {
  private transport: Transporter | null = null;

  constructor(private readonly settings: MarketingSettings) {}

  get configured(): boolean {
    return this.settings.smtpUrl !== null;
  }

  async send(m: OutgoingMessage): Promise<void> {
    this.transport ??= createTransport({
      url: this.settings.smtpUrl!,
      pool: true,
      maxConnections: this.settings.deliveryConcurrency,
      connectionTimeout: this.settings.deliveryTimeoutMs,
      greetingTimeout: this.settings.deliveryTimeoutMs,
      socketTimeout: this.settings.deliveryTimeoutMs,
    } as Parameters<typeof createTransport>[0]);
    try {
      await this.transport.sendMail({
        from: this.settings.mailFrom,
        to: m.to,
        subject: m.subject ?? '',
        text: m.text,
        headers: { 'X-Customer360-Message': `${m.kind}:${m.messageId}:${m.customerId}` },
      });
    } catch (e) {
      throw smtpFailure(e);
    }
  }

  close(): void {
    this.transport?.close();
  }
}

/**
 * SMS and push through the provider's webhook: an HTTP POST of JSON, signed with
 * WEBHOOK_SECRET when set (x-signature: sha256=<hex HMAC of the body>), with an
 * Idempotency-Key per message and customer so the provider can drop a retried duplicate.
 * (A real SMS gateway or Apple/Google wallet push cannot run here; this adapter is the real
 * integration point, and tests run an HTTP server in its place.)
 */
class WebhookAdapter implements ChannelAdapter {
  constructor(
    private readonly channel: 'sms' | 'push',
    private readonly url: string | null,
    private readonly settings: MarketingSettings,
  ) {}

  get configured(): boolean {
    return this.url !== null;
  }

  async send(m: OutgoingMessage): Promise<void> {
    const body = JSON.stringify({
      channel: this.channel,
      tenantId: m.tenantId,
      kind: m.kind,
      messageId: m.messageId,
      customerId: m.customerId,
      to: m.to,
      ...(this.channel === 'push' ? { title: m.subject } : {}),
      text: m.text,
    });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': `${m.kind}:${m.messageId}:${m.customerId}` };
    if (this.settings.webhookSecret) headers['x-signature'] = `sha256=${createHmac('sha256', this.settings.webhookSecret).update(body).digest('hex')}`;
    let status: number;
    try {
      const res = await fetch(this.url!, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.settings.deliveryTimeoutMs), redirect: 'manual' });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      throw new DeliveryError(`${this.channel} webhook: ${e?.name === 'TimeoutError' ? 'no answer in time' : (e?.cause?.code ?? e?.message ?? e)}`, false);
    }
    const verdict = webhookVerdict(status);
    if (verdict !== 'ok') throw new DeliveryError(`${this.channel} webhook answered HTTP ${status}`, verdict === 'permanent');
  }
}

/** The adapter of each channel. */
@Injectable()
export class Channels implements OnModuleDestroy {
  private readonly adapters: Record<Channel, ChannelAdapter>;

  constructor(@Inject(MARKETING_SETTINGS) settings: MarketingSettings) {
    this.adapters = {
      email: new SmtpAdapter(settings),
      sms: new WebhookAdapter('sms', settings.smsWebhookUrl, settings),
      push: new WebhookAdapter('push', settings.pushWebhookUrl, settings),
    };
  }

  get(channel: Channel): ChannelAdapter {
    return this.adapters[channel];
  }

  onModuleDestroy(): void {
    (this.adapters.email as SmtpAdapter).close();
  }
}
