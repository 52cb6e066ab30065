import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MarketingEvents, type SegmentMembershipChangedV1, type SegmentRule } from '@app/contracts';
import { OutboxService, TenantSettingsStore } from '@app/platform';
import { interestWindowStart } from '../activity/interest-rules';
import { membershipChunks } from './membership-chunks';
import { lockSegmentsExclusive, lockSegmentsShared } from './segment-lock';
import { evaluateRule, relevantSegments, topologicalOrder, type CustomerFacts, type FieldFamily } from './segment-rules';
import { ACTIVE_INTEREST, compileRule, SqlParams } from './segment-sql';
import { modifiedRows } from '../common/sql';

interface SegmentRow {
  id: string;
  name: string;
  rule: SegmentRule;
  fields: FieldFamily[];
  dependsOn: string[];
}

interface FactsRow {
  customer_id: string;
  deleted: boolean;
  tags: string[];
  group_ids: string[];
  city: string | null;
  country: string | null;
  rfm_segment: string | null;
  purchase_count: number;
  purchase_total: string;
  total_events_booked: number;
  last_purchase_at: Date | null;
  attributes: Record<string, unknown>;
  consents: Record<string, string>;
  subscriptions: string[];
  interests: string[];
  segments: string[];
}

const SYSTEM_ACTOR = { type: 'system' as const, id: 'marketing' };

/**
 * Stored segment membership (M9). Kept current as events arrive: a change to a customer
 * re-evaluates only that customer, only for the segments that read what changed (and those
 * that read those segments). Recomputed in full, in one set-based statement, when a rule
 * changes. Every change is published as marketing.segmentMembership.changed (at most 1,000
 * ids per list) and the exact member count moves with it.
 */
