import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  LoyaltyEvents,
  LoyaltyPatterns,
  type FeedbackPage,
  type FeedbackReceivedV1,
  type FeedbackView,
  type MetricsChangedV1,
} from '@app/contracts';
import { type Caller, decodeCursor, encodeCursor, pageLimit } from '@app/common';
import { OutboxService } from '@app/platform';
import { average2, metricsEvent } from '../metrics/metrics-rules';
import { MetricsRepository } from '../metrics/metrics.repository';
import { LiveCustomers } from '../shared/live-customers.service';
import { WriteTransaction } from '../shared/write-transaction.service';
import { readCreateFeedback, readFeedbackFilter } from './feedback-input';
import { FeedbackRepository } from './feedback.repository';

const FEEDBACK_SORT = 'feedback';

/** Feedback ratings (L8): record one, list with period and comment filters, average rating. */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly feedback: FeedbackRepository,
    private readonly metrics: MetricsRepository,
    private readonly customers: LiveCustomers,
    private readonly outbox: OutboxService,
    private readonly tx: WriteTransaction,
  ) {}

  /** Records a rating 1-5 of a live customer; the average moves in the same transaction. */
  async create(caller: Caller, input: Record<string, unknown>, idempotencyKey: unknown): Promise<FeedbackView> {
    const { tenantId, actor } = caller;
    const now = new Date();
    const c = readCreateFeedback(input, now);
    await this.customers.assertLive(tenantId, c.customerId);
    return this.tx.run(tenantId, idempotencyKey, LoyaltyPatterns.createFeedback, input, async (em) => {
      const view = await this.feedback.insert(em, tenantId, { id: randomUUID(), ...c, actor }, now);
      const metrics = await this.metrics.addRating(em, tenantId, c.customerId, c.rating, now);
      await this.outbox.enqueue<FeedbackReceivedV1>(em, {
        type: LoyaltyEvents.feedbackReceived,
        tenantId,
        actor,
        data: { feedbackId: view.id, customerId: view.customerId, rating: view.rating, comment: view.comment, at: view.at },
      });
      await this.outbox.enqueue<MetricsChangedV1>(em, { type: LoyaltyEvents.metricsChanged, tenantId, actor, data: { customerId: c.customerId, metrics: metricsEvent(metrics) } });
      return view;
    });
  }

  /** Tab feedback: newest first, filtered by period (tenant's time zone) and comments, with count and average of the filter. */
  async list(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<FeedbackPage> {
    const { tenantId } = caller;
    const limit = pageLimit(query.limit);
    const after = decodeCursor(query.cursor, FEEDBACK_SORT);
    const settings = await this.customers.settingsFor(tenantId, customerId);
    const filter = readFeedbackFilter(query, new Date(), settings.timeZone);
    const em = this.dataSource.manager;
    const [rows, stats] = await Promise.all([
      this.feedback.page(em, tenantId, customerId, filter, after ? { at: after.value, id: after.id } : null, limit),
      this.feedback.stats(em, tenantId, customerId, filter),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor: rows.length > limit ? encodeCursor(FEEDBACK_SORT, { value: last.at, id: last.id }) : null,
      count: stats.count,
      averageRating: average2(stats.sum, stats.count),
    };
  }
}
