import type { EntityManager } from 'typeorm';
import { BookingEvents, type Actor, type GroupMembershipChangedV1 } from '@app/contracts';
import type { OutboxService } from '@app/platform';

export interface GroupRef {
  id: string;
  name: string;
  kind: 'manual' | 'membership';
}

/** bookings.groupMembership.changed for known customers who joined or left a group. */
export async function publishMembershipChanges(
  outbox: OutboxService,
  em: EntityManager,
  tenantId: string,
  actor: Actor,
  group: GroupRef,
  customerIds: string[],
  member: boolean,
): Promise<void> {
  const at = new Date().toISOString();
  for (const customerId of customerIds) {
    await outbox.enqueue<GroupMembershipChangedV1>(em, {
      type: BookingEvents.groupMembershipChanged,
      tenantId,
      actor,
      data: { groupId: group.id, groupName: group.name, groupKind: group.kind, customerId, member, at },
    });
  }
}
