import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MarketingEvents, type Actor, type Channel, type MailingSentV1, type PushSentV1 } from '@app/contracts';
import { OutboxService } from '@app/platform';
import { PollingLoop } from '../common/polling-loop';
import { MARKETING_SETTINGS, type MarketingSettings } from '../marketing-settings';
import { Channels, type OutgoingMessage } from './channels';
import { afterAttempt, DeliveryError, type AttemptOutcome } from './delivery-rules';
import { MailingEventsWriter, type MailingRef } from './mailing-events';
import { renderTemplate } from './message-template';
import { modifiedRows } from '../common/sql';

const WORKER_ACTOR: Actor = { type: 'system', id: 'marketing' };

interface Claimed {
  customer_id: string;
  address: string | null;
  promo_code: string | null;
  attempts: number;
  first_name: string | null;
  last_name: string | null;
}

interface Result {
  customerId: string;
  attempt: number;
  error: DeliveryError | null;
  outcome: AttemptOutcome;
}

/**
 * Delivers pending mailing recipients and personal push messages through the channel
 * adapters, in the background. Work is claimed with a lease (claimed_until) under FOR UPDATE
 * SKIP LOCKED, so replicas share it and a crashed worker's claim lapses and is retried. A
 * recipient becomes `sent` only after the provider accepted the message; every attempt is
 * recorded in delivery_attempts. (A crash between the provider's acceptance and the record
 * means one more attempt: delivery is at least once, with an idempotency key on webhooks.)
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly loop: PollingLoop;
  private readonly leaseMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: Channels,
    private readonly events: MailingEventsWriter,
    private readonly outbox: OutboxService,
    @Inject(MARKETING_SETTINGS) private readonly settings: MarketingSettings,
  ) {
    this.loop = new PollingLoop(DeliveryWorker.name, settings.workerPollMs, () => this.tick());
    // Long enough for a whole batch at the slowest the providers may answer.
    this.leaseMs = Math.max(60_000, 2 * settings.deliveryTimeoutMs * Math.ceil(settings.deliveryBatch / settings.deliveryConcurrency));
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  kick(): void {
    this.loop.kick();
  }

  /** One round over the mailings being sent and the push messages due; true when more is due now. */
  async tick(): Promise<boolean> {
    let more = false;
    const mailings: Array<MailingRef & { tenant_id: string; subject: string | null; body: string }> = await this.dataSource.query(
      `SELECT tenant_id, id, name, kind, channel, category, subject, body FROM mailings WHERE status = 'sending' ORDER BY send_requested_at LIMIT 20`,
    );
    for (const mailing of mailings) {
      const claimed = await this.deliverMailingBatch(mailing.tenant_id, mailing);
      if (claimed === this.settings.deliveryBatch) more = true;
    }
    if ((await this.deliverPushBatch()) === this.settings.deliveryBatch) more = true;
    if (mailings.length || more) this.outbox.flush();
    return more;
  }

  private async deliverMailingBatch(tenantId: string, mailing: MailingRef & { subject: string | null; body: string }): Promise<number> {
    const claimed = await modifiedRows<Claimed>(
      this.dataSource,
      `WITH due AS (
         SELECT customer_id FROM mailing_recipients
          WHERE tenant_id = $1 AND mailing_id = $2 AND outcome = 'pending' AND next_attempt_at <= now()
            AND (claimed_until IS NULL OR claimed_until < now())
          ORDER BY next_attempt_at, customer_id LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       UPDATE mailing_recipients r SET claimed_until = now() + make_interval(secs => $4), attempts = r.attempts + 1, updated_at = now()
         FROM due WHERE r.tenant_id = $1 AND r.mailing_id = $2 AND r.customer_id = due.customer_id
       RETURNING r.customer_id, r.address, r.promo_code, r.attempts,
                 (SELECT first_name FROM customer_refs c WHERE c.tenant_id = r.tenant_id AND c.customer_id = r.customer_id) AS first_name,
                 (SELECT last_name FROM customer_refs c WHERE c.tenant_id = r.tenant_id AND c.customer_id = r.customer_id) AS last_name`,
      [tenantId, mailing.id, this.settings.deliveryBatch, this.leaseMs / 1000],
    );
    if (claimed.length) {
      const results = await this.sendAll(claimed, (c) => ({
        tenantId,
        kind: 'mailing',
        messageId: mailing.id,
        customerId: c.customer_id,
        to: c.address ?? '',
        subject: mailing.subject,
        text: renderTemplate(mailing.body, { firstName: c.first_name, lastName: c.last_name, promoCode: c.promo_code }),
      }), mailing.channel);
      await this.recordMailingResults(tenantId, mailing, results);
    }
    await this.dataSource.query(
      `UPDATE mailings m SET status = 'sent', completed_at = now()
        WHERE m.tenant_id = $1 AND m.id = $2 AND m.status = 'sending'
          AND NOT EXISTS (SELECT 1 FROM mailing_recipients r WHERE r.tenant_id = m.tenant_id AND r.mailing_id = m.id AND r.outcome = 'pending')`,
      [tenantId, mailing.id],
    );
    return claimed.length;
  }

  private async recordMailingResults(tenantId: string, mailing: MailingRef, results: Result[]): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.recordAttempts(em, tenantId, 'mailing', mailing.id, results);
      // One statement for the batch, conditional on still pending: a customer erased meanwhile stays excluded.
      const rows = await modifiedRows<{ customer_id: string; outcome: 'pending' | 'sent' | 'failed'; last_error: string | null; updated_at: Date }>(
        em,
        `UPDATE mailing_recipients m
            SET outcome = CASE r.state WHEN 'sent' THEN 'sent' WHEN 'failed' THEN 'failed' ELSE 'pending' END,
                sent_at = CASE WHEN r.state = 'sent' THEN now() ELSE m.sent_at END,
                next_attempt_at = CASE WHEN r.state = 'retry' THEN now() + make_interval(secs => r.delay_s) ELSE m.next_attempt_at END,
                claimed_until = NULL, last_error = r.error, updated_at = now()
           FROM unnest($3::uuid[], $4::text[], $5::text[], $6::float8[]) AS r(customer_id, state, error, delay_s)
          WHERE m.tenant_id = $1 AND m.mailing_id = $2 AND m.customer_id = r.customer_id AND m.outcome = 'pending'
          RETURNING m.customer_id, m.outcome, m.last_error, m.updated_at`,
        [
          tenantId,
          mailing.id,
          results.map((r) => r.customerId),
          results.map((r) => r.outcome.state),
          results.map((r) => (r.outcome.state === 'sent' ? null : r.outcome.error)),
          results.map((r) => (r.outcome.state === 'retry' ? r.outcome.delayMs / 1000 : 0)),
        ],
      );
      const final: MailingSentV1['recipients'] = rows
        .filter((r) => r.outcome !== 'pending')
        .map((r) => ({ customerId: r.customer_id, outcome: r.outcome as 'sent' | 'failed', reason: r.outcome === 'failed' ? r.last_error : null, at: new Date(r.updated_at).toISOString() }));
      const sent = final.filter((f) => f.outcome === 'sent').length;
      const failed = final.length - sent;
      if (final.length) {
        await em.query(`UPDATE mailings SET sent_count = sent_count + $3, failed_count = failed_count + $4 WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          mailing.id,
          sent,
          failed,
        ]);
        await this.events.record(em, tenantId, WORKER_ACTOR, mailing, final);
      }
    });
    const failures = results.filter((r) => r.error);
    if (failures.length) this.logger.warn(`mailing ${mailing.id}: ${failures.length} of ${results.length} attempts failed (${failures[0].error!.message})`);
  }

  /** Personal push messages due (M3), across tenants. */
  private async deliverPushBatch(): Promise<number> {
    const claimed = await modifiedRows<{ tenant_id: string; id: string; customer_id: string; card_serial: string; title: string; body: string; attempts: number }>(
        this.dataSource,
        `WITH due AS (
           SELECT tenant_id, id FROM push_messages
            WHERE status = 'pending' AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
            ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
         )
         UPDATE push_messages p SET claimed_until = now() + make_interval(secs => $2), attempts = p.attempts + 1
           FROM due WHERE p.tenant_id = due.tenant_id AND p.id = due.id
         RETURNING p.tenant_id, p.id, p.customer_id, p.card_serial, p.title, p.body, p.attempts`,
        [this.settings.deliveryBatch, this.leaseMs / 1000],
      );
    if (claimed.length === 0) return 0;
    const adapter = this.channels.get('push');
    for (const p of claimed) {
      let error: DeliveryError | null = null;
      try {
        await adapter.send({ tenantId: p.tenant_id, kind: 'push', messageId: p.id, customerId: p.customer_id, to: p.card_serial, subject: p.title, text: p.body });
      } catch (e) {
        error = e instanceof DeliveryError ? e : new DeliveryError(String(e?.message ?? e), false);
      }
      const outcome = afterAttempt(p.attempts, error, this.settings.deliveryMaxAttempts, this.settings.deliveryRetryBaseMs);
      await this.dataSource.transaction(async (em) => {
        await this.recordAttempts(em, p.tenant_id, 'push', p.id, [{ customerId: p.customer_id, attempt: p.attempts, error, outcome }]);
        const [row] = await modifiedRows(
          em,
          `UPDATE push_messages SET claimed_until = NULL, last_error = $3,
                  status = CASE $4 WHEN 'sent' THEN 'sent' WHEN 'failed' THEN 'failed' ELSE 'pending' END,
                  sent_at = CASE WHEN $4 = 'sent' THEN now() END,
                  next_attempt_at = CASE WHEN $4 = 'retry' THEN now() + make_interval(secs => $5) END
            WHERE tenant_id = $1 AND id = $2 AND status = 'pending' RETURNING sent_at`,
          [p.tenant_id, p.id, error?.message ?? null, outcome.state, outcome.state === 'retry' ? outcome.delayMs / 1000 : 0],
        );
        if (row && outcome.state === 'sent') {
          await this.outbox.enqueue<PushSentV1>(em, {
            type: MarketingEvents.pushSent,
            tenantId: p.tenant_id,
            actor: WORKER_ACTOR,
            data: { messageId: p.id, customerId: p.customer_id, title: p.title, at: new Date(row.sent_at).toISOString() },
          });
        }
      });
    }
    return claimed.length;
  }

  /** Sends the messages with at most DELIVERY_CONCURRENCY at once; each ends as sent, retry or failed. */
  private async sendAll(claimed: Claimed[], message: (c: Claimed) => OutgoingMessage, channel: Channel): Promise<Result[]> {
    const adapter = this.channels.get(channel);
    const results: Result[] = [];
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) {
        const c = claimed[next++];
        let error: DeliveryError | null = null;
        if (!adapter.configured) error = new DeliveryError(`no ${channel} provider is configured`, false);
        else if (!c.address) error = new DeliveryError('no address to send to', true);
        else {
          try {
            await adapter.send(message(c));
          } catch (e) {
            error = e instanceof DeliveryError ? e : new DeliveryError(String(e?.message ?? e), false);
          }
        }
        results.push({
          customerId: c.customer_id,
          attempt: c.attempts,
          error,
          outcome: afterAttempt(c.attempts, error, this.settings.deliveryMaxAttempts, this.settings.deliveryRetryBaseMs),
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.deliveryConcurrency, claimed.length) }, lane));
    return results;
  }

  private async recordAttempts(em: import('typeorm').EntityManager, tenantId: string, kind: 'mailing' | 'push', messageId: string, results: Result[]): Promise<void> {
    await em.query(
      `INSERT INTO delivery_attempts (tenant_id, message_kind, message_id, customer_id, attempt, ok, error)
       SELECT $1, $2, $3, * FROM unnest($4::uuid[], $5::int[], $6::boolean[], $7::text[])
       ON CONFLICT DO NOTHING`,
      [tenantId, kind, messageId, results.map((r) => r.customerId), results.map((r) => r.attempt), results.map((r) => !r.error), results.map((r) => r.error?.message ?? null)],
    );
  }
}
