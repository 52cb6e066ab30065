import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid, uniqueViolation, type Caller } from '@app/common';
import {
  conflict,
  invalid,
  MarketingErrorCodes,
  MarketingEvents,
  notFound,
  type CustomerPollView,
  type FieldErrors,
  type Page,
  type PollAnsweredV1,
  type PollAnswer,
  type PollQuestion,
  type PollResponseView,
  type PollResultsView,
  type PollView,
} from '@app/contracts';
import { OutboxService } from '@app/platform';
import { isoNow, pageRequest, toPage } from '../common/paging';
import { CustomerFactsRepository } from '../customers/customer-facts.repository';
import { customerNotFound, KnownCustomers } from '../customers/known-customers.service';
import { checkAnswers, normalizeQuestions } from './poll-rules';

export const pollNotFound = () => notFound('Poll', MarketingErrorCodes.pollNotFound);

/** Polls (M5): questions, one response per customer, results, and the polls a customer took. */
@Injectable()
export class PollsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly customers: KnownCustomers,
    private readonly facts: CustomerFactsRepository,
  ) {}

  async create(caller: Caller, input: Record<string, unknown>): Promise<PollView> {
    const errors: FieldErrors = {};
    if (typeof input.title !== 'string' || !input.title.trim() || input.title.length > 200) errors.title = ['must be a text of 1-200 characters'];
    const description = input.description ?? null;
    if (description !== null && (typeof description !== 'string' || description.length > 2000)) errors.description = ['must be a text of at most 2000 characters'];
    const { questions, errors: questionErrors } = normalizeQuestions(input.questions);
    Object.assign(errors, questionErrors);
    if (Object.keys(errors).length) throw invalid(errors);
    const [row] = await this.dataSource.query(
      `INSERT INTO polls (tenant_id, id, title, description, questions) VALUES ($1, $2, $3, $4, $5) RETURNING *, 0 AS responses`,
      [caller.tenantId, randomUUID(), (input.title as string).trim(), description, JSON.stringify(questions)],
    );
    return toPollView(row);
  }

  async get(caller: Caller, id: string): Promise<PollView> {
    const [row] = await this.dataSource.query(
      `SELECT p.*, (SELECT count(*)::int FROM poll_responses r WHERE r.tenant_id = p.tenant_id AND r.poll_id = p.id) AS responses
         FROM polls p WHERE p.tenant_id = $1 AND p.id = $2`,
      [caller.tenantId, id],
    );
    if (!row) throw pollNotFound();
    return toPollView(row);
  }

  async list(caller: Caller, query: Record<string, unknown>): Promise<Page<PollView>> {
    const { limit, after } = pageRequest(query, 'polls');
    const rows = await this.dataSource.query(
      `SELECT p.*, p.created_at::text AS cursor_at,
              (SELECT count(*)::int FROM poll_responses r WHERE r.tenant_id = p.tenant_id AND r.poll_id = p.id) AS responses
         FROM polls p WHERE p.tenant_id = $1 AND ($2::timestamptz IS NULL OR (p.created_at, p.id) < ($2, $3::uuid))
        ORDER BY p.created_at DESC, p.id DESC LIMIT $4`,
      [caller.tenantId, after?.value ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows, limit, 'polls', (r: { cursor_at: string; id: string }) => ({ value: r.cursor_at, id: r.id }), toPollView);
  }

  /** A customer's answers, checked against the questions; once per customer (409 poll_already_answered). */
  async respond(caller: Caller, pollId: string, input: Record<string, unknown>): Promise<PollResponseView> {
    const { tenantId, actor } = caller;
    if (!isUuid(input.customerId)) throw invalid({ customerId: ['must be a customer id'] });
    const customerId = (input.customerId as string).toLowerCase();
    const poll = await this.poll(this.dataSource.manager, tenantId, pollId);
    const { answers, errors } = checkAnswers(poll.questions, input.answers);
    if (Object.keys(errors).length) throw invalid(errors);
    await this.customers.assertLive(tenantId, customerId);
    let view: PollResponseView;
    try {
      view = await this.dataSource.transaction(async (em) => {
        if (!(await this.facts.lockLive(em, tenantId, customerId))) throw customerNotFound();
        const [row] = await em.query(
          `INSERT INTO poll_responses (tenant_id, poll_id, customer_id, answers) VALUES ($1, $2, $3, $4) RETURNING answered_at`,
          [tenantId, pollId, customerId, JSON.stringify(answers)],
        );
        const answeredAt = isoNow(row.answered_at);
        await this.outbox.enqueue<PollAnsweredV1>(em, {
          type: MarketingEvents.pollAnswered,
          tenantId,
          actor,
          data: { pollId, pollTitle: poll.title, customerId, at: answeredAt },
        });
        return { pollId, customerId, answers, answeredAt };
      });
    } catch (e) {
      if (uniqueViolation(e) === 'poll_responses_pkey') throw conflict(MarketingErrorCodes.pollAlreadyAnswered, 'This customer has answered this poll already');
      throw e;
    }
    this.outbox.flush();
    return view;
  }

  /** Responses per option of each choice question, the average of each rating. */
  async results(caller: Caller, pollId: string): Promise<PollResultsView> {
    const { tenantId } = caller;
    const poll = await this.poll(this.dataSource.manager, tenantId, pollId);
    const rows: Array<{ question: string; value: string | null; n: number }> = await this.dataSource.query(
      `SELECT a.key AS question,
              CASE WHEN jsonb_typeof(a.value) = 'array' THEN NULL ELSE a.value #>> '{}' END AS value,
              count(*)::int AS n
         FROM poll_responses r CROSS JOIN jsonb_each(r.answers) a
        WHERE r.tenant_id = $1 AND r.poll_id = $2 AND jsonb_typeof(a.value) <> 'array'
        GROUP BY 1, 2
       UNION ALL
       SELECT a.key, v #>> '{}', count(*)::int
         FROM poll_responses r CROSS JOIN jsonb_each(r.answers) a CROSS JOIN jsonb_array_elements(a.value) v
        WHERE r.tenant_id = $1 AND r.poll_id = $2 AND jsonb_typeof(a.value) = 'array'
        GROUP BY 1, 2`,
      [tenantId, pollId],
    );
    const [{ responses }] = await this.dataSource.query(`SELECT count(*)::int AS responses FROM poll_responses WHERE tenant_id = $1 AND poll_id = $2`, [
      tenantId,
      pollId,
    ]);
    const answeredBy: Array<{ question: string; n: number }> = await this.dataSource.query(
      `SELECT a.key AS question, count(*)::int AS n FROM poll_responses r CROSS JOIN jsonb_each(r.answers) a
        WHERE r.tenant_id = $1 AND r.poll_id = $2 GROUP BY 1`,
      [tenantId, pollId],
    );
    const answered = new Map(answeredBy.map((a) => [a.question, a.n]));
    return {
      pollId,
      responses,
      questions: poll.questions.map((q) => {
        const mine = rows.filter((r) => r.question === q.id);
        const base = { id: q.id, text: q.text, type: q.type, answered: answered.get(q.id) ?? 0 };
        if (q.options) return { ...base, options: Object.fromEntries(q.options.map((o) => [o, mine.find((r) => r.value === o)?.n ?? 0])) };
        if (q.type === 'rating') {
          const total = mine.reduce((sum, r) => sum + Number(r.value) * r.n, 0);
          const count = mine.reduce((sum, r) => sum + r.n, 0);
          return { ...base, average: count ? Math.round((total / count) * 100) / 100 : null };
        }
        return base;
      }),
    };
  }

  /** The polls the customer answered, newest first, with the answers. */
  async customerPolls(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<CustomerPollView>> {
    const { tenantId } = caller;
    const { limit, after } = pageRequest(query, 'customer-polls');
    await this.customers.assertLive(tenantId, customerId);
    const rows = await this.customerPollRows(this.dataSource.manager, tenantId, customerId, limit + 1, after);
    return toPage(rows, limit, 'customer-polls', (r) => ({ value: r.cursor_at, id: r.poll_id }), toCustomerPollView);
  }

  async customerPollRows(em: EntityManager, tenantId: string, customerId: string, limit: number | null, after: { value: string; id: string } | null = null) {
    return em.query(
      `SELECT r.poll_id, p.title, p.questions, r.answers, r.answered_at, r.answered_at::text AS cursor_at
         FROM poll_responses r JOIN polls p ON p.tenant_id = r.tenant_id AND p.id = r.poll_id
        WHERE r.tenant_id = $1 AND r.customer_id = $2 AND ($3::timestamptz IS NULL OR (r.answered_at, r.poll_id) < ($3, $4::uuid))
        ORDER BY r.answered_at DESC, r.poll_id DESC LIMIT $5`,
      [tenantId, customerId, after?.value ?? null, after?.id ?? null, limit],
    );
  }

  private async poll(em: EntityManager, tenantId: string, id: string): Promise<{ title: string; questions: PollQuestion[] }> {
    const [row] = await em.query(`SELECT title, questions FROM polls WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    if (!row) throw pollNotFound();
    return row;
  }
}

function toPollView(r: { id: string; title: string; description: string | null; questions: PollQuestion[]; responses: number; created_at: Date }): PollView {
  return { id: r.id, title: r.title, description: r.description, questions: r.questions, responseCount: Number(r.responses), createdAt: isoNow(r.created_at) };
}

export function toCustomerPollView(r: { poll_id: string; title: string; questions: PollQuestion[]; answers: Record<string, PollAnswer>; answered_at: Date }): CustomerPollView {
  return {
    pollId: r.poll_id,
    title: r.title,
    answeredAt: isoNow(r.answered_at),
    answers: r.questions.filter((q) => r.answers[q.id] !== undefined).map((q) => ({ questionId: q.id, question: q.text, answer: r.answers[q.id] })),
  };
}
