import { Injectable } from '@nestjs/common';
import { CustomerB2BEvents, CustomerEvents, Streams, type EventEnvelope } from '@app/contracts';
import { EventConsumer, type EventHandler } from '@app/platform';
import { historyOf } from '../history/history-entries';
import { HistoryRecorder } from '../history/history.recorder';

/** The timeline (C16) from the customers service's own events: profile changes and B2B sections. */
@Injectable()
export class CustomersStreamConsumer extends EventConsumer {
  readonly durable = 'customers-history';
  readonly stream = Streams.customers;
  readonly filterSubject = 'events.customers.>';
  readonly handlers: Record<string, EventHandler>;

  constructor(history: HistoryRecorder) {
    super();
    const timeline: EventHandler = { versions: [1], handle: (e, em) => history.record(em, e, historyOf(e)) };
    this.handlers = Object.fromEntries(
      [CustomerEvents.created, CustomerEvents.updated, ...Object.values(CustomerB2BEvents)].map((type) => [type, timeline]),
    );
  }

  /** One customer's events in order. */
  partitionKey(event: EventEnvelope<{ customer?: { id: string }; customerId?: string }>): string {
    return `${event.tenantId}/${event.data?.customer?.id ?? event.data?.customerId ?? ''}`;
  }
}
