import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '@app/common';
import { BookingErrorCodes, invalid, notFound, unprocessable, type OfferView } from '@app/contracts';
import { iso } from '../common/money';
import { countOf, type WriteResult } from '../common/sql';
import { GroupsRepository } from '../groups/groups.repository';
import type { ScheduleEntryRow } from '../schedule/schedule.repository';
import { readOfferInput } from './offer-input';
import { chooseOffer, ONCE, usagePeriodEnd, usagePeriodStart, type OfferRule } from './offer-rules';

export interface OfferUse {
  offerId: string;
  memberKey: string;
  periodStart: Date;
  uses: number;
}

export interface OfferUseRequest {
  tenantId: string;
  timeZone: string;
  entry: ScheduleEntryRow;
  bookingId: string;
  leadEmail: string;
  leadCustomerId: string | null;
  /** Every attendee's ticket, and whether that attendee is the lead booker. */
  attendees: Array<{ ticketId: string; isLead: boolean }>;
}

/** The key uses are counted under: the customer, or their email until they are linked to one. */
export const memberKeyOf = (customerId: string | null, email: string) => customerId ?? `email:${email}`;

/** Group offers (B7): what they allow, and their use counts. */
@Injectable()
export class OffersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: GroupsRepository,
  ) {}

  async create(caller: Caller, groupId: string, input: Record<string, unknown>): Promise<OfferView> {
    const { tenantId } = caller;
    const offer = readOfferInput(input);
    return this.dataSource.transaction(async (em) => {
      if (!(await this.groups.find(em, tenantId, groupId))) throw notFound('Customer group', BookingErrorCodes.groupNotFound);
      await this.assertScope(em, tenantId, groupId, offer.scheduleEntryId, offer.ticketIds);
      const id = randomUUID();
      await em.query(
        `INSERT INTO group_offers (tenant_id, id, group_id, enabled, personal_use_only, max_additional_attendees, max_uses, ongoing, usage_period, schedule_entry_id, ticket_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [tenantId, id, groupId, offer.enabled, offer.personalUseOnly, offer.maxAdditionalAttendees, offer.maxUses, offer.ongoing, offer.usagePeriod, offer.scheduleEntryId, offer.ticketIds],
      );
      return (await this.views(em, tenantId, groupId, id))[0];
    });
  }

  async list(caller: Caller, groupId: string): Promise<OfferView[]> {
    const em = this.dataSource.manager;
    if (!(await this.groups.find(em, caller.tenantId, groupId))) throw notFound('Customer group', BookingErrorCodes.groupNotFound);
    return this.views(em, caller.tenantId, groupId);
  }

  /** An offer is changed by deleting it and creating a new one; past uses keep pointing at it. */
  async delete(caller: Caller, groupId: string, offerId: string): Promise<{ deleted: true }> {
    const deleted: WriteResult = await this.dataSource.query(
      `UPDATE group_offers SET deleted_at = now() WHERE tenant_id = $1 AND group_id = $2 AND id = $3 AND deleted_at IS NULL`,
      [caller.tenantId, groupId, offerId],
    );
    if (countOf(deleted) === 0) throw notFound('Offer', BookingErrorCodes.offerNotFound);
    return { deleted: true };
  }

  /**
   * Checks every exclusive ticket of a booking against its group's offers and counts the uses,
   * atomically: the count is raised by a conditional upsert that refuses to pass the limit, so
   * concurrent bookings cannot exceed it. Throws 422 with the rule that refused.
   */
  async use(em: EntityManager, request: OfferUseRequest): Promise<OfferUse[]> {
    const { tenantId, entry } = request;
    const groupOf = new Map(entry.tickets.map((t) => [t.id, t.customerGroupId]));
    const byGroup = new Map<string, Array<{ ticketId: string; isLead: boolean }>>();
    for (const attendee of request.attendees) {
      const groupId = groupOf.get(attendee.ticketId);
      if (groupId) byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), attendee]);
    }
    const uses: OfferUse[] = [];
    for (const [groupId, attendees] of byGroup) {
      if (!(await this.groups.isMember(em, tenantId, groupId, request.leadCustomerId, request.leadEmail))) {
        throw unprocessable(BookingErrorCodes.notGroupMember, 'Exclusive tickets can only be booked by members of their customer group', { groupId });
      }
      const offers = await this.rules(em, tenantId, groupId);
      const choice = chooseOffer(offers, { scheduleEntryId: entry.id, ticketIds: attendees.map((a) => a.ticketId), bookerAttends: attendees.some((a) => a.isLead) });
      if ('refusal' in choice) throw unprocessable(choice.refusal.code, choice.refusal.message, { groupId });
      const use: OfferUse = {
        offerId: choice.offer.id,
        memberKey: memberKeyOf(request.leadCustomerId, request.leadEmail),
        periodStart: usagePeriodStart(choice.offer, entry.startsAt, request.timeZone),
        uses: attendees.length,
      };
      await this.count(em, tenantId, choice.offer, use, request.timeZone);
      await em.query(
        `INSERT INTO booking_offer_uses (tenant_id, booking_id, offer_id, member_key, period_start, uses) VALUES ($1, $2, $3, $4, $5, $6)`,
        [tenantId, request.bookingId, use.offerId, use.memberKey, use.periodStart, use.uses],
      );
      uses.push(use);
    }
    return uses;
  }

  /** Gives a cancelled booking's uses back to the periods they were counted in. */
  async release(em: EntityManager, tenantId: string, bookingId: string): Promise<void> {
    await em.query(
      `UPDATE offer_usage u SET uses = u.uses - b.uses
         FROM booking_offer_uses b
        WHERE b.tenant_id = $1 AND b.booking_id = $2
          AND u.tenant_id = b.tenant_id AND u.offer_id = b.offer_id AND u.member_key = b.member_key AND u.period_start = b.period_start`,
      [tenantId, bookingId],
    );
  }

  /** Uses counted under a booker's email move to the customer they turned out to be. */
  async mergeMemberKey(em: EntityManager, tenantId: string, email: string, customerId: string): Promise<void> {
    const from = memberKeyOf(null, email);
    await em.query(
      `INSERT INTO offer_usage (tenant_id, offer_id, member_key, period_start, uses)
       SELECT tenant_id, offer_id, $3, period_start, uses FROM offer_usage WHERE tenant_id = $1 AND member_key = $2
       ON CONFLICT (tenant_id, offer_id, member_key, period_start) DO UPDATE SET uses = offer_usage.uses + EXCLUDED.uses`,
      [tenantId, from, customerId],
    );
    await em.query(`DELETE FROM offer_usage WHERE tenant_id = $1 AND member_key = $2`, [tenantId, from]);
    await em.query(`UPDATE booking_offer_uses SET member_key = $3 WHERE tenant_id = $1 AND member_key = $2`, [tenantId, from, customerId]);
  }

  private async count(em: EntityManager, tenantId: string, offer: OfferRule, use: OfferUse, timeZone: string): Promise<void> {
    const counted = await em.query(
      `INSERT INTO offer_usage (tenant_id, offer_id, member_key, period_start, uses)
       SELECT $1, $2, $3, $4, $5 WHERE $6::int IS NULL OR $5 <= $6
       ON CONFLICT (tenant_id, offer_id, member_key, period_start)
         DO UPDATE SET uses = offer_usage.uses + EXCLUDED.uses
         WHERE $6::int IS NULL OR offer_usage.uses + EXCLUDED.uses <= $6
       RETURNING uses`,
      [tenantId, offer.id, use.memberKey, use.periodStart, use.uses, offer.maxUses],
    );
    if (counted.length > 0) return;
    const [current] = await em.query(
      `SELECT uses FROM offer_usage WHERE tenant_id = $1 AND offer_id = $2 AND member_key = $3 AND period_start = $4`,
      [tenantId, offer.id, use.memberKey, use.periodStart],
    );
    const periodEnd = usagePeriodEnd(offer, use.periodStart, timeZone);
    throw unprocessable(
      BookingErrorCodes.offerUseLimitReached,
      offer.ongoing
        ? `The offer allows ${offer.maxUses} exclusive ticket(s) per ${offer.usagePeriod}; this booking would pass that`
        : `The offer allows ${offer.maxUses} exclusive ticket(s) in all; this booking would pass that`,
      {
        offerId: offer.id,
        limit: offer.maxUses,
        used: current?.uses ?? 0,
        requested: use.uses,
        periodStart: use.periodStart === ONCE ? null : use.periodStart.toISOString(),
        periodEnd: periodEnd?.toISOString() ?? null,
      },
    );
  }

  private async rules(em: EntityManager, tenantId: string, groupId: string): Promise<OfferRule[]> {
    const rows = await em.query(
      `SELECT id, enabled, personal_use_only, max_additional_attendees, max_uses, ongoing, usage_period, schedule_entry_id, ticket_ids
         FROM group_offers WHERE tenant_id = $1 AND group_id = $2 AND deleted_at IS NULL ORDER BY created_at, id`,
      [tenantId, groupId],
    );
    return rows.map(
      (r: Record<string, any>): OfferRule => ({
        id: r.id,
        enabled: r.enabled,
        personalUseOnly: r.personal_use_only,
        maxAdditionalAttendees: r.max_additional_attendees,
        maxUses: r.max_uses,
        ongoing: r.ongoing,
        usagePeriod: r.usage_period,
        scheduleEntryId: r.schedule_entry_id,
        ticketIds: r.ticket_ids,
      }),
    );
  }

  /** The scope must name exclusive tickets of this group. */
  private async assertScope(em: EntityManager, tenantId: string, groupId: string, scheduleEntryId: string | null, ticketIds: string[] | null): Promise<void> {
    if (scheduleEntryId) {
      const [row] = await em.query(
        `SELECT count(*) FILTER (WHERE t.customer_group_id = $3)::int AS exclusive
           FROM schedule_entries e LEFT JOIN tickets t ON t.tenant_id = e.tenant_id AND t.schedule_entry_id = e.id
          WHERE e.tenant_id = $1 AND e.id = $2 GROUP BY e.id`,
        [tenantId, scheduleEntryId, groupId],
      );
      if (!row) throw invalid({ scheduleEntryId: ['is not a schedule entry of this tenant'] });
      if (row.exclusive === 0) throw invalid({ scheduleEntryId: ['has no exclusive ticket of this customer group'] });
      return;
    }
    const found: Array<{ id: string }> = await em.query(
      `SELECT id FROM tickets WHERE tenant_id = $1 AND id = ANY($2) AND customer_group_id = $3`,
      [tenantId, ticketIds, groupId],
    );
    const ok = new Set(found.map((t) => t.id));
    const bad = ticketIds!.map((id, i) => [id, i] as const).filter(([id]) => !ok.has(id));
    if (bad.length) throw invalid(Object.fromEntries(bad.map(([, i]) => [`ticketIds[${i}]`, ['is not an exclusive ticket of this customer group']])));
  }

  private async views(em: EntityManager, tenantId: string, groupId: string, id?: string): Promise<OfferView[]> {
    const rows = await em.query(
      `SELECT * FROM group_offers WHERE tenant_id = $1 AND group_id = $2 AND deleted_at IS NULL AND ($3::uuid IS NULL OR id = $3) ORDER BY created_at, id`,
      [tenantId, groupId, id ?? null],
    );
    return rows.map(
      (r: Record<string, any>): OfferView => ({
        id: r.id,
        groupId: r.group_id,
        enabled: r.enabled,
        personalUseOnly: r.personal_use_only,
        maxAdditionalAttendees: r.max_additional_attendees,
        maxUses: r.max_uses,
        ongoing: r.ongoing,
        usagePeriod: r.usage_period,
        scope: r.schedule_entry_id ? { scheduleEntryId: r.schedule_entry_id } : { ticketIds: r.ticket_ids },
        createdAt: iso(r.created_at),
      }),
    );
  }
}
