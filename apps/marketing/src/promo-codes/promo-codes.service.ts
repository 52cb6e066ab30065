import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid, type Caller } from '@app/common';
import {
  conflict,
  invalid,
  MarketingErrorCodes,
  MarketingEvents,
  notFound,
  unprocessable,
  type Actor,
  type CustomerPromoCodeView,
  type FieldErrors,
  type Page,
  type PromoCodeIssuedV1,
  type PromoCodePoolView,
  type PromoCodeRedeemedV1,
  type PromoCodeView,
} from '@app/contracts';
import { IdempotencyService, OutboxService } from '@app/platform';
import { iso, isoNow, pageRequest, toPage } from '../common/paging';
import { CustomerFactsRepository } from '../customers/customer-facts.repository';
import { customerNotFound, KnownCustomers } from '../customers/known-customers.service';
import { checkGenerateSpec, checkImportedCodes, generateCode, normalizeCode, type GenerateSpec } from './promo-code-rules';
import { modifiedRows } from '../common/sql';

export const poolNotFound = () => notFound('Promo code pool', MarketingErrorCodes.promoCodePoolNotFound);
const codeNotFound = () => notFound('Promo code', MarketingErrorCodes.promoCodeNotFound);

/**
 * Promo codes (M4). A pool holds imported or generated codes; a code is issued to a customer by
 * a mailing (every recipient who is sent it) or for a campaign, at most one unredeemed code per
 * customer and pool: a customer who still holds one is given the same code again, flagged
 * re-issued. A code is redeemed once.
 */
