import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MarketingEvents, type Actor, type MailingSentV1, type RecipientOutcome } from '@app/contracts';
import { OutboxService } from '@app/platform';

/** marketing.mailing.sent carries at most this many recipients. */
export const RECIPIENTS_PER_EVENT = 500;

export interface MailingRef {
  id: string;
  name: string;
  kind: MailingSentV1['kind'];
  channel: MailingSentV1['channel'];
  category: string;
}

/** Publishes what happened to a mailing's recipients, in events of at most 500 recipients. */
@Injectable()
export class MailingEventsWriter {
  constructor(private readonly outbox: OutboxService) {}

  /** Every recipient of the mailing whose outcome is one of `outcomes` (used when the audience is fixed). */
  async recordFinal(em: EntityManager, tenantId: string, actor: Actor, mailing: MailingRef, outcomes: RecipientOutcome[]): Promise<void> {
    const rows: Array<{ customer_id: string; outcome: RecipientOutcome; reason: string | null; updated_at: Date }> = await em.query(
      `SELECT customer_id, outcome, reason, updated_at FROM mailing_recipients
        WHERE tenant_id = $1 AND mailing_id = $2 AND outcome = ANY($3) ORDER BY customer_id`,
      [tenantId, mailing.id, outcomes],
    );
    await this.record(
      em,
      tenantId,
      actor,
      mailing,
      rows.map((r) => ({ customerId: r.customer_id, outcome: r.outcome, reason: r.reason, at: new Date(r.updated_at).toISOString() })),
    );
  }

  async record(em: EntityManager, tenantId: string, actor: Actor, mailing: MailingRef, recipients: MailingSentV1['recipients']): Promise<void> {
    const events = [];
    for (let i = 0; i < recipients.length; i += RECIPIENTS_PER_EVENT) {
      events.push({
        type: MarketingEvents.mailingSent,
        tenantId,
        actor,
        data: {
          mailingId: mailing.id,
          name: mailing.name,
          kind: mailing.kind,
          channel: mailing.channel,
          category: mailing.category,
          recipients: recipients.slice(i, i + RECIPIENTS_PER_EVENT),
        } satisfies MailingSentV1,
      });
    }
    await this.outbox.enqueueMany(em, events);
  }
}
