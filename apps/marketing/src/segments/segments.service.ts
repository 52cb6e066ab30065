import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller, CursorPosition } from '@app/common';
import { uniqueViolation } from '@app/common';
import {
  conflict,
  invalid,
  MarketingErrorCodes,
  MarketingEvents,
  notFound,
  type CustomerSegmentView,
  type FieldErrors,
  type Page,
  type SegmentCountView,
  type SegmentMemberView,
  type SegmentMembershipChangedV1,
  type SegmentRule,
  type SegmentView,
} from '@app/contracts';
import { OutboxService } from '@app/platform';
import { iso, isoNow, pageRequest, toPage } from '../common/paging';
import { KnownCustomers } from '../customers/known-customers.service';
import { lockSegmentsExclusive } from './segment-lock';
import { categoryRefsOf, familiesOf, findCycle, segmentRefsOf, validateRule } from './segment-rules';
import { SegmentRecomputeWorker } from './segment-recompute.worker';
import { modifiedRows } from '../common/sql';

export const segmentNotFound = () => notFound('Segment', MarketingErrorCodes.segmentNotFound);

interface SegmentRecord {
  id: string;
  name: string;
  description: string | null;
  rule: SegmentRule;
  member_count: number;
  version: number;
  computed_version: number;
  computed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, name, description, rule, member_count, version, computed_version, computed_at, created_at, updated_at`;
const NAME_MAX = 200;
const DESCRIPTION_MAX = 2000;

/** Segments (M9): rules checked when saved, membership computed by the worker, members listed and counted. */
@Injectable()
export class SegmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly worker: SegmentRecomputeWorker,
    private readonly customers: KnownCustomers,
  ) {}

  async create(caller: Caller, input: Record<string, unknown>): Promise<SegmentView> {
    const { tenantId } = caller;
    const fields = this.checkFields(input, 'create');
    const id = randomUUID();
    const view = await this.write(async (em) => {
      const rule = await this.checkRule(em, tenantId, id, input.rule);
      const [row] = await em.query(
        `INSERT INTO segments (tenant_id, id, name, description, rule, fields, depends_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [tenantId, id, fields.name, fields.description ?? null, JSON.stringify(rule), familiesOf(rule), dependsOn(rule)],
      );
      return toView(row);
    });
    this.worker.kick();
    return view;
  }

  /** Changes name, description or rule; a changed rule recomputes the membership. */
  async update(caller: Caller, id: string, input: Record<string, unknown>): Promise<SegmentView> {
    const { tenantId } = caller;
    const fields = this.checkFields(input, 'update');
    const view = await this.write(async (em) => {
      const [current] = await em.query(`SELECT ${COLUMNS} FROM segments WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      if (!current) throw segmentNotFound();
      let rule: SegmentRule = current.rule;
      let ruleChanged = false;
      if (input.rule !== undefined) {
        rule = await this.checkRule(em, tenantId, id, input.rule);
        ruleChanged = JSON.stringify(rule) !== JSON.stringify(current.rule);
      }
      const [row] = await modifiedRows<SegmentRecord>(
        em,
        `UPDATE segments SET name = $3, description = $4, rule = $5, fields = $6, depends_on = $7,
                version = version + $8, updated_at = now()
          WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [
          tenantId,
          id,
          fields.name ?? current.name,
          fields.description !== undefined ? fields.description : current.description,
          JSON.stringify(rule),
          familiesOf(rule),
          dependsOn(rule),
          ruleChanged ? 1 : 0,
        ],
      );
      return toView(row);
    });
    this.worker.kick();
    return view;
  }

  /**
   * Deletes a segment and its membership; refused (409 segment_in_use) while another segment's
   * rule or a draft mailing names it. Publishes one event with segmentDeleted.
   */
  async delete(caller: Caller, id: string): Promise<{ id: string; deleted: true }> {
    const { tenantId, actor } = caller;
    await this.dataSource.transaction(async (em) => {
      await lockSegmentsExclusive(em, tenantId);
      const [segment] = await em.query(`SELECT id, name FROM segments WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      if (!segment) throw segmentNotFound();
      const readers = await em.query(`SELECT id, name FROM segments WHERE tenant_id = $1 AND $2 = ANY(depends_on) ORDER BY name`, [tenantId, id]);
      const drafts = await em.query(`SELECT id, name FROM mailings WHERE tenant_id = $1 AND segment_id = $2 AND status = 'draft' ORDER BY name`, [tenantId, id]);
      if (readers.length || drafts.length) {
        throw conflict(MarketingErrorCodes.segmentInUse, 'Other segments or draft mailings use this segment', { segments: readers, mailings: drafts });
      }
      await em.query(`DELETE FROM segments WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      await this.outbox.enqueue<SegmentMembershipChangedV1>(em, {
        type: MarketingEvents.segmentMembershipChanged,
        tenantId,
        actor,
        data: { segmentId: id, segmentName: segment.name, added: [], removed: [], segmentDeleted: true },
      });
    });
    this.outbox.flush();
    return { id, deleted: true };
  }

  async get(caller: Caller, id: string): Promise<SegmentView> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM segments WHERE tenant_id = $1 AND id = $2`, [caller.tenantId, id]);
    if (!row) throw segmentNotFound();
    return toView(row);
  }

  /** Oldest first (creation order), keyset by (created_at, id). */
  async list(caller: Caller, query: Record<string, unknown>): Promise<Page<SegmentView>> {
    const { limit, after } = pageRequest(query, 'segments');
    const rows: Array<SegmentRecord & { cursor_at: string }> = await this.dataSource.query(
      `SELECT ${COLUMNS}, created_at::text AS cursor_at FROM segments WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [caller.tenantId, after?.value ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows, limit, 'segments', (r) => ({ value: r.cursor_at, id: r.id }), toView);
  }

  /** The exact member count, kept with every membership change (one row read). */
  async count(caller: Caller, id: string): Promise<SegmentCountView> {
    const [row] = await this.dataSource.query(
      `SELECT member_count, version, computed_version, computed_at FROM segments WHERE tenant_id = $1 AND id = $2`,
      [caller.tenantId, id],
    );
    if (!row) throw segmentNotFound();
    return { count: row.member_count, status: row.computed_version < row.version ? 'computing' : 'ready', computedAt: iso(row.computed_at) };
  }

  /** Members in customer id order (the membership primary key), with name and email from the directory. */
  async members(caller: Caller, id: string, query: Record<string, unknown>): Promise<Page<SegmentMemberView>> {
    const { tenantId } = caller;
    const { limit, after } = pageRequest(query, 'members');
    const [segment] = await this.dataSource.query(`SELECT id FROM segments WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    if (!segment) throw segmentNotFound();
    const rows = await this.dataSource.query(
      `SELECT m.customer_id, m.since, r.email, r.first_name, r.last_name
         FROM segment_members m
         LEFT JOIN customer_refs r ON r.tenant_id = m.tenant_id AND r.customer_id = m.customer_id
        WHERE m.tenant_id = $1 AND m.segment_id = $2 AND ($3::uuid IS NULL OR m.customer_id > $3::uuid)
        ORDER BY m.customer_id LIMIT $4`,
      [tenantId, id, after?.id ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      'members',
      (r: { customer_id: string }) => ({ value: '', id: r.customer_id }),
      (r: { customer_id: string; since: Date; email: string | null; first_name: string | null; last_name: string | null }) => ({
        customerId: r.customer_id,
        since: isoNow(r.since),
        email: r.email,
        firstName: r.first_name,
        lastName: r.last_name,
      }),
    );
  }

  /** The segments a customer is in (the profile), by name. */
  async customerSegments(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<CustomerSegmentView>> {
    const { limit, after } = pageRequest(query, 'customer-segments');
    await this.customers.assertLive(caller.tenantId, customerId);
    return segmentsPage(await this.customerSegmentRows(caller.tenantId, customerId, after, limit + 1), limit);
  }

  /**
   * All the segments a customer is in (the customer summary) and, from the same read, the first
   * page of their tab; 404 unless the customer is live.
   */
  async allOfCustomer(
    caller: Caller,
    customerId: string,
  ): Promise<{ all: Array<{ id: string; name: string }>; firstPage: (limit: number) => Page<CustomerSegmentView> }> {
    await this.customers.assertLive(caller.tenantId, customerId);
    const rows = await this.customerSegmentRows(caller.tenantId, customerId, null, null);
    return { all: rows.map((r) => ({ id: r.id, name: r.name })), firstPage: (limit) => segmentsPage(rows.slice(0, limit + 1), limit) };
  }

  private customerSegmentRows(tenantId: string, customerId: string, after: CursorPosition | null, limit: number | null): Promise<CustomerSegmentRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.name, m.since FROM segment_members m JOIN segments s ON s.tenant_id = m.tenant_id AND s.id = m.segment_id
        WHERE m.tenant_id = $1 AND m.customer_id = $2 AND ($3::text IS NULL OR (lower(s.name), s.id) > ($3, $4::uuid))
        ORDER BY lower(s.name), s.id LIMIT $5`,
      [tenantId, customerId, after?.value ?? null, after?.id ?? null, limit],
    );
  }

  /** Runs a write; a name used by another segment of the tenant is 409 segment_name_taken. */
  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (e) {
      if (uniqueViolation(e) === 'segments_name') throw conflict(MarketingErrorCodes.segmentNameTaken, 'Another segment has this name', { field: 'name' });
      throw e;
    }
  }

  private checkFields(input: Record<string, unknown>, mode: 'create' | 'update'): { name?: string; description?: string | null } {
    const errors: FieldErrors = {};
    const out: { name?: string; description?: string | null } = {};
    if (input.name !== undefined || mode === 'create') {
      if (typeof input.name !== 'string' || !input.name.trim() || input.name.length > NAME_MAX) errors.name = [`must be a text of 1-${NAME_MAX} characters`];
      else out.name = input.name.trim();
    }
    if (input.description !== undefined) {
      if (input.description !== null && (typeof input.description !== 'string' || input.description.length > DESCRIPTION_MAX)) {
        errors.description = [`must be a text of at most ${DESCRIPTION_MAX} characters, or null`];
      } else out.description = input.description as string | null;
    }
    if (mode === 'create' && input.rule === undefined) errors.rule = ['is required'];
    if (Object.keys(errors).length) throw invalid(errors);
    return out;
  }

  /**
   * The rule, validated (400 with the path of each bad condition), with every segment it reads
   * existing in the tenant and no cycle through them, and every subscription category known.
   */
  private async checkRule(em: EntityManager, tenantId: string, id: string, raw: unknown): Promise<SegmentRule> {
    const { rule, errors } = validateRule(raw);
    if (!rule) throw invalid(errors, 'The segment rule is invalid');
    const refs = segmentRefsOf(rule);
    if (refs.length) {
      const all: Array<{ id: string; name: string; depends_on: string[] }> = await em.query(`SELECT id, name, depends_on FROM segments WHERE tenant_id = $1`, [tenantId]);
      const known = new Map(all.map((s) => [s.id, s]));
      for (const ref of refs) {
        if (ref.id === id) errors[ref.path] = ['a segment cannot read itself'];
        else if (!known.has(ref.id)) errors[ref.path] = [`segment ${ref.id} does not exist`];
      }
      if (!Object.keys(errors).length) {
        const cycle = findCycle(id, dependsOn(rule), all.map((s) => ({ id: s.id, dependsOn: s.depends_on })));
        if (cycle) {
          const names = cycle.map((c) => (c === id ? 'this segment' : (known.get(c)?.name ?? c)));
          errors[refs[0].path] = [`would make a cycle: ${names.join(' → ')}`];
        }
      }
    }
    const categories = categoryRefsOf(rule);
    if (categories.length) {
      const rows: Array<{ key: string }> = await em.query(`SELECT key FROM subscription_categories WHERE tenant_id = $1 AND key = ANY($2)`, [
        tenantId,
        categories.map((c) => c.category),
      ]);
      const known = new Set(rows.map((r) => r.key));
      for (const c of categories) if (!known.has(c.category)) errors[c.path] = [`subscription category ${c.category} does not exist`];
    }
    if (Object.keys(errors).length) throw invalid(errors, 'The segment rule is invalid');
    return rule;
  }
}

const dependsOn = (rule: SegmentRule): string[] => [...new Set(segmentRefsOf(rule).map((r) => r.id))];

function toView(row: SegmentRecord): SegmentView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    rule: row.rule,
    memberCount: row.member_count,
    status: row.computed_version < row.version ? 'computing' : 'ready',
    computedAt: iso(row.computed_at),
    createdAt: isoNow(row.created_at),
    updatedAt: isoNow(row.updated_at),
  };
}

interface CustomerSegmentRow {
  id: string;
  name: string;
  since: Date;
}

const segmentsPage = (rows: CustomerSegmentRow[], limit: number): Page<CustomerSegmentView> =>
  toPage(
    rows,
    limit,
    'customer-segments',
    (r: CustomerSegmentRow) => ({ value: r.name.toLowerCase(), id: r.id }),
    (r: CustomerSegmentRow) => ({ id: r.id, name: r.name, since: isoNow(r.since) }),
  );
