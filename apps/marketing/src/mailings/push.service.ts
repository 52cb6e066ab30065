import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Caller } from '@app/common';
import { invalid, MarketingErrorCodes, unprocessable, type FieldErrors, type Page, type PushMessageView } from '@app/contracts';
import { IdempotencyService } from '@app/platform';
import { iso, isoNow, pageRequest, toPage } from '../common/paging';
import { CustomerFactsRepository } from '../customers/customer-facts.repository';
import { customerNotFound, KnownCustomers } from '../customers/known-customers.service';
import { Channels } from '../delivery/channels';
import { DeliveryWorker } from '../delivery/delivery.worker';

/**
 * Personal push (M3): one message to one customer's loyalty card, nobody else. The customer
 * needs an installed card (422 no_push_card otherwise). The message is queued and delivered
 * by the DeliveryWorker through the push webhook, with retries; the answer is 202 with the
 * message, whose status follows (pending → sent or failed).
 */
@Injectable()
export class PushService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly customers: KnownCustomers,
    private readonly facts: CustomerFactsRepository,
    private readonly channels: Channels,
    private readonly worker: DeliveryWorker,
  ) {}

  async send(caller: Caller, customerId: string, input: Record<string, unknown>, idempotencyKey: unknown): Promise<PushMessageView> {
    const { tenantId, actor } = caller;
    const errors: FieldErrors = {};
    if (typeof input.title !== 'string' || !input.title.trim() || input.title.length > 200) errors.title = ['must be a text of 1-200 characters'];
    if (typeof input.body !== 'string' || !input.body.trim() || input.body.length > 1000) errors.body = ['must be a text of 1-1000 characters'];
    if (Object.keys(errors).length) throw invalid(errors);
    if (!this.channels.get('push').configured) {
      throw unprocessable(MarketingErrorCodes.channelNotConfigured, 'No push provider is configured for this service', { channel: 'push' });
    }
    await this.customers.assertLive(tenantId, customerId);
    const view = await this.idempotency.run(tenantId, idempotencyKey, `marketing.push.send:${customerId}`, input, async (em) => {
      if (!(await this.facts.lockLive(em, tenantId, customerId))) throw customerNotFound();
      const serial = await this.facts.pushCard(em, tenantId, customerId);
      if (!serial) throw unprocessable(MarketingErrorCodes.noPushCard, 'The customer has no installed loyalty card to send a push to');
      const [row] = await em.query(
        `INSERT INTO push_messages (tenant_id, id, customer_id, title, body, card_serial, status, next_attempt_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', now(), $7) RETURNING *`,
        [tenantId, randomUUID(), customerId, (input.title as string).trim(), input.body, serial, actor.id],
      );
      return toPushView(row);
    });
    this.worker.kick();
    return view;
  }

  async customerMessages(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<PushMessageView>> {
    const { tenantId } = caller;
    const { limit, after } = pageRequest(query, 'push');
    await this.customers.assertLive(tenantId, customerId);
    const rows = await this.dataSource.query(
      `SELECT *, created_at::text AS cursor_at FROM push_messages
        WHERE tenant_id = $1 AND customer_id = $2 AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [tenantId, customerId, after?.value ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows, limit, 'push', (r: { cursor_at: string; id: string }) => ({ value: r.cursor_at, id: r.id }), toPushView);
  }
}

export function toPushView(r: {
  id: string;
  customer_id: string;
  title: string;
  body: string;
  card_serial: string | null;
  status: PushMessageView['status'];
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}): PushMessageView {
  return {
    id: r.id,
    customerId: r.customer_id,
    title: r.title,
    body: r.body,
    cardSerialNumber: r.card_serial,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: isoNow(r.created_at),
    sentAt: iso(r.sent_at),
  };
}