@Injectable()
export class SegmentMembershipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: TenantSettingsStore,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Re-evaluates these customers after a change to the given field families (`all`: a new or
   * deleted customer, every segment), in the caller's transaction, which has already locked
   * their customer_facts rows.
   */
  async reevaluate(em: EntityManager, tenantId: string, customerIds: string[], changed: FieldFamily[] | 'all'): Promise<void> {
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return;
    await lockSegmentsShared(em, tenantId);
    const segments = await this.segments(em, tenantId);
    const relevant = changed === 'all' ? new Set(segments.map((s) => s.id)) : relevantSegments(segments, changed);
    if (relevant.size === 0) return;

    const rows = await this.loadFacts(em, tenantId, ids);
    const added = new Map<string, string[]>();
    const removed = new Map<string, string[]>();
    const ordered = topologicalOrder(segments).filter((s) => relevant.has(s.id));
    for (const row of rows) {
      const current = new Set(row.segments);
      const facts = toFacts(row);
      for (const segment of ordered) {
        const member = !row.deleted && evaluateRule(segment.rule, { ...facts, segments: [...current] });
        if (member === current.has(segment.id)) continue;
        const list = member ? added : removed;
        list.set(segment.id, [...(list.get(segment.id) ?? []), row.customer_id]);
        if (member) current.add(segment.id);
        else current.delete(segment.id);
      }
    }
    const changedSegments = [...new Set([...added.keys(), ...removed.keys()])].sort();
    for (const segmentId of changedSegments) {
      const segment = segments.find((s) => s.id === segmentId)!;
      await this.apply(em, tenantId, segment, added.get(segmentId) ?? [], removed.get(segmentId) ?? []);
    }
  }

  /**
   * Recomputes a segment whose rule changed, if it still needs it: the whole tenant in one
   * statement, under the tenant's exclusive segment lock. Segments that read this one are
   * marked for recompute when its membership moved. Answers null when there was nothing to do.
   */
  async recompute(tenantId: string, segmentId: string): Promise<{ added: number; removed: number; members: number } | null> {
    const result = await this.dataSource.transaction(async (em) => {
      await lockSegmentsExclusive(em, tenantId);
      const [segment] = await em.query(
        `SELECT id, name, rule, version, computed_version FROM segments WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
        [tenantId, segmentId],
      );
      if (!segment || segment.computed_version >= segment.version) return null;
      const params = new SqlParams([tenantId, segmentId]);
      const since = await this.interestSince(em, tenantId);
      let sinceParam: string | undefined;
      const where = compileRule(segment.rule, { params, interestSince: () => (sinceParam ??= params.add(since)) });
      // Both sides join customer_facts by its primary key: members the rule no longer matches
      // leave, customers it matches join (hash joins over the tenant's rows, no anti-join on a list).
      const matches = `(f.deleted_at IS NULL AND (${where}) IS TRUE)`;
      const changes: Array<{ change: 'a' | 'r'; customer_id: string }> = await em.query(
        `WITH removed AS (
           DELETE FROM segment_members m
            WHERE m.tenant_id = $1 AND m.segment_id = $2
              AND NOT EXISTS (SELECT 1 FROM customer_facts f WHERE f.tenant_id = m.tenant_id AND f.customer_id = m.customer_id AND ${matches})
           RETURNING m.customer_id
         ), added AS (
           INSERT INTO segment_members (tenant_id, segment_id, customer_id)
           SELECT $1, $2, f.customer_id FROM customer_facts f WHERE f.tenant_id = $1 AND ${matches}
           ON CONFLICT DO NOTHING RETURNING customer_id
         )
         SELECT 'a' AS change, customer_id FROM added UNION ALL SELECT 'r', customer_id FROM removed`,
        params.values,
      );
      const added = changes.filter((c) => c.change === 'a').map((c) => c.customer_id);
      const removed = changes.filter((c) => c.change === 'r').map((c) => c.customer_id);
      const [{ members }] = await modifiedRows(
        em,
        `UPDATE segments SET computed_version = $3, computed_at = now(),
                member_count = (SELECT count(*) FROM segment_members WHERE tenant_id = $1 AND segment_id = $2)
          WHERE tenant_id = $1 AND id = $2 RETURNING member_count AS members`,
        [tenantId, segmentId, segment.version],
      );
      if (added.length || removed.length) {
        await em.query(`UPDATE segments SET version = version + 1, updated_at = now() WHERE tenant_id = $1 AND $2 = ANY(depends_on)`, [tenantId, segmentId]);
      }
      await this.publish(em, tenantId, { id: segmentId, name: segment.name }, added, removed);
      return { added: added.length, removed: removed.length, members: Number(members) };
    });
    if (result) this.outbox.flush();
    return result;
  }

  /** Segments whose membership must be recomputed, oldest change first (across tenants). */
  async stale(limit: number): Promise<Array<{ tenantId: string; id: string }>> {
    const rows = await this.dataSource.query(
      `SELECT tenant_id, id FROM segments WHERE computed_version < version ORDER BY updated_at LIMIT $1`,
      [limit],
    );
    return rows.map((r: { tenant_id: string; id: string }) => ({ tenantId: r.tenant_id, id: r.id }));
  }

  /** Start of the tenant's interest window now. */
  async interestSince(em: EntityManager, tenantId: string, now = new Date()): Promise<Date> {
    const { interestWindowDays } = await this.settings.get(tenantId, em);
    return interestWindowStart(now, interestWindowDays);
  }

  private async segments(em: EntityManager, tenantId: string): Promise<SegmentRow[]> {
    const rows = await em.query(`SELECT id, name, rule, fields, depends_on FROM segments WHERE tenant_id = $1`, [tenantId]);
    return rows.map((r: { id: string; name: string; rule: SegmentRule; fields: FieldFamily[]; depends_on: string[] }) => ({
      id: r.id,
      name: r.name,
      rule: r.rule,
      fields: r.fields,
      dependsOn: r.depends_on,
    }));
  }

  /** Everything the rules read about these customers, in one query. */
  private async loadFacts(em: EntityManager, tenantId: string, ids: string[]): Promise<FactsRow[]> {
    const since = await this.interestSince(em, tenantId);
    return em.query(
      `SELECT f.customer_id, f.deleted_at IS NOT NULL AS deleted, f.tags, f.group_ids::text[] AS group_ids, f.city, f.country, f.rfm_segment,
              f.purchase_count, f.purchase_total, f.total_events_booked, f.last_purchase_at, f.attributes, f.consents,
              ARRAY(SELECT s.channel || '.' || s.category FROM subscriptions s
                     WHERE s.tenant_id = f.tenant_id AND s.customer_id = f.customer_id AND s.subscribed) AS subscriptions,
              ARRAY(SELECT ci.category FROM customer_interests ci
                     WHERE ci.tenant_id = f.tenant_id AND ci.customer_id = f.customer_id AND ${ACTIVE_INTEREST('ci', '$3')}) AS interests,
              ARRAY(SELECT sm.segment_id::text FROM segment_members sm
                     WHERE sm.tenant_id = f.tenant_id AND sm.customer_id = f.customer_id) AS segments
         FROM customer_facts f WHERE f.tenant_id = $1 AND f.customer_id = ANY($2::uuid[])`,
      [tenantId, ids, since],
    );
  }

  private async apply(em: EntityManager, tenantId: string, segment: SegmentRow, added: string[], removed: string[]): Promise<void> {
    const inserted: Array<{ customer_id: string }> = added.length
      ? await em.query(
          `INSERT INTO segment_members (tenant_id, segment_id, customer_id) SELECT $1, $2, unnest($3::uuid[])
           ON CONFLICT DO NOTHING RETURNING customer_id`,
          [tenantId, segment.id, added],
        )
      : [];
    const deleted: Array<{ customer_id: string }> = removed.length
      ? await modifiedRows<{ customer_id: string }>(
          em,
          `DELETE FROM segment_members WHERE tenant_id = $1 AND segment_id = $2 AND customer_id = ANY($3::uuid[]) RETURNING customer_id`,
          [tenantId, segment.id, removed],
        )
      : [];
    const delta = inserted.length - deleted.length;
    if (delta !== 0) {
      await em.query(`UPDATE segments SET member_count = member_count + $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, segment.id, delta]);
    }
    await this.publish(
      em,
      tenantId,
      segment,
      inserted.map((r) => r.customer_id),
      deleted.map((r) => r.customer_id),
    );
  }

  private async publish(em: EntityManager, tenantId: string, segment: { id: string; name: string }, added: string[], removed: string[]): Promise<void> {
    for (const chunk of membershipChunks(added, removed)) {
      await this.outbox.enqueue<SegmentMembershipChangedV1>(em, {
        type: MarketingEvents.segmentMembershipChanged,
        tenantId,
        actor: SYSTEM_ACTOR,
        data: { segmentId: segment.id, segmentName: segment.name, ...chunk },
      });
    }
  }
}

function toFacts(row: FactsRow): CustomerFacts {
  return {
    tags: row.tags,
    groups: row.group_ids,
    segments: row.segments,
    interests: row.interests,
    city: row.city,
    country: row.country,
    rfmSegment: row.rfm_segment,
    purchaseCount: row.purchase_count,
    purchaseTotal: Number(row.purchase_total),
    totalEventsBooked: row.total_events_booked,
    lastPurchaseAt: row.last_purchase_at ? new Date(row.last_purchase_at).toISOString() : null,
    attributes: row.attributes,
    consents: row.consents,
    subscriptions: row.subscriptions,
  };
}
