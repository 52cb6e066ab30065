import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MarketingEvents, Streams, type EventEnvelope, type SegmentMembershipChangedV1 } from '@app/contracts';
import { EventConsumer, type EventHandler } from '@app/platform';
import { CustomerDeletions } from '../deletions/customer-deletions';
import { historyOf } from '../history/history-entries';
import { HistoryRecorder } from '../history/history.recorder';

/**
 * The timeline (C16) from marketing's events, segment membership for the customer list's
 * segmentId filter (C17), and marketing's erasure confirmations (C18).
 */
@Injectable()
export class MarketingStreamConsumer extends EventConsumer {
  readonly durable = 'customers-marketing';
  readonly stream = Streams.marketing;
  readonly filterSubject = 'events.marketing.>';
  readonly handlers: Record<string, EventHandler>;

  constructor(history: HistoryRecorder, deletions: CustomerDeletions) {
    super();
    const timeline: EventHandler = { versions: [1], handle: (e, em) => history.record(em, e, historyOf(e)) };
    this.handlers = {
      [MarketingEvents.segmentMembershipChanged]: {
        versions: [1],
        handle: async (e: EventEnvelope<SegmentMembershipChangedV1>, em) => {
          await applySegmentChange(em, e.tenantId, e.data);
          await history.record(em, e, historyOf(e));
        },
      },
      [MarketingEvents.subscriptionChanged]: timeline,
      [MarketingEvents.mailingSent]: timeline,
      [MarketingEvents.pushSent]: timeline,
      [MarketingEvents.promoCodeIssued]: timeline,
      [MarketingEvents.promoCodeRedeemed]: timeline,
      [MarketingEvents.pollAnswered]: timeline,
      [MarketingEvents.activityTracked]: timeline,
      [MarketingEvents.customerErased]: { versions: [1], handle: (e: EventEnvelope<any>, em) => deletions.confirm(em, e) },
    };
  }

  /** A segment's batches in order (an add and a later remove of one customer); one customer's events in order. */
  partitionKey(event: EventEnvelope<{ segmentId?: string; customerId?: string; mailingId?: string }>): string {
    const d = event.data ?? {};
    return `${event.tenantId}/${d.segmentId ?? d.customerId ?? d.mailingId ?? ''}`;
  }
}

async function applySegmentChange(em: EntityManager, tenantId: string, change: SegmentMembershipChangedV1): Promise<void> {
  if (change.segmentDeleted) {
    await em.query(`DELETE FROM customer_segment_members WHERE tenant_id = $1 AND segment_id = $2`, [tenantId, change.segmentId]);
    return;
  }
  if (change.removed.length) {
    await em.query(`DELETE FROM customer_segment_members WHERE tenant_id = $1 AND segment_id = $2 AND customer_id = ANY($3::uuid[])`, [tenantId, change.segmentId, change.removed]);
  }
  if (change.added.length) {
    await em.query(
      `INSERT INTO customer_segment_members (tenant_id, segment_id, customer_id, segment_name)
       SELECT $1, $2, unnest($3::uuid[]), $4
       ON CONFLICT (tenant_id, segment_id, customer_id) DO UPDATE SET segment_name = EXCLUDED.segment_name`,
      [tenantId, change.segmentId, change.added, change.segmentName],
    );
  }
}
