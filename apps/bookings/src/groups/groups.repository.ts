import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerGroupMembershipView, CustomerGroupView, GroupMemberView } from '@app/contracts';
import { iso, isoOrNull } from '../common/money';
import { rowsOf, type WriteResult } from '../common/sql';
import type { GroupRef } from './group-events';

/** "Still a member": no end date, or one in the future (a membership cancelled to the end of its period). */
export const LIVE_MEMBER = `(gm.member_until IS NULL OR gm.member_until > now())`;

/** Customer groups and their members. */
@Injectable()
export class GroupsRepository {
  async insert(em: EntityManager, tenantId: string, group: { id: string; name: string; description: string | null; kind: 'manual' | 'membership' }): Promise<void> {
    await em.query(`INSERT INTO customer_groups (tenant_id, id, name, description, kind) VALUES ($1, $2, $3, $4, $5)`, [
      tenantId,
      group.id,
      group.name,
      group.description,
      group.kind,
    ]);
  }

  async find(em: EntityManager, tenantId: string, id: string): Promise<GroupRef | null> {
    const [row] = await em.query(`SELECT id, name, kind FROM customer_groups WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    return row ?? null;
  }

  async findMany(em: EntityManager, tenantId: string, ids: string[]): Promise<GroupRef[]> {
    return em.query(`SELECT id, name, kind FROM customer_groups WHERE tenant_id = $1 AND id = ANY($2)`, [tenantId, ids]);
  }

  async views(em: EntityManager, tenantId: string, filter: { ids?: string[]; after?: { createdAt: string; id: string } | null; limit?: number }): Promise<CustomerGroupView[]> {
    const rows = await em.query(
      `SELECT g.id, g.name, g.description, g.kind, g.created_at,
              (SELECT p.id FROM membership_plans p WHERE p.tenant_id = g.tenant_id AND p.group_id = g.id) AS plan_id,
              (SELECT count(*) FROM group_members gm WHERE gm.tenant_id = g.tenant_id AND gm.group_id = g.id AND gm.customer_id IS NOT NULL AND ${LIVE_MEMBER})::int AS member_count,
              (SELECT count(*) FROM group_members gm WHERE gm.tenant_id = g.tenant_id AND gm.group_id = g.id AND gm.customer_id IS NULL)::int AS pending_count
         FROM customer_groups g
        WHERE g.tenant_id = $1
          AND ($2::uuid[] IS NULL OR g.id = ANY($2))
          AND ($3::timestamptz IS NULL OR (g.created_at, g.id) > ($3, $4::uuid))
        ORDER BY g.created_at, g.id
        LIMIT $5`,
      [tenantId, filter.ids ?? null, filter.after?.createdAt ?? null, filter.after?.id ?? null, filter.limit ?? 1000],
    );
    return rows.map(
      (r: Record<string, any>): CustomerGroupView => ({
        id: r.id,
        name: r.name,
        description: r.description,
        kind: r.kind,
        planId: r.plan_id,
        memberCount: r.member_count,
        pendingCount: r.pending_count,
        createdAt: iso(r.created_at),
      }),
    );
  }

  /** Adds a known customer; answers false when they already were a member. */
  async addCustomer(
    em: EntityManager,
    tenantId: string,
    groupId: string,
    customerId: string,
    member: { id: string; source: 'manual' | 'membership'; membershipId: string | null },
  ): Promise<boolean> {
    const added = await em.query(
      `INSERT INTO group_members (tenant_id, id, group_id, customer_id, source, membership_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, group_id, customer_id) WHERE customer_id IS NOT NULL DO NOTHING RETURNING id`,
      [tenantId, member.id, groupId, customerId, member.source, member.membershipId],
    );
    return added.length > 0;
  }

  /** Keeps an email that no customer has yet; it becomes a member when that customer appears. */
  async addPending(em: EntityManager, tenantId: string, groupId: string, id: string, email: string): Promise<void> {
    await em.query(
      `INSERT INTO group_members (tenant_id, id, group_id, email, source) VALUES ($1, $2, $3, $4, 'manual')
       ON CONFLICT (tenant_id, group_id, email) WHERE customer_id IS NULL DO NOTHING`,
      [tenantId, id, groupId, email],
    );
  }

  async findMember(em: EntityManager, tenantId: string, groupId: string, customerId: string): Promise<{ id: string; source: string; membership_id: string | null } | null> {
    const [row] = await em.query(
      `SELECT id, source, membership_id FROM group_members WHERE tenant_id = $1 AND group_id = $2 AND customer_id = $3 FOR UPDATE`,
      [tenantId, groupId, customerId],
    );
    return row ?? null;
  }

  async deleteMember(em: EntityManager, tenantId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM group_members WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  /** Whether the booker (by customer id, or by an email kept for a customer not known yet) is a member now. */
  async isMember(em: EntityManager, tenantId: string, groupId: string, customerId: string | null, email: string): Promise<boolean> {
    const rows = await em.query(
      `SELECT 1 FROM group_members gm
        WHERE gm.tenant_id = $1 AND gm.group_id = $2 AND ${LIVE_MEMBER}
          AND ((gm.customer_id IS NOT NULL AND gm.customer_id = $3::uuid) OR (gm.customer_id IS NULL AND gm.email = $4))
        LIMIT 1`,
      [tenantId, groupId, customerId, email],
    );
    return rows.length > 0;
  }

  async members(em: EntityManager, tenantId: string, groupId: string, after: { addedAt: string; id: string } | null, limit: number): Promise<Array<GroupMemberView & { id: string }>> {
    const rows = await em.query(
      `SELECT gm.id, gm.customer_id, coalesce(r.email, gm.email) AS email, r.first_name, r.last_name, gm.source, gm.membership_id, gm.member_until, gm.added_at
         FROM group_members gm
         LEFT JOIN customer_refs r ON r.tenant_id = gm.tenant_id AND r.customer_id = gm.customer_id
        WHERE gm.tenant_id = $1 AND gm.group_id = $2 AND ${LIVE_MEMBER}
          AND ($3::timestamptz IS NULL OR (gm.added_at, gm.id) > ($3, $4::uuid))
        ORDER BY gm.added_at, gm.id
        LIMIT $5`,
      [tenantId, groupId, after?.addedAt ?? null, after?.id ?? null, limit],
    );
    return rows.map((r: Record<string, any>) => ({
      id: r.id,
      customerId: r.customer_id,
      email: r.email,
      firstName: r.first_name,
      lastName: r.last_name,
      status: r.customer_id ? 'member' : 'pending',
      source: r.source,
      membershipId: r.membership_id,
      memberUntil: isoOrNull(r.member_until),
      addedAt: iso(r.added_at),
    }));
  }

  async groupsOfCustomer(
    em: EntityManager,
    tenantId: string,
    customerId: string,
    after: { addedAt: string; id: string } | null,
    limit: number,
  ): Promise<Array<CustomerGroupMembershipView & { memberId: string }>> {
    const rows = await em.query(
      `SELECT gm.id AS member_id, g.id, g.name, g.description, g.kind, gm.source, gm.membership_id, gm.member_until, gm.added_at
         FROM group_members gm JOIN customer_groups g ON g.tenant_id = gm.tenant_id AND g.id = gm.group_id
        WHERE gm.tenant_id = $1 AND gm.customer_id = $2 AND ${LIVE_MEMBER}
          AND ($3::timestamptz IS NULL OR (gm.added_at, gm.id) > ($3, $4::uuid))
        ORDER BY gm.added_at, gm.id
        LIMIT $5`,
      [tenantId, customerId, after?.addedAt ?? null, after?.id ?? null, limit],
    );
    return rows.map((r: Record<string, any>) => ({
      memberId: r.member_id,
      group: { id: r.id, name: r.name, description: r.description, kind: r.kind },
      source: r.source,
      membershipId: r.membership_id,
      memberUntil: isoOrNull(r.member_until),
      addedAt: iso(r.added_at),
    }));
  }

  /**
   * Turns emails kept for unknown customers into memberships of the customer who now has one
   * of those addresses; answers the groups they joined.
   */
  async claimPending(em: EntityManager, tenantId: string, customerId: string, emails: string[]): Promise<GroupRef[]> {
    if (emails.length === 0) return [];
    const pending: Array<{ id: string; group_id: string }> = await em.query(
      `SELECT id, group_id FROM group_members WHERE tenant_id = $1 AND customer_id IS NULL AND email = ANY($2) FOR UPDATE`,
      [tenantId, emails],
    );
    const joined: GroupRef[] = [];
    for (const row of pending) {
      const claimed: WriteResult = await em.query(
        `UPDATE group_members SET customer_id = $3, email = NULL
          WHERE tenant_id = $1 AND id = $2
            AND NOT EXISTS (SELECT 1 FROM group_members o WHERE o.tenant_id = $1 AND o.group_id = $4 AND o.customer_id = $3)
          RETURNING id`,
        [tenantId, row.id, customerId, row.group_id],
      );
      if (rowsOf(claimed).length) joined.push((await this.find(em, tenantId, row.group_id))!);
      else await this.deleteMember(em, tenantId, row.id); // already a member under their id
    }
    return joined;
  }
}
