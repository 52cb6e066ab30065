import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor, CustomerSnapshot } from '@app/contracts';
import { OutboxService, type CustomerDirectoryListener, forgetProfileDocuments } from '@app/platform';
import { publishMembershipChanges } from '../groups/group-events';
import { GroupsRepository } from '../groups/groups.repository';
import { lockMemberUsage, mergeEmailUsage } from '../offers/member-usage';

const SYSTEM: Actor = { type: 'system', id: 'bookings' };

/** What bookings does when the customer directory learns of a customer or of a deletion. */
@Injectable()
export class BookingsCustomerListener implements CustomerDirectoryListener {
  constructor(
    private readonly groups: GroupsRepository,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Emails kept for unknown customers in groups become memberships of the customer who has them
   * (B6), and offer uses counted under those emails join the customer's count (B7).
   */
  async customerChanged(tenantId: string, customer: CustomerSnapshot, em: EntityManager): Promise<void> {
    const emails = customer.emails.map((e) => e.address.toLowerCase()).sort();
    for (const email of emails) {
      await lockMemberUsage(em, tenantId, email);
      await mergeEmailUsage(em, tenantId, email, customer.id);
    }
    for (const group of await this.groups.claimPending(em, tenantId, customer.id, emails)) {
      await publishMembershipChanges(this.outbox, em, tenantId, SYSTEM, group, [customer.id], true);
    }
  }

  /**
   * Erases what names the customer: emails, names and form answers on bookings they made or
   * attend, group memberships and pending emails; memberships end. Bookings, places, passes,
   * vouchers and use counts stay (figures), under the customer's id, which names no one once
   * the customers service has erased the person.
   */
  async customerDeleted(tenantId: string, customerId: string, emails: string[], em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE bookings SET lead_email = NULL, lead_first_name = NULL, lead_last_name = NULL, lead_customer_id = coalesce(lead_customer_id, $2)
        WHERE tenant_id = $1 AND (lead_customer_id = $2 OR lead_email = ANY($3))`,
      [tenantId, customerId, emails],
    );
    await em.query(
      `UPDATE booking_attendees SET email = NULL, first_name = NULL, last_name = NULL, fields = '{}', consents = '{}', customer_id = coalesce(customer_id, $2)
        WHERE tenant_id = $1 AND (customer_id = $2 OR email = ANY($3))`,
      [tenantId, customerId, emails],
    );
    await em.query(`DELETE FROM group_members WHERE tenant_id = $1 AND (customer_id = $2 OR (customer_id IS NULL AND email = ANY($3)))`, [
      tenantId,
      customerId,
      emails,
    ]);
    await em.query(
      `UPDATE memberships SET status = 'ended', cancel_mode = coalesce(cancel_mode, 'immediate'), cancelled_at = coalesce(cancelled_at, now()),
              ends_at = least(coalesce(ends_at, now()), now())
        WHERE tenant_id = $1 AND customer_id = $2 AND status <> 'ended'`,
      [tenantId, customerId],
    );
    // Use counts kept under an email move to the customer id, so no address remains.
    for (const email of [...emails].sort()) {
      await lockMemberUsage(em, tenantId, email);
      await mergeEmailUsage(em, tenantId, email, customerId);
    }
    await forgetProfileDocuments(em, tenantId, customerId);
  }
}
