import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid, type Caller } from '@app/common';
import {
  CHANNELS,
  conflict,
  invalid,
  MarketingErrorCodes,
  notFound,
  unprocessable,
  type Channel,
  type CustomerMailingView,
  type FieldErrors,
  type MailingRecipientView,
  type MailingView,
  type Page,
} from '@app/contracts';
import { IdempotencyService, OutboxService } from '@app/platform';
import { iso, isoNow, pageRequest, toPage } from '../common/paging';
import { exclusionReasonSql } from '../customers/contact-state';
import { KnownCustomers } from '../customers/known-customers.service';
import { Channels } from '../delivery/channels';
import { DeliveryWorker } from '../delivery/delivery.worker';
import { MailingEventsWriter } from '../delivery/mailing-events';
import { PromoCodesService } from '../promo-codes/promo-codes.service';
import { CATEGORY_KEY } from '../segments/segment-rules';
import { notFoundCategory } from '../subscriptions/subscriptions.service';
import { controlDrawSql, percentToBasisPoints } from './control-group';
import { modifiedRows } from '../common/sql';

export const mailingNotFound = () => notFound('Mailing', MarketingErrorCodes.mailingNotFound);

const CONSENT_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const OUTCOMES = ['pending', 'sent', 'control_group', 'excluded', 'failed'];
const MAILING_COLUMNS = `id, name, kind, campaign, segment_id, channel, category, control_basis_points, subject, body, promo_code_pool_id,
  required_consent, status, audience_count, sent_count, control_count, excluded_count, failed_count, created_at, send_requested_at, completed_at`;

interface MailingRow {
  id: string;
  name: string;
  kind: 'mass' | 'campaign';
  campaign: string | null;
  segment_id: string;
  channel: Channel;
  category: string;
  control_basis_points: number;
  subject: string | null;
  body: string;
  promo_code_pool_id: string | null;
  required_consent: string | null;
  status: MailingView['status'];
  audience_count: number;
  sent_count: number;
  control_count: number;
  excluded_count: number;
  failed_count: number;
  created_at: Date;
  send_requested_at: Date | null;
  completed_at: Date | null;
}

/**
 * Mailings (M2): mass and campaign mailings to a segment on one channel and subscription
 * category. Sending fixes the audience in one transaction: every member of the segment gets
 * a recipient row, `excluded` with the reason (X2), `control_group` (a reproducible draw among
 * the eligible), or `pending`; promo codes are issued to the pending ones. Delivery then runs in
 * the background (DeliveryWorker), so a mailing to 100,000 customers answers in seconds, not
 * minutes; the mailing is `sent` when no recipient is pending.
 */
