import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, pageLimit, uniqueViolation, type Caller } from '@app/common';
import {
  BookingErrorCodes,
  BookingEvents,
  conflict,
  invalid,
  notFound,
  type Actor,
  type MembershipCancelledV1,
  type MembershipEndedV1,
  type MembershipPlanView,
  type MembershipStartedV1,
  type MembershipV1,
  type MembershipView,
  type Page,
  type PlanPeriod,
} from '@app/contracts';
import { IdempotencyService, OutboxService, TenantSettingsStore } from '@app/platform';
import { CustomerResolver } from '../common/customer-resolver';
import { InputReader } from '../common/input';
import { iso, isoOrNull, money } from '../common/money';
import { publishMembershipChanges, type GroupRef } from '../groups/group-events';
import { GroupsRepository } from '../groups/groups.repository';
import { periodEndAt } from './membership-periods';

const PERIODS: readonly PlanPeriod[] = ['week', 'month', 'year'];
const SYSTEM: Actor = { type: 'system', id: 'bookings' };

interface MembershipRow {
  id: string;
  plan_id: string;
  plan_name: string;
  period: PlanPeriod;
  group_id: string;
  customer_id: string;
  status: 'active' | 'cancelling' | 'ended';
  started_at: Date;
  cancelled_at: Date | null;
  cancel_mode: 'end_of_period' | 'immediate' | null;
  ends_at: Date | null;
  tenant_id: string;
}

