import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, isValidEmail, normalizeEmail, pageLimit, type Caller } from '@app/common';
import {
  BookingErrorCodes,
  conflict,
  invalid,
  notFound,
  type AddMembersResult,
  type CustomerGroupMembershipView,
  type CustomerGroupView,
  type GroupMemberView,
  type Page,
} from '@app/contracts';
import { CustomerDirectory, OutboxService } from '@app/platform';
import { CustomerResolver } from '../common/customer-resolver';
import { InputReader } from '../common/input';
import { publishMembershipChanges, type GroupRef } from './group-events';
import { GroupsRepository } from './groups.repository';

const MAX_EMAILS = 1000;
const groupNotFound = () => notFound('Customer group', BookingErrorCodes.groupNotFound);
const managedByMemberships = (group: GroupRef) =>
  conflict(BookingErrorCodes.membershipGroupManaged, `"${group.name}" is a membership group: customers join it by subscribing to its plan`, { groupId: group.id });

/** Customer groups (B6): made by hand or by a membership plan; members by email or from the profile. */
@Injectable()
export class GroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: GroupsRepository,
    private readonly directory: CustomerDirectory,
    private readonly customers: CustomerResolver,
    private readonly outbox: OutboxService,
  ) {}

  async create(caller: Caller, input: Record<string, unknown>): Promise<CustomerGroupView> {
    const r = new InputReader();
    const name = r.text(input.name, 'name');
    const description = r.text(input.description, 'description', { max: 2000, optional: true });
    if (!r.ok) throw invalid(r.errors);
    const id = randomUUID();
    return this.dataSource.transaction(async (em) => {
      await this.repository.insert(em, caller.tenantId, { id, name: name!, description, kind: 'manual' });
      return (await this.repository.views(em, caller.tenantId, { ids: [id] }))[0];
    });
  }

  async get(caller: Caller, id: string): Promise<CustomerGroupView> {
    const [view] = await this.repository.views(this.dataSource.manager, caller.tenantId, { ids: [id] });
    if (!view) throw groupNotFound();
    return view;
  }

  async list(caller: Caller, query: Record<string, unknown>): Promise<Page<CustomerGroupView>> {
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor, 'createdAt');
    const rows = await this.repository.views(this.dataSource.manager, caller.tenantId, {
      after: cursor && { createdAt: cursor.value, id: cursor.id },
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor('createdAt', { value: last.createdAt, id: last.id }) : null };
  }

  /**
   * Adds customers by email. A known customer's address makes them a member at once; an
   * unknown address is kept and matched when a customer with it appears (C1 event).
   */
  async addMembers(caller: Caller, groupId: string, emailsInput: unknown): Promise<AddMembersResult> {
    const { tenantId, actor } = caller;
    const r = new InputReader();
    const raw = r.array(emailsInput, 'emails', 1, MAX_EMAILS);
    const emails = raw.map((e, i) => {
      const email = typeof e === 'string' ? normalizeEmail(e) : '';
      if (!isValidEmail(email)) r.fail(`emails[${i}]`, 'must be an email address');
      return email;
    });
    if (!r.ok) throw invalid(r.errors);
    const unique = [...new Set(emails)];
    const result = await this.dataSource.transaction(async (em) => {
      const group = await this.repository.find(em, tenantId, groupId);
      if (!group) throw groupNotFound();
      if (group.kind === 'membership') throw managedByMemberships(group);
      const known = await this.directory.idsByEmails(em, tenantId, unique);
      const results: AddMembersResult['results'] = [];
      const joined: string[] = [];
      for (const email of unique) {
        const customerId = known.get(email) ?? null;
        if (customerId) {
          const added = await this.repository.addCustomer(em, tenantId, groupId, customerId, { id: randomUUID(), source: 'manual', membershipId: null });
          if (added) joined.push(customerId);
          results.push({ email, customerId, outcome: added ? 'added' : 'already_member' });
        } else {
          await this.repository.addPending(em, tenantId, groupId, randomUUID(), email);
          results.push({ email, customerId: null, outcome: 'pending' });
        }
      }
      await publishMembershipChanges(this.outbox, em, tenantId, actor, group, joined, true);
      return { results };
    });
    this.outbox.flush();
    return result;
  }

  async members(caller: Caller, groupId: string, query: Record<string, unknown>): Promise<Page<GroupMemberView>> {
    const em = this.dataSource.manager;
    if (!(await this.repository.find(em, caller.tenantId, groupId))) throw groupNotFound();
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor, 'addedAt');
    const rows = await this.repository.members(em, caller.tenantId, groupId, cursor && { addedAt: cursor.value, id: cursor.id }, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ id: _id, ...member }) => member),
      nextCursor: rows.length > limit ? encodeCursor('addedAt', { value: last.addedAt, id: last.id }) : null,
    };
  }

  /** Removes a member added by hand; a member who joined by subscribing leaves only by cancelling (B8). */
  async removeMember(caller: Caller, groupId: string, customerId: string): Promise<{ removed: true }> {
    const { tenantId, actor } = caller;
    await this.dataSource.transaction(async (em) => {
      const group = await this.repository.find(em, tenantId, groupId);
      if (!group) throw groupNotFound();
      const member = await this.repository.findMember(em, tenantId, groupId, customerId);
      if (!member) throw notFound('Group member', BookingErrorCodes.groupNotFound);
      if (member.source === 'membership') {
        throw conflict(BookingErrorCodes.membershipGroupMember, 'This customer is a member through a membership; cancel the membership to remove them', {
          membershipId: member.membership_id,
          cancel: `/v1/memberships/${member.membership_id}/cancel`,
        });
      }
      await this.repository.deleteMember(em, tenantId, member.id);
      await publishMembershipChanges(this.outbox, em, tenantId, actor, group, [customerId], false);
    });
    this.outbox.flush();
    return { removed: true };
  }

  /** Assigns a customer to groups from their profile (manual groups only). */
  async assignCustomer(caller: Caller, customerId: string, groupIdsInput: unknown): Promise<Page<CustomerGroupMembershipView>> {
    const { tenantId, actor } = caller;
    const r = new InputReader();
    const groupIds = [...new Set(r.array(groupIdsInput, 'groupIds', 1, 100).map((id, i) => r.uuid(id, `groupIds[${i}]`) ?? ''))];
    if (!r.ok) throw invalid(r.errors);
    await this.dataSource.transaction(async (em) => {
      await this.customers.require(em, tenantId, customerId);
      const groups = await this.repository.findMany(em, tenantId, groupIds);
      if (groups.length !== groupIds.length) throw groupNotFound();
      const membership = groups.find((g) => g.kind === 'membership');
      if (membership) throw managedByMemberships(membership);
      for (const group of groups) {
        if (await this.repository.addCustomer(em, tenantId, group.id, customerId, { id: randomUUID(), source: 'manual', membershipId: null })) {
          await publishMembershipChanges(this.outbox, em, tenantId, actor, group, [customerId], true);
        }
      }
    });
    this.outbox.flush();
    return this.groupsOfCustomer(caller, customerId, {});
  }

  /** The customer's groups tab (B6): current memberships, oldest first. */
  async groupsOfCustomer(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<CustomerGroupMembershipView>> {
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor, 'addedAt');
    const rows = await this.repository.groupsOfCustomer(this.dataSource.manager, caller.tenantId, customerId, cursor && { addedAt: cursor.value, id: cursor.id }, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ memberId: _m, ...view }) => view),
      nextCursor: rows.length > limit ? encodeCursor('addedAt', { value: last.addedAt, id: last.memberId }) : null,
    };
  }
}
