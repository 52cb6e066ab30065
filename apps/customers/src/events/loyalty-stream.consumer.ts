import { Injectable } from '@nestjs/common';
import { LoyaltyEvents, Streams, type EventEnvelope } from '@app/contracts';
import { EventConsumer, type EventHandler } from '@app/platform';
import { CustomerDeletions } from '../deletions/customer-deletions';
import { historyOf } from '../history/history-entries';
import { HistoryRecorder } from '../history/history.recorder';

/** The timeline (C16) from loyalty's events, and loyalty's erasure confirmations (C18). */
@Injectable()
export class LoyaltyStreamConsumer extends EventConsumer {
  readonly durable = 'customers-loyalty';
  readonly stream = Streams.loyalty;
  readonly filterSubject = 'events.loyalty.>';
  readonly handlers: Record<string, EventHandler>;

  constructor(history: HistoryRecorder, deletions: CustomerDeletions) {
    super();
    const timeline: EventHandler = { versions: [1], handle: (e, em) => history.record(em, e, historyOf(e)) };
    this.handlers = {
      [LoyaltyEvents.cardIssued]: timeline,
      [LoyaltyEvents.cardChanged]: timeline,
      [LoyaltyEvents.ledgerRecorded]: timeline,
      [LoyaltyEvents.purchaseRecorded]: timeline,
      [LoyaltyEvents.purchaseChanged]: timeline,
      [LoyaltyEvents.feedbackReceived]: timeline,
      [LoyaltyEvents.customerErased]: { versions: [1], handle: (e: EventEnvelope<any>, em) => deletions.confirm(em, e) },
    };
  }

  partitionKey(event: EventEnvelope<{ customerId?: string; card?: { customerId: string }; purchase?: { customerId: string } }>): string {
    const d = event.data ?? {};
    return `${event.tenantId}/${d.customerId ?? d.card?.customerId ?? d.purchase?.customerId ?? ''}`;
  }
}
