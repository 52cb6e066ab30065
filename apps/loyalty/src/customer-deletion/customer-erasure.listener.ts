import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LoyaltyEvents, type LoyaltyCardChangedV1 } from '@app/contracts';
import { forgetProfileDocuments, OutboxService, type CustomerDirectoryListener } from '@app/platform';
import { updatedRows } from '../shared/sql';

/**
 * C18 for loyalty, run in the transaction of the customer.deleted event (the platform then
 * publishes loyalty.customer.erased). Personal data goes: ledger and feedback comments, purchase
 * attributes, the customer's own invite code and the referral code they came with, the referral
 * links between them and others, and stored answers of idempotent requests that mention them.
 * Their cards are set to deleted. The figures stay, keyed by the customer id only: counters,
 * ledger values and amounts, purchases and their lines, metrics, ratings.
 */
@Injectable()
export class CustomerErasure implements CustomerDirectoryListener {
  constructor(private readonly outbox: OutboxService) {}

  async customerDeleted(tenantId: string, customerId: string, _emails: string[], em: EntityManager): Promise<void> {
    const before: Array<{ id: string; status: string }> = await em.query(`SELECT id, status FROM loyalty_cards WHERE tenant_id = $1 AND customer_id = $2`, [
      tenantId,
      customerId,
    ]);
    const cards = updatedRows<Record<string, any>>(
      await em.query(
        `UPDATE loyalty_cards SET status = 'deleted', invite_code = NULL, referral_code = NULL, referrer_customer_id = NULL, referrer_card_id = NULL,
                updated_at = now()
          WHERE tenant_id = $1 AND customer_id = $2
          RETURNING id, serial_number, customer_id, device, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, to_char(expires_on, 'YYYY-MM-DD') AS expires_on, utm`,
        [tenantId, customerId],
      ),
    );
    await em.query(
      `UPDATE loyalty_cards SET referrer_customer_id = NULL, referrer_card_id = NULL WHERE tenant_id = $1 AND referrer_customer_id = $2`,
      [tenantId, customerId],
    );
    await em.query(`UPDATE ledger_entries SET comment = NULL WHERE tenant_id = $1 AND customer_id = $2 AND comment IS NOT NULL`, [tenantId, customerId]);
    await em.query(`UPDATE feedback SET comment = NULL WHERE tenant_id = $1 AND customer_id = $2 AND comment IS NOT NULL`, [tenantId, customerId]);
    await em.query(`UPDATE purchases SET attributes = '{}' WHERE tenant_id = $1 AND customer_id = $2 AND attributes <> '{}'`, [tenantId, customerId]);
    await em.query(`DELETE FROM idempotency_keys WHERE tenant_id = $1 AND scope LIKE 'loyalty.%' AND response::text LIKE '%' || $2 || '%'`, [tenantId, customerId]);
    await forgetProfileDocuments(em, tenantId, customerId);

    const statusOf = new Map(before.map((c) => [c.id, c.status]));
    for (const c of cards) {
      await this.outbox.enqueue<LoyaltyCardChangedV1>(em, {
        type: LoyaltyEvents.cardChanged,
        tenantId,
        actor: { type: 'system', id: 'loyalty' },
        data: {
          card: {
            id: c.id,
            serialNumber: c.serial_number,
            customerId: c.customer_id,
            status: 'deleted',
            device: c.device,
            issuedOn: c.issued_on,
            expiresOn: c.expires_on,
            referralCode: null,
            referrerCustomerId: null,
            inviteCode: null,
            utm: c.utm,
          },
          changed: statusOf.get(c.id) === 'deleted' ? ['referralCode', 'referrerCustomerId', 'inviteCode'] : ['status', 'referralCode', 'referrerCustomerId', 'inviteCode'],
        },
      });
    }
  }
}