/** Membership plans and subscriptions (B8): a subscriber is a member of the plan's group. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: GroupsRepository,
    private readonly customers: CustomerResolver,
    private readonly settings: TenantSettingsStore,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
  ) {}

  /** A plan comes with its own customer group (kind membership), named like the plan. */
  async createPlan(caller: Caller, input: Record<string, unknown>): Promise<MembershipPlanView> {
    const { tenantId } = caller;
    const r = new InputReader();
    const name = r.text(input.name, 'name');
    const description = r.text(input.description, 'description', { max: 2000, optional: true });
    const price = r.int(input.price, 'price', 0, 100_000_000);
    const period = r.oneOf(input.period, 'period', PERIODS);
    const currency = r.currency(input.currency, 'currency', (await this.settings.get(tenantId)).currency);
    if (!r.ok) throw invalid(r.errors);
    return this.dataSource.transaction(async (em) => {
      const groupId = randomUUID();
      const id = randomUUID();
      await this.groups.insert(em, tenantId, { id: groupId, name: name!, description: `Members of the plan "${name}"`, kind: 'membership' });
      const [row] = await em.query(
        `INSERT INTO membership_plans (tenant_id, id, name, description, price, currency, period, group_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [tenantId, id, name, description, price, currency, period, groupId],
      );
      return planView(row);
    });
  }

  async listPlans(caller: Caller, query: Record<string, unknown>): Promise<Page<MembershipPlanView>> {
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor, 'createdAt');
    const rows = await this.dataSource.query(
      `SELECT * FROM membership_plans WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [caller.tenantId, cursor?.value ?? null, cursor?.id ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map(planView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor('createdAt', { value: last.createdAt, id: last.id }) : null };
  }

  /** Subscribes a customer: the membership starts and the customer joins the plan's group. */
  async subscribe(caller: Caller, input: Record<string, unknown>, idempotencyKey: unknown): Promise<MembershipView> {
    const { tenantId, actor } = caller;
    const r = new InputReader();
    const planId = r.uuid(input.planId, 'planId');
    const customerId = r.uuid(input.customerId, 'customerId');
    const startsAt = r.instant(input.startsAt, 'startsAt', { optional: true });
    // A start in the past records an existing subscription; the customer is a member from now on either way.
    if (startsAt && startsAt.getTime() > Date.now() + 60_000) r.fail('startsAt', 'must not be in the future');
    if (!r.ok) throw invalid(r.errors);
    try {
      const view = await this.idempotency.run(tenantId, idempotencyKey, 'bookings.membership.subscribe', { planId, customerId, startsAt }, async (em) => {
        const [plan] = await em.query(`SELECT * FROM membership_plans WHERE tenant_id = $1 AND id = $2`, [tenantId, planId]);
        if (!plan) throw notFound('Membership plan', BookingErrorCodes.planNotFound);
        await this.customers.require(em, tenantId, customerId!);
        const id = randomUUID();
        await em.query(`INSERT INTO memberships (tenant_id, id, plan_id, customer_id, status, started_at) VALUES ($1, $2, $3, $4, 'active', $5)`, [
          tenantId,
          id,
          planId,
          customerId,
          startsAt ?? new Date(),
        ]);
        const group = (await this.groups.find(em, tenantId, plan.group_id))!;
        await em.query(`DELETE FROM group_members WHERE tenant_id = $1 AND group_id = $2 AND customer_id = $3`, [tenantId, group.id, customerId]);
        await this.groups.addCustomer(em, tenantId, group.id, customerId!, { id: randomUUID(), source: 'membership', membershipId: id });
        const membership = await this.load(em, tenantId, id);
        await this.outbox.enqueue<MembershipStartedV1>(em, { type: BookingEvents.membershipStarted, tenantId, actor, data: { membership: await this.contract(em, membership) } });
        await publishMembershipChanges(this.outbox, em, tenantId, actor, group, [customerId!], true);
        return this.view(em, membership);
      });
      this.outbox.flush();
      return view;
    } catch (e) {
      if (uniqueViolation(e) === 'memberships_one_live') {
        throw conflict(BookingErrorCodes.membershipActive, 'The customer already has a membership of this plan (active, or cancelled to the end of its period)');
      }
      throw e;
    }
  }

  /**
   * Cancels a membership. `end_of_period`: the customer stays a member until the end of the
   * paid period (the date is in the answer); `immediate`: they leave the group at once.
   */
  async cancel(caller: Caller, id: string, modeInput: unknown): Promise<MembershipView> {
    const { tenantId, actor } = caller;
    const r = new InputReader();
    const mode = r.oneOf(modeInput, 'mode', ['end_of_period', 'immediate'] as const);
    if (!r.ok) throw invalid(r.errors);
    const view = await this.dataSource.transaction(async (em) => {
      const [locked] = await em.query(`SELECT id FROM memberships WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      if (!locked) throw notFound('Membership', BookingErrorCodes.membershipNotFound);
      const membership = await this.load(em, tenantId, id);
      const now = new Date();
      if (membership.status === 'ended' || (membership.ends_at && membership.ends_at <= now)) {
        throw conflict(BookingErrorCodes.membershipEnded, 'The membership has ended already');
      }
      if (membership.status === 'cancelling' && mode === 'end_of_period') return this.view(em, membership);
      const { timeZone } = await this.settings.get(tenantId, em);
      const group = (await this.groups.find(em, tenantId, membership.group_id))!;
      if (mode === 'end_of_period') {
        const endsAt = periodEndAt(membership.started_at, membership.period, now, timeZone);
        await em.query(`UPDATE memberships SET status = 'cancelling', cancelled_at = $3, cancel_mode = $4, ends_at = $5 WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          id,
          now,
          mode,
          endsAt,
        ]);
        await em.query(`UPDATE group_members SET member_until = $3 WHERE tenant_id = $1 AND membership_id = $2`, [tenantId, id, endsAt]);
      } else {
        await em.query(`UPDATE memberships SET status = 'ended', cancelled_at = $3, cancel_mode = $4, ends_at = $3 WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          id,
          now,
          mode,
        ]);
      }
      const after = await this.load(em, tenantId, id);
      await this.outbox.enqueue<MembershipCancelledV1>(em, {
        type: BookingEvents.membershipCancelled,
        tenantId,
        actor,
        data: { membership: await this.contract(em, after), mode: mode! },
      });
      if (mode === 'immediate') await this.leave(em, after, group, actor);
      return this.view(em, after);
    });
    this.outbox.flush();
    return view;
  }

  /**
   * Closes memberships whose cancellation reached the end of the period: the member leaves the
   * group and the events go out. Safe with several replicas (SKIP LOCKED). Answers how many.
   */
  async closeEnded(limit = 100): Promise<number> {
    const closed = await this.dataSource.transaction(async (em) => {
      const due: Array<{ tenant_id: string; id: string }> = await em.query(
        `SELECT tenant_id, id FROM memberships WHERE status = 'cancelling' AND ends_at <= now() ORDER BY ends_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      for (const { tenant_id: tenantId, id } of due) {
        await em.query(`UPDATE memberships SET status = 'ended' WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
        const membership = await this.load(em, tenantId, id);
        const group = (await this.groups.find(em, tenantId, membership.group_id))!;
        await this.leave(em, membership, group, SYSTEM);
      }
      return due.length;
    });
    if (closed) this.outbox.flush();
    return closed;
  }

  private async leave(em: EntityManager, membership: MembershipRow, group: GroupRef, actor: Actor): Promise<void> {
    await em.query(`DELETE FROM group_members WHERE tenant_id = $1 AND membership_id = $2`, [membership.tenant_id, membership.id]);
    await this.outbox.enqueue<MembershipEndedV1>(em, {
      type: BookingEvents.membershipEnded,
      tenantId: membership.tenant_id,
      actor,
      data: { membership: await this.contract(em, membership) },
    });
    await publishMembershipChanges(this.outbox, em, membership.tenant_id, actor, group, [membership.customer_id], false);
  }

  /** The customer's memberships (for the export), newest first. */
  async ofCustomer(em: EntityManager, tenantId: string, customerId: string): Promise<MembershipView[]> {
    const rows: MembershipRow[] = await em.query(`${MEMBERSHIP_SELECT} WHERE m.tenant_id = $1 AND m.customer_id = $2 ORDER BY m.started_at DESC`, [tenantId, customerId]);
    return Promise.all(rows.map((row) => this.view(em, row)));
  }

  private async load(em: EntityManager, tenantId: string, id: string): Promise<MembershipRow> {
    const [row] = await em.query(`${MEMBERSHIP_SELECT} WHERE m.tenant_id = $1 AND m.id = $2`, [tenantId, id]);
    return row;
  }

  private async view(em: EntityManager, m: MembershipRow): Promise<MembershipView> {
    const now = new Date();
    const ended = m.status === 'ended' || (m.ends_at !== null && m.ends_at <= now);
    const { timeZone } = await this.settings.get(m.tenant_id, em);
    return {
      id: m.id,
      planId: m.plan_id,
      planName: m.plan_name,
      groupId: m.group_id,
      customerId: m.customer_id,
      status: ended ? 'ended' : m.status,
      startedAt: iso(m.started_at),
      currentPeriodEnd: iso(ended ? m.ends_at! : periodEndAt(m.started_at, m.period, now, timeZone)),
      cancelledAt: isoOrNull(m.cancelled_at),
      cancelMode: m.cancel_mode,
      endsAt: isoOrNull(m.ends_at),
    };
  }

  private async contract(em: EntityManager, m: MembershipRow): Promise<MembershipV1> {
    const view = await this.view(em, m);
    return {
      membershipId: view.id,
      planId: view.planId,
      planName: view.planName,
      groupId: view.groupId,
      customerId: view.customerId,
      status: view.status,
      startedAt: view.startedAt,
      currentPeriodEnd: view.currentPeriodEnd,
      endsAt: view.endsAt,
    };
  }
}

const MEMBERSHIP_SELECT = `
  SELECT m.*, p.name AS plan_name, p.period, p.group_id
    FROM memberships m JOIN membership_plans p ON p.tenant_id = m.tenant_id AND p.id = m.plan_id`;

function planView(row: Record<string, any>): MembershipPlanView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    price: money(row.price, row.currency),
    period: row.period,
    groupId: row.group_id,
    createdAt: iso(row.created_at),
  };
}
