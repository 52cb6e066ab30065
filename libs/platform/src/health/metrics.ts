import { Counter, Gauge, Histogram, collectDefaultMetrics, register } from 'prom-client';

let defaultsStarted = false;
export function startDefaultMetrics(service: string): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
}

export const outboxPublished = new Counter({ name: 'outbox_events_published_total', help: 'Outbox events published to JetStream' });
export const outboxPending = new Gauge({ name: 'outbox_events_pending', help: 'Outbox events found waiting at the last relay look (at most one batch)' });
export const eventsConsumed = new Counter({
  name: 'events_consumed_total',
  help: 'Domain events handled by this service',
  labelNames: ['consumer', 'type', 'outcome'],
});
export const rpcDuration = new Histogram({
  name: 'rpc_handler_duration_seconds',
  help: 'Time spent answering NATS requests',
  labelNames: ['pattern', 'outcome'],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});
export const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Gateway HTTP request duration',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/** How the gateway answered profiles: `copy` on the feeds' word, `confirmed` after all four services said unchanged, `assembled` from parts. */
export const profileAnswers = new Counter({ name: 'profile_answers_total', help: 'Customer profiles answered by the gateway, by source', labelNames: ['source'] });

export { register as metricsRegistry };