@Injectable()
export class PromoCodesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
    private readonly customers: KnownCustomers,
    private readonly facts: CustomerFactsRepository,
  ) {}

  async createPool(caller: Caller, input: Record<string, unknown>, idempotencyKey: unknown): Promise<PromoCodePoolView> {
    const { tenantId } = caller;
    const errors: FieldErrors = {};
    if (typeof input.name !== 'string' || !input.name.trim() || input.name.length > 200) errors.name = ['must be a text of 1-200 characters'];
    const supply = checkSupply(input, errors);
    if (Object.keys(errors).length) throw invalid(errors);
    return this.idempotency.run(tenantId, idempotencyKey, 'marketing.promoCodePool.create', input, async (em) => {
      const id = randomUUID();
      await em.query(`INSERT INTO promo_code_pools (tenant_id, id, name) VALUES ($1, $2, $3)`, [tenantId, id, (input.name as string).trim()]);
      await this.addSupply(em, tenantId, id, supply);
      return this.poolView(em, tenantId, id);
    });
  }

  async addCodes(caller: Caller, poolId: string, input: Record<string, unknown>, idempotencyKey: unknown): Promise<PromoCodePoolView> {
    const { tenantId } = caller;
    const errors: FieldErrors = {};
    const supply = checkSupply(input, errors, true);
    if (Object.keys(errors).length) throw invalid(errors);
    return this.idempotency.run(tenantId, idempotencyKey, `marketing.promoCodePool.addCodes:${poolId}`, input, async (em) => {
      await this.assertPool(em, tenantId, poolId);
      await this.addSupply(em, tenantId, poolId, supply);
      return this.poolView(em, tenantId, poolId);
    });
  }

  async getPool(caller: Caller, id: string): Promise<PromoCodePoolView> {
    return this.poolView(this.dataSource.manager, caller.tenantId, id);
  }

  async listPools(caller: Caller, query: Record<string, unknown>): Promise<Page<PromoCodePoolView>> {
    const { limit, after } = pageRequest(query, 'pools');
    const rows = await this.dataSource.query(
      `SELECT p.id, p.name, p.created_at, p.created_at::text AS cursor_at, c.*
         FROM promo_code_pools p CROSS JOIN LATERAL (${COUNTS_SQL}) c
        WHERE p.tenant_id = $1 AND ($2::timestamptz IS NULL OR (p.created_at, p.id) > ($2, $3::uuid))
        ORDER BY p.created_at, p.id LIMIT $4`,
      [caller.tenantId, after?.value ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows, limit, 'pools', (r: { cursor_at: string; id: string }) => ({ value: r.cursor_at, id: r.id }), toPoolView);
  }

  /** 404 promo_code_pool_not_found (422 when the pool is named in a body). */
  async assertPool(em: EntityManager, tenantId: string, poolId: string, inBody = false): Promise<void> {
    const [row] = await em.query(`SELECT id FROM promo_code_pools WHERE tenant_id = $1 AND id = $2`, [tenantId, poolId]);
    if (!row) {
      if (inBody) throw unprocessable(MarketingErrorCodes.promoCodePoolNotFound, 'The promo code pool does not exist', { field: 'promoCodePoolId' });
      throw poolNotFound();
    }
  }

  /** Issues a code of the pool to one customer for a campaign (or re-issues the one they hold). */
  async issue(caller: Caller, poolId: string, input: Record<string, unknown>, idempotencyKey: unknown): Promise<CustomerPromoCodeView> {
    const { tenantId, actor } = caller;
    const errors: FieldErrors = {};
    if (!isUuid(input.customerId)) errors.customerId = ['must be a customer id'];
    const campaign = input.campaign ?? null;
    if (campaign !== null && (typeof campaign !== 'string' || !campaign.trim() || campaign.length > 200)) errors.campaign = ['must be a text of 1-200 characters'];
    if (Object.keys(errors).length) throw invalid(errors);
    const customerId = (input.customerId as string).toLowerCase();
    await this.customers.assertLive(tenantId, customerId);
    const view = await this.idempotency.run(tenantId, idempotencyKey, `marketing.promoCode.issue:${poolId}:${customerId}`, input, async (em) => {
      await this.assertPool(em, tenantId, poolId);
      if (!(await this.facts.lockLive(em, tenantId, customerId))) throw customerNotFound();
      const [held] = await em.query(
        `SELECT code FROM promo_codes WHERE tenant_id = $1 AND pool_id = $2 AND customer_id = $3 AND redeemed_at IS NULL`,
        [tenantId, poolId, customerId],
      );
      let code: string | undefined = held?.code;
      if (!code) {
        const [free] = await modifiedRows(
          em,
          `UPDATE promo_codes SET customer_id = $3, issued_at = now()
            WHERE tenant_id = $1 AND code = (SELECT code FROM promo_codes WHERE tenant_id = $1 AND pool_id = $2 AND issued_at IS NULL
                                               ORDER BY code LIMIT 1 FOR UPDATE SKIP LOCKED)
           RETURNING code`,
          [tenantId, poolId, customerId],
        );
        if (!free) throw unprocessable(MarketingErrorCodes.promoCodesExhausted, 'The pool has no code left to issue', { needed: 1, available: 0 });
        code = free.code as string;
      }
      const issueId = randomUUID();
      await em.query(
        `INSERT INTO promo_code_issues (tenant_id, id, code, pool_id, customer_id, campaign, reissued) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [tenantId, issueId, code, poolId, customerId, campaign, !!held],
      );
      await this.publishIssues(em, tenantId, actor, [{ code, customerId, reissued: !!held }], { poolId, mailingId: null, campaign: campaign as string | null });
      const [row] = await em.query(`${ISSUE_SQL} WHERE i.tenant_id = $1 AND i.id = $2`, [tenantId, issueId]);
      return toIssueView(row);
    });
    this.outbox.flush();
    return view;
  }

  /**
   * Issues codes to every pending recipient of a mailing (in its send transaction): customers
   * who hold an unredeemed code of the pool are given it again, the others a free code each;
   * too few free codes refuses the whole send (422 promo_codes_exhausted).
   */
  async issueForMailing(em: EntityManager, tenantId: string, actor: Actor, mailing: { id: string; name: string; campaign: string | null; poolId: string }): Promise<void> {
    const params = [tenantId, mailing.id, mailing.poolId];
    const [{ needed }] = await em.query(
      `SELECT count(*)::int AS needed FROM mailing_recipients r
        WHERE r.tenant_id = $1 AND r.mailing_id = $2 AND r.outcome = 'pending'
          AND NOT EXISTS (SELECT 1 FROM promo_codes c WHERE c.tenant_id = $1 AND c.pool_id = $3 AND c.customer_id = r.customer_id AND c.redeemed_at IS NULL)`,
      params,
    );
    const fresh: Array<{ code: string; customer_id: string }> = needed
      ? await modifiedRows<{ code: string; customer_id: string }>(
          em,
          `WITH need AS (
             SELECT r.customer_id, row_number() OVER (ORDER BY r.customer_id) AS n FROM mailing_recipients r
              WHERE r.tenant_id = $1 AND r.mailing_id = $2 AND r.outcome = 'pending'
                AND NOT EXISTS (SELECT 1 FROM promo_codes c WHERE c.tenant_id = $1 AND c.pool_id = $3 AND c.customer_id = r.customer_id AND c.redeemed_at IS NULL)
           ), locked AS (
             SELECT code FROM promo_codes WHERE tenant_id = $1 AND pool_id = $3 AND issued_at IS NULL ORDER BY code LIMIT $4 FOR UPDATE SKIP LOCKED
           ), free AS (
             SELECT code, row_number() OVER (ORDER BY code) AS n FROM locked
           )
           UPDATE promo_codes c SET customer_id = need.customer_id, issued_at = now()
             FROM need JOIN free ON free.n = need.n
            WHERE c.tenant_id = $1 AND c.code = free.code
           RETURNING c.code, c.customer_id`,
          [...params, needed],
        )
      : [];
    if (fresh.length < needed) {
      throw unprocessable(MarketingErrorCodes.promoCodesExhausted, `The pool has ${fresh.length} free codes; this mailing needs ${needed}`, {
        needed,
        available: fresh.length,
      });
    }
    const issued: Array<{ code: string; customer_id: string; reissued: boolean }> = await em.query(
      `WITH given AS (
         UPDATE mailing_recipients r SET promo_code = c.code
           FROM promo_codes c
          WHERE r.tenant_id = $1 AND r.mailing_id = $2 AND r.outcome = 'pending'
            AND c.tenant_id = $1 AND c.pool_id = $3 AND c.customer_id = r.customer_id AND c.redeemed_at IS NULL
         RETURNING r.customer_id, c.code
       )
       INSERT INTO promo_code_issues (tenant_id, id, code, pool_id, customer_id, mailing_id, campaign, reissued)
       SELECT $1, gen_random_uuid(), g.code, $3, g.customer_id, $2, $5, NOT (g.code = ANY($4::text[])) FROM given g
       RETURNING code, customer_id, reissued`,
      [...params, fresh.map((f) => f.code), mailing.campaign],
    );
    await this.publishIssues(
      em,
      tenantId,
      actor,
      issued.map((i) => ({ code: i.code, customerId: i.customer_id, reissued: i.reissued })),
      { poolId: mailing.poolId, mailingId: mailing.id, campaign: mailing.campaign },
    );
  }

  /** Redeems a code once (409 promo_code_already_redeemed after that); a code never issued cannot be redeemed. */
  async redeem(caller: Caller, rawCode: unknown, input: Record<string, unknown>, idempotencyKey: unknown): Promise<PromoCodeView> {
    const { tenantId, actor } = caller;
    const code = normalizeCode(rawCode);
    if (!code) throw codeNotFound();
    const customerId = input.customerId ?? null;
    if (customerId !== null && !isUuid(customerId)) throw invalid({ customerId: ['must be a customer id'] });
    const view = await this.idempotency.run(tenantId, idempotencyKey, `marketing.promoCode.redeem:${code}`, input, async (em) => {
      const [row] = await em.query(`SELECT * FROM promo_codes WHERE tenant_id = $1 AND code = $2 FOR UPDATE`, [tenantId, code]);
      if (!row) throw codeNotFound();
      if (row.issued_at === null) throw unprocessable(MarketingErrorCodes.promoCodeNotIssued, 'This code was never issued to a customer');
      if (row.redeemed_at !== null) {
        throw conflict(MarketingErrorCodes.promoCodeAlreadyRedeemed, 'This code was redeemed already', { redeemedAt: iso(row.redeemed_at) });
      }
      if (customerId !== null && row.customer_id !== (customerId as string).toLowerCase()) {
        throw unprocessable(MarketingErrorCodes.promoCodeOtherCustomer, 'This code was issued to another customer');
      }
      const [redeemed] = await modifiedRows(
        em,
        `UPDATE promo_codes SET redeemed_at = now() WHERE tenant_id = $1 AND code = $2 AND redeemed_at IS NULL RETURNING *`,
        [tenantId, code],
      );
      await this.outbox.enqueue<PromoCodeRedeemedV1>(em, {
        type: MarketingEvents.promoCodeRedeemed,
        tenantId,
        actor,
        data: { code, poolId: redeemed.pool_id, customerId: redeemed.customer_id, at: isoNow(redeemed.redeemed_at) },
      });
      return toCodeView(redeemed);
    });
    this.outbox.flush();
    return view;
  }

  /** Every code issued to the customer, newest first, with the mailing or campaign that issued it. */
  async customerCodes(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<CustomerPromoCodeView>> {
    const { tenantId } = caller;
    const { limit, after } = pageRequest(query, 'customer-codes');
    await this.customers.assertLive(tenantId, customerId);
    const rows = await this.customerIssueRows(this.dataSource.manager, tenantId, customerId, limit + 1, after);
    return toPage(rows, limit, 'customer-codes', (r) => ({ value: r.cursor_at, id: r.id }), toIssueView);
  }

  async customerIssueRows(em: EntityManager, tenantId: string, customerId: string, limit: number | null, after: { value: string; id: string } | null = null) {
    return em.query(
      `${ISSUE_SQL}
        WHERE i.tenant_id = $1 AND i.customer_id = $2 AND ($3::timestamptz IS NULL OR (i.issued_at, i.id) < ($3, $4::uuid))
        ORDER BY i.issued_at DESC, i.id DESC LIMIT $5`,
      [tenantId, customerId, after?.value ?? null, after?.id ?? null, limit],
    );
  }

  private async addSupply(em: EntityManager, tenantId: string, poolId: string, supply: Supply): Promise<void> {
    if (supply.codes.length) {
      const taken: Array<{ code: string }> = await em.query(`SELECT code FROM promo_codes WHERE tenant_id = $1 AND code = ANY($2)`, [tenantId, supply.codes]);
      if (taken.length) {
        throw conflict(MarketingErrorCodes.promoCodeExists, `${taken.length} of these codes exist already in this tenant`, { codes: taken.slice(0, 100).map((t) => t.code) });
      }
      await em.query(`INSERT INTO promo_codes (tenant_id, code, pool_id) SELECT $1, unnest($2::text[]), $3`, [tenantId, supply.codes, poolId]);
    }
    if (supply.generate) await this.generate(em, tenantId, poolId, supply.generate);
  }

  /** Random codes until `count` new ones are stored (a collision with an existing code is drawn again). */
  private async generate(em: EntityManager, tenantId: string, poolId: string, spec: GenerateSpec): Promise<void> {
    let missing = spec.count;
    for (let round = 0; missing > 0; round++) {
      if (round === 10) throw unprocessable(MarketingErrorCodes.promoCodeExists, 'Could not generate unique codes: use a longer code or another prefix');
      const batch = [...new Set(Array.from({ length: missing }, () => generateCode(spec.prefix, spec.length)))];
      const inserted = await em.query(
        `INSERT INTO promo_codes (tenant_id, code, pool_id) SELECT $1, unnest($2::text[]), $3 ON CONFLICT DO NOTHING RETURNING code`,
        [tenantId, batch, poolId],
      );
      missing -= inserted.length;
    }
  }

  private async poolView(em: EntityManager, tenantId: string, id: string): Promise<PromoCodePoolView> {
    const [row] = await em.query(
      `SELECT p.id, p.name, p.created_at, c.* FROM promo_code_pools p CROSS JOIN LATERAL (${COUNTS_SQL}) c WHERE p.tenant_id = $1 AND p.id = $2`,
      [tenantId, id],
    );
    if (!row) throw poolNotFound();
    return toPoolView(row);
  }

  private async publishIssues(
    em: EntityManager,
    tenantId: string,
    actor: Actor,
    issues: Array<{ code: string; customerId: string; reissued: boolean }>,
    source: { poolId: string; mailingId: string | null; campaign: string | null },
  ): Promise<void> {
    const at = new Date().toISOString();
    await this.outbox.enqueueMany<PromoCodeIssuedV1>(
      em,
      issues.map((i) => ({
        type: MarketingEvents.promoCodeIssued,
        tenantId,
        actor,
        data: { code: i.code, poolId: source.poolId, customerId: i.customerId, mailingId: source.mailingId, campaign: source.campaign, reissued: i.reissued, at },
      })),
    );
  }
}

interface Supply {
  codes: string[];
  generate: GenerateSpec | null;
}

function checkSupply(input: Record<string, unknown>, errors: FieldErrors, required = false): Supply {
  const supply: Supply = { codes: [], generate: null };
  if (input.codes !== undefined) {
    const checked = checkImportedCodes(input.codes);
    Object.assign(errors, checked.errors);
    supply.codes = checked.codes;
  }
  if (input.generate !== undefined) {
    const checked = checkGenerateSpec(input.generate);
    Object.assign(errors, checked.errors);
    supply.generate = checked.spec;
  }
  if (required && input.codes === undefined && input.generate === undefined) errors.codes = ['give codes, generate, or both'];
  return supply;
}

const COUNTS_SQL = `
  SELECT count(*)::int AS total,
         count(*) FILTER (WHERE pc.issued_at IS NOT NULL)::int AS issued,
         count(*) FILTER (WHERE pc.redeemed_at IS NOT NULL)::int AS redeemed,
         count(*) FILTER (WHERE pc.issued_at IS NULL)::int AS available
    FROM promo_codes pc WHERE pc.tenant_id = p.tenant_id AND pc.pool_id = p.id`;

const ISSUE_SQL = `
  SELECT i.id, i.code, i.pool_id, p.name AS pool_name, i.mailing_id, m.name AS mailing_name, i.campaign, i.reissued, i.issued_at,
         i.issued_at::text AS cursor_at, c.redeemed_at
    FROM promo_code_issues i
    JOIN promo_code_pools p ON p.tenant_id = i.tenant_id AND p.id = i.pool_id
    JOIN promo_codes c ON c.tenant_id = i.tenant_id AND c.code = i.code
    LEFT JOIN mailings m ON m.tenant_id = i.tenant_id AND m.id = i.mailing_id`;

function toPoolView(r: { id: string; name: string; created_at: Date; total: number; issued: number; redeemed: number; available: number }): PromoCodePoolView {
  return { id: r.id, name: r.name, createdAt: isoNow(r.created_at), counts: { total: r.total, issued: r.issued, redeemed: r.redeemed, available: r.available } };
}

function toCodeView(r: { code: string; pool_id: string; customer_id: string | null; issued_at: Date | null; redeemed_at: Date | null }): PromoCodeView {
  return { code: r.code, poolId: r.pool_id, customerId: r.customer_id, issuedAt: iso(r.issued_at), redeemedAt: iso(r.redeemed_at) };
}

export function toIssueView(r: {
  code: string;
  pool_id: string;
  pool_name: string;
  mailing_id: string | null;
  mailing_name: string | null;
  campaign: string | null;
  reissued: boolean;
  issued_at: Date;
  redeemed_at: Date | null;
}): CustomerPromoCodeView {
  return {
    code: r.code,
    poolId: r.pool_id,
    poolName: r.pool_name,
    mailingId: r.mailing_id,
    mailingName: r.mailing_name,
    campaign: r.campaign,
    reissued: r.reissued,
    issuedAt: isoNow(r.issued_at),
    redeemedAt: iso(r.redeemed_at),
  };
}