@Injectable()
export class MailingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
    private readonly channels: Channels,
    private readonly worker: DeliveryWorker,
    private readonly events: MailingEventsWriter,
    private readonly promoCodes: PromoCodesService,
    private readonly customers: KnownCustomers,
  ) {}

  async create(caller: Caller, input: Record<string, unknown>): Promise<MailingView> {
    const { tenantId, actor } = caller;
    const m = checkMailingInput(input);
    return this.dataSource.transaction(async (em) => {
      const [segment] = await em.query(`SELECT id FROM segments WHERE tenant_id = $1 AND id = $2`, [tenantId, m.segmentId]);
      if (!segment) throw unprocessable(MarketingErrorCodes.segmentNotFound, 'The segment does not exist', { field: 'segmentId' });
      await this.assertCategoryActive(em, tenantId, m.category);
      if (m.promoCodePoolId) await this.promoCodes.assertPool(em, tenantId, m.promoCodePoolId, true);
      const [row] = await em.query(
        `INSERT INTO mailings (tenant_id, id, name, kind, campaign, segment_id, channel, category, control_basis_points, subject, body,
                               promo_code_pool_id, required_consent, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${MAILING_COLUMNS}`,
        [
          tenantId,
          randomUUID(),
          m.name,
          m.kind,
          m.campaign,
          m.segmentId,
          m.channel,
          m.category,
          percentToBasisPoints(m.controlGroupPercent),
          m.subject,
          m.body,
          m.promoCodePoolId,
          m.requiredConsent,
          actor.id,
        ],
      );
      return toMailingView(row);
    });
  }

  async get(caller: Caller, id: string): Promise<MailingView> {
    const [row] = await this.dataSource.query(`SELECT ${MAILING_COLUMNS} FROM mailings WHERE tenant_id = $1 AND id = $2`, [caller.tenantId, id]);
    if (!row) throw mailingNotFound();
    const reasons: Array<{ reason: string; n: number }> = await this.dataSource.query(
      `SELECT reason, count(*)::int AS n FROM mailing_recipients WHERE tenant_id = $1 AND mailing_id = $2 AND outcome = 'excluded' GROUP BY reason ORDER BY reason`,
      [caller.tenantId, id],
    );
    return { ...toMailingView(row), excludedByReason: Object.fromEntries(reasons.map((r) => [r.reason, r.n])) };
  }

  /** Newest first. */
  async list(caller: Caller, query: Record<string, unknown>): Promise<Page<MailingView>> {
    const { limit, after } = pageRequest(query, 'mailings');
    const rows = await this.dataSource.query(
      `SELECT ${MAILING_COLUMNS}, created_at::text AS cursor_at FROM mailings
        WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [caller.tenantId, after?.value ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows, limit, 'mailings', (r: { cursor_at: string; id: string }) => ({ value: r.cursor_at, id: r.id }), toMailingView);
  }

  /**
   * Sends a draft mailing, once: a mailing that is sending or sent answers 409
   * mailing_already_sent (with an Idempotency-Key, a repeat answers the first result instead).
   * An audience with no one in it sends nothing: 422 mailing_audience_empty, the mailing stays a draft.
   */
  async send(caller: Caller, id: string, idempotencyKey: unknown): Promise<MailingView> {
    const { tenantId, actor } = caller;
    const view = await this.idempotency.run(tenantId, idempotencyKey, `marketing.mailing.send:${id}`, { id }, async (em) => {
      const [mailing]: MailingRow[] = await em.query(`SELECT ${MAILING_COLUMNS} FROM mailings WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      if (!mailing) throw mailingNotFound();
      if (mailing.status !== 'draft') throw conflict(MarketingErrorCodes.mailingAlreadySent, `This mailing was sent already (status ${mailing.status})`, { status: mailing.status });
      if (!this.channels.get(mailing.channel).configured) {
        throw unprocessable(MarketingErrorCodes.channelNotConfigured, `No ${mailing.channel} provider is configured for this service`, { channel: mailing.channel });
      }
      await this.assertCategoryActive(em, tenantId, mailing.category);
      const [segment] = await em.query(`SELECT version, computed_version FROM segments WHERE tenant_id = $1 AND id = $2`, [tenantId, mailing.segment_id]);
      if (!segment) throw unprocessable(MarketingErrorCodes.segmentNotFound, 'The segment of this mailing no longer exists');
      if (segment.computed_version < segment.version) {
        throw unprocessable(MarketingErrorCodes.segmentNotReady, 'The segment is being recomputed after a rule change; send again in a moment');
      }

      const counts = await this.snapshotAudience(em, tenantId, mailing);
      if (counts.audience === 0) throw unprocessable(MarketingErrorCodes.mailingAudienceEmpty, 'The segment has no members: nothing was sent');
      if (mailing.promo_code_pool_id && counts.pending > 0) {
        await this.promoCodes.issueForMailing(em, tenantId, actor, { id, name: mailing.name, campaign: mailing.campaign, poolId: mailing.promo_code_pool_id });
      }
      const [row] = await modifiedRows<MailingRow>(
        em,
        `UPDATE mailings SET status = $3, audience_count = $4, control_count = $5, excluded_count = $6, send_requested_at = now(),
                completed_at = CASE WHEN $3 = 'sent' THEN now() END
          WHERE tenant_id = $1 AND id = $2 RETURNING ${MAILING_COLUMNS}`,
        [tenantId, id, counts.pending > 0 ? 'sending' : 'sent', counts.audience, counts.control, counts.excluded],
      );
      // Who was left out, and why, is known now; who was sent follows as delivery goes.
      await this.events.recordFinal(em, tenantId, actor, row, ['control_group', 'excluded']);
      return toMailingView(row);
    });
    this.outbox.flush();
    this.worker.kick();
    return view;
  }

  /** Recipients of a mailing, by customer id; `outcome` filters. */
  async recipients(caller: Caller, id: string, query: Record<string, unknown>): Promise<Page<MailingRecipientView>> {
    const { tenantId } = caller;
    const outcome = query.outcome;
    if (outcome !== undefined && !OUTCOMES.includes(outcome as string)) throw invalid({ outcome: [`must be one of ${OUTCOMES.join(', ')}`] });
    const { limit, after } = pageRequest(query, `recipients:${outcome ?? ''}`);
    const [mailing] = await this.dataSource.query(`SELECT id FROM mailings WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    if (!mailing) throw mailingNotFound();
    const rows = await this.dataSource.query(
      `SELECT customer_id, outcome, reason, attempts, last_error, promo_code, sent_at, updated_at FROM mailing_recipients
        WHERE tenant_id = $1 AND mailing_id = $2 AND ($3::text IS NULL OR outcome = $3) AND ($4::uuid IS NULL OR customer_id > $4)
        ORDER BY customer_id LIMIT $5`,
      [tenantId, id, outcome ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      `recipients:${outcome ?? ''}`,
      (r: { customer_id: string }) => ({ value: '', id: r.customer_id }),
      (r: { customer_id: string; outcome: MailingRecipientView['outcome']; reason: string | null; attempts: number; last_error: string | null; promo_code: string | null; sent_at: Date | null; updated_at: Date }) => ({
        customerId: r.customer_id,
        outcome: r.outcome,
        reason: r.reason,
        attempts: r.attempts,
        lastError: r.last_error,
        promoCode: r.promo_code,
        sentAt: iso(r.sent_at),
        updatedAt: isoNow(r.updated_at),
      }),
    );
  }

  /** Every mailing the customer was in, newest first, marked when they were in the control group. */
  async customerMailings(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<CustomerMailingView>> {
    const { tenantId } = caller;
    const { limit, after } = pageRequest(query, 'customer-mailings');
    await this.customers.assertLive(tenantId, customerId);
    const rows = await this.customerMailingRows(this.dataSource.manager, tenantId, customerId, limit + 1, after);
    return toPage(rows, limit, 'customer-mailings', (r) => ({ value: r.cursor_at, id: r.mailing_id }), toCustomerMailingView);
  }

  async customerMailingRows(em: EntityManager, tenantId: string, customerId: string, limit: number | null, after: { value: string; id: string } | null = null) {
    return em.query(
      `SELECT r.mailing_id, m.name, m.kind, m.campaign, m.channel, m.category, r.outcome, r.reason, r.promo_code, r.created_at, r.sent_at,
              r.created_at::text AS cursor_at
         FROM mailing_recipients r JOIN mailings m ON m.tenant_id = r.tenant_id AND m.id = r.mailing_id
        WHERE r.tenant_id = $1 AND r.customer_id = $2 AND ($3::timestamptz IS NULL OR (r.created_at, r.mailing_id) < ($3, $4::uuid))
        ORDER BY r.created_at DESC, r.mailing_id DESC LIMIT $5`,
      [tenantId, customerId, after?.value ?? null, after?.id ?? null, limit],
    );
  }

  /**
   * One INSERT … SELECT over the segment's members: exclusion reason (unsubscribed, contact,
   * consent), then the control-group draw among the eligible, then the address to send to.
   */
  private async snapshotAudience(em: EntityManager, tenantId: string, mailing: MailingRow) {
    const reason = exclusionReasonSql('$3::text', 'f.subscribed', '$6::text');
    await em.query(
      `INSERT INTO mailing_recipients (tenant_id, mailing_id, customer_id, outcome, reason, address, created_at, next_attempt_at)
       SELECT $1, $2, a.customer_id,
              CASE WHEN a.reason IS NOT NULL THEN 'excluded'
                   WHEN ${controlDrawSql('$8::text', 'a.customer_id')} < $5 THEN 'control_group'
                   ELSE 'pending' END,
              a.reason,
              CASE WHEN a.reason IS NULL THEN a.address END,
              now(), now()
         FROM (
           SELECT f.customer_id, ${reason} AS reason,
                  CASE $3::text WHEN 'email' THEN f.email WHEN 'sms' THEN f.sms_phone
                       ELSE (SELECT c.serial_number FROM customer_cards c WHERE c.tenant_id = f.tenant_id AND c.customer_id = f.customer_id
                               AND c.status = 'installed' ORDER BY c.updated_at DESC LIMIT 1) END AS address
             FROM (
               SELECT f.*, EXISTS (SELECT 1 FROM subscriptions s WHERE s.tenant_id = f.tenant_id AND s.customer_id = f.customer_id
                                      AND s.channel = $3 AND s.category = $4 AND s.subscribed) AS subscribed
                 FROM segment_members m JOIN customer_facts f ON f.tenant_id = m.tenant_id AND f.customer_id = m.customer_id
                WHERE m.tenant_id = $1 AND m.segment_id = $7 AND f.deleted_at IS NULL
             ) f
         ) a`,
      [tenantId, mailing.id, mailing.channel, mailing.category, mailing.control_basis_points, mailing.required_consent, mailing.segment_id, mailing.id],
    );
    const [counts] = await em.query(
      `SELECT count(*)::int AS audience,
              count(*) FILTER (WHERE outcome = 'pending')::int AS pending,
              count(*) FILTER (WHERE outcome = 'control_group')::int AS control,
              count(*) FILTER (WHERE outcome = 'excluded')::int AS excluded
         FROM mailing_recipients WHERE tenant_id = $1 AND mailing_id = $2`,
      [tenantId, mailing.id],
    );
    return counts as { audience: number; pending: number; control: number; excluded: number };
  }

  private async assertCategoryActive(em: EntityManager, tenantId: string, category: string): Promise<void> {
    const [row] = await em.query(`SELECT active FROM subscription_categories WHERE tenant_id = $1 AND key = $2`, [tenantId, category]);
    if (!row) throw notFoundCategory(category);
    if (!row.active) throw unprocessable(MarketingErrorCodes.subscriptionCategoryInactive, `The subscription category ${category} is not active`, { category });
  }
}

interface MailingInput {
  name: string;
  kind: 'mass' | 'campaign';
  campaign: string | null;
  segmentId: string;
  channel: Channel;
  category: string;
  controlGroupPercent: number;
  subject: string | null;
  body: string;
  promoCodePoolId: string | null;
  requiredConsent: string | null;
}

const BODY_MAX: Record<Channel, number> = { email: 100_000, sms: 1600, push: 1000 };

/** The fields of a new mailing, or a 400 naming each bad one. */
export function checkMailingInput(input: Record<string, unknown>): MailingInput {
  const errors: FieldErrors = {};
  const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
  if (!text(input.name, 200)) errors.name = ['must be a text of 1-200 characters'];
  const kind = (input.kind ?? 'mass') as MailingInput['kind'];
  if (kind !== 'mass' && kind !== 'campaign') errors.kind = ['must be mass or campaign'];
  const campaign = input.campaign ?? null;
  if (kind === 'campaign' && !text(campaign, 200)) errors.campaign = ['a campaign mailing needs the campaign name (1-200 characters)'];
  if (kind === 'mass' && campaign !== null) errors.campaign = ['only campaign mailings have a campaign'];
  if (!isUuid(input.segmentId)) errors.segmentId = ['must be a segment id'];
  const channel = input.channel as Channel;
  if (!CHANNELS.includes(channel)) errors.channel = [`must be one of ${CHANNELS.join(', ')}`];
  if (typeof input.category !== 'string' || !CATEGORY_KEY.test(input.category)) errors.category = ['must be a subscription category key'];
  const percent = input.controlGroupPercent ?? 0;
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100 || Math.round(percent * 100) !== percent * 100) {
    errors.controlGroupPercent = ['must be a number from 0 to 100 with at most two decimals'];
  }
  const subject = input.subject ?? null;
  if ((channel === 'email' || channel === 'push') && !text(subject, 500)) errors.subject = [`a${channel === 'email' ? 'n email needs a subject' : ' push needs a title'} (1-500 characters)`];
  if (channel === 'sms' && subject !== null) errors.subject = ['an SMS has no subject'];
  const max = BODY_MAX[channel] ?? 100_000;
  if (!text(input.body, max)) errors.body = [`must be a text of 1-${max} characters`];
  const pool = input.promoCodePoolId ?? null;
  if (pool !== null && !isUuid(pool)) errors.promoCodePoolId = ['must be a promo code pool id'];
  const consent = input.requiredConsent ?? null;
  if (consent !== null && (typeof consent !== 'string' || !CONSENT_KEY.test(consent))) errors.requiredConsent = ['must be a consent key'];
  if (Object.keys(errors).length) throw invalid(errors);
  return {
    name: (input.name as string).trim(),
    kind,
    campaign: campaign === null ? null : (campaign as string).trim(),
    segmentId: (input.segmentId as string).toLowerCase(),
    channel,
    category: input.category as string,
    controlGroupPercent: percent as number,
    subject: subject as string | null,
    body: input.body as string,
    promoCodePoolId: pool === null ? null : (pool as string).toLowerCase(),
    requiredConsent: consent as string | null,
  };
}

export function toMailingView(r: MailingRow): MailingView {
  const pending = r.status === 'draft' ? 0 : r.audience_count - r.sent_count - r.control_count - r.excluded_count - r.failed_count;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    campaign: r.campaign,
    segmentId: r.segment_id,
    channel: r.channel,
    category: r.category,
    controlGroupPercent: r.control_basis_points / 100,
    subject: r.subject,
    body: r.body,
    promoCodePoolId: r.promo_code_pool_id,
    requiredConsent: r.required_consent,
    status: r.status,
    counts: { audience: r.audience_count, pending, sent: r.sent_count, controlGroup: r.control_count, excluded: r.excluded_count, failed: r.failed_count },
    createdAt: isoNow(r.created_at),
    sendRequestedAt: iso(r.send_requested_at),
    completedAt: iso(r.completed_at),
  };
}

export function toCustomerMailingView(r: {
  mailing_id: string;
  name: string;
  kind: CustomerMailingView['kind'];
  campaign: string | null;
  channel: Channel;
  category: string;
  outcome: CustomerMailingView['outcome'];
  reason: string | null;
  promo_code: string | null;
  created_at: Date;
  sent_at: Date | null;
}): CustomerMailingView {
  return {
    mailingId: r.mailing_id,
    name: r.name,
    kind: r.kind,
    campaign: r.campaign,
    channel: r.channel,
    category: r.category,
    outcome: r.outcome,
    reason: r.reason,
    controlGroup: r.outcome === 'control_group',
    promoCode: r.promo_code,
    at: isoNow(r.created_at),
    sentAt: iso(r.sent_at),
  };
}
