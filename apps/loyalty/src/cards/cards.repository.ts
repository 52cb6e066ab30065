import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { conflict, LoyaltyErrorCodes, notFound, type CardDevice, type CardStatus, type Utm } from '@app/contracts';
import { dateOrNull, num, updatedRows } from '../shared/sql';

export const cardNotFound = () => notFound('Loyalty card', LoyaltyErrorCodes.cardNotFound);

/** A card as stored, with what its view needs from other rows (referrals, the customer's currency). */
export interface CardRow {
  id: string;
  serialNumber: string;
  customerId: string;
  status: CardStatus;
  device: CardDevice | null;
  issuedOn: string;
  expiresOn: string | null;
  utm: Utm | null;
  referralCode: string | null;
  referrerCustomerId: string | null;
  referrerCardId: string | null;
  inviteCode: string | null;
  visitsSold: number;
  visitsUsed: number;
  visitsCorrected: number;
  visitsAvailable: number;
  lastVisitAddedAt: Date | null;
  lastVisitRefundedAt: Date | null;
  bonusAdded: number;
  bonusSpent: number;
  ltv: number;
  referrals: number;
  referralVisits: number;
  /** The currency the customer's amounts are kept in, null before any amount. */
  currency: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Card columns for SELECT and RETURNING (dates as text: node-postgres would make them local midnights). */
export const CARD_COLUMNS = `
  c.id, c.serial_number, c.customer_id, c.status, c.device,
  to_char(c.issued_on, 'YYYY-MM-DD') AS issued_on, to_char(c.expires_on, 'YYYY-MM-DD') AS expires_on,
  c.utm, c.referral_code, c.referrer_customer_id, c.referrer_card_id, c.invite_code,
  c.visits_sold, c.visits_used, c.visits_corrected, c.visits_available, c.last_visit_added_at, c.last_visit_refunded_at,
  c.bonus_added, c.bonus_spent, c.ltv, c.created_at, c.updated_at,
  (SELECT count(*) FROM loyalty_cards r WHERE r.tenant_id = c.tenant_id AND r.referrer_card_id = c.id) AS referrals,
  (SELECT coalesce(sum(r.visits_sold), 0) FROM loyalty_cards r WHERE r.tenant_id = c.tenant_id AND r.referrer_card_id = c.id) AS referral_visits,
  (SELECT m.currency FROM customer_metrics m WHERE m.tenant_id = c.tenant_id AND m.customer_id = c.customer_id) AS currency`;

export const toCardRow = (r: Record<string, any>): CardRow => ({
  id: r.id,
  serialNumber: r.serial_number,
  customerId: r.customer_id,
  status: r.status,
  device: r.device,
  issuedOn: r.issued_on,
  expiresOn: r.expires_on,
  utm: r.utm,
  referralCode: r.referral_code,
  referrerCustomerId: r.referrer_customer_id,
  referrerCardId: r.referrer_card_id,
  inviteCode: r.invite_code,
  visitsSold: num(r.visits_sold),
  visitsUsed: num(r.visits_used),
  visitsCorrected: num(r.visits_corrected),
  visitsAvailable: num(r.visits_available),
  lastVisitAddedAt: dateOrNull(r.last_visit_added_at),
  lastVisitRefundedAt: dateOrNull(r.last_visit_refunded_at),
  bonusAdded: num(r.bonus_added),
  bonusSpent: num(r.bonus_spent),
  ltv: num(r.ltv),
  referrals: num(r.referrals),
  referralVisits: num(r.referral_visits),
  currency: r.currency,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export interface NewCard {
  id: string;
  serialNumber: string;
  customerId: string;
  status: CardStatus;
  device: CardDevice | null;
  issuedOn: string;
  expiresOn: string | null;
  utm: Utm | null;
  referralCode: string | null;
  referrerCustomerId: string | null;
  referrerCardId: string | null;
  inviteCode: string;
  at: Date;
}

/** A card that takes operations (card-rules assertOperable, in SQL), given the parameter holding today's date in the tenant's zone. */
export const operable = (today: string) => `c.status <> 'deleted' AND (c.expires_on IS NULL OR c.expires_on >= ${today}::date)`;

export type CardChanges = Partial<Pick<CardRow, 'status' | 'expiresOn' | 'device'>>;

/** Data access for cards. Every method takes the caller's EntityManager and filters by tenant. */
@Injectable()
export class CardsRepository {
  /**
   * Inserts a card; 409 card_exists when the customer already has one that is not deleted.
   * Returns null when the serial number or invite code (random) collided, so the caller draws
   * again. ON CONFLICT DO NOTHING instead of catching the violation keeps the transaction usable.
   */
  async insert(em: EntityManager, tenantId: string, c: NewCard): Promise<CardRow | null> {
    const rows = await em.query(
        `INSERT INTO loyalty_cards AS c (tenant_id, id, serial_number, customer_id, status, device, issued_on, expires_on, utm,
                                    referral_code, referrer_customer_id, referrer_card_id, invite_code, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
         ON CONFLICT DO NOTHING
         RETURNING ${CARD_COLUMNS}`,
        [tenantId, c.id, c.serialNumber, c.customerId, c.status, c.device, c.issuedOn, c.expiresOn, c.utm ? JSON.stringify(c.utm) : null,
          c.referralCode, c.referrerCustomerId, c.referrerCardId, c.inviteCode, c.at],
    );
    if (rows.length) return toCardRow(rows[0]);
    // ON CONFLICT DO NOTHING covers every unique index: find out which one it was.
    if (await this.currentOf(em, tenantId, c.customerId)) {
      throw conflict(LoyaltyErrorCodes.cardExists, 'The customer already has a loyalty card that is not deleted; set its status to deleted first');
    }
    return null;
  }

  /**
   * `lock` takes the row lock an UPDATE takes (FOR NO KEY UPDATE): it does not conflict with the
   * key-share lock that inserting a ledger entry (foreign key) holds on the card.
   */
  async find(em: EntityManager, tenantId: string, id: string, options: { lock?: boolean } = {}): Promise<CardRow | null> {
    const rows = await em.query(
      `SELECT ${CARD_COLUMNS} FROM loyalty_cards c WHERE c.tenant_id = $1 AND c.id = $2${options.lock ? ' FOR NO KEY UPDATE OF c' : ''}`,
      [tenantId, id],
    );
    return rows.length ? toCardRow(rows[0]) : null;
  }

  async get(em: EntityManager, tenantId: string, id: string, options: { lock?: boolean } = {}): Promise<CardRow> {
    const card = await this.find(em, tenantId, id, options);
    if (!card) throw cardNotFound();
    return card;
  }

  async findBySerial(em: EntityManager, tenantId: string, serialNumber: string): Promise<CardRow | null> {
    const rows = await em.query(`SELECT ${CARD_COLUMNS} FROM loyalty_cards c WHERE c.tenant_id = $1 AND c.serial_number = $2`, [tenantId, serialNumber]);
    return rows.length ? toCardRow(rows[0]) : null;
  }

  /** The customer's card that is not deleted, if any. */
  async currentOf(em: EntityManager, tenantId: string, customerId: string): Promise<CardRow | null> {
    const rows = await em.query(
      `SELECT ${CARD_COLUMNS} FROM loyalty_cards c WHERE c.tenant_id = $1 AND c.customer_id = $2 AND c.status <> 'deleted'`,
      [tenantId, customerId],
    );
    return rows.length ? toCardRow(rows[0]) : null;
  }

  /** The card whose invite code this is (any status), for a referral. */
  async findByInviteCode(em: EntityManager, tenantId: string, code: string): Promise<{ id: string; customerId: string } | null> {
    const [row] = await em.query(`SELECT id, customer_id FROM loyalty_cards WHERE tenant_id = $1 AND invite_code = $2`, [tenantId, code]);
    return row ? { id: row.id, customerId: row.customer_id } : null;
  }

  /** A page of the customer's cards, newest first: `limit + 1` rows, so the caller knows whether more follow. */
  async listByCustomer(em: EntityManager, tenantId: string, customerId: string, after: { createdAt: string; id: string } | null, limit: number): Promise<CardRow[]> {
    const params: unknown[] = [tenantId, customerId, limit + 1];
    let keyset = '';
    if (after) {
      params.push(after.createdAt, after.id);
      keyset = `AND (c.created_at, c.id) < ($4::timestamptz, $5::uuid)`;
    }
    const rows = await em.query(
      `SELECT ${CARD_COLUMNS} FROM loyalty_cards c
        WHERE c.tenant_id = $1 AND c.customer_id = $2 ${keyset}
        ORDER BY c.created_at DESC, c.id DESC LIMIT $3`,
      params,
    );
    return rows.map(toCardRow);
  }

  async allOf(em: EntityManager, tenantId: string, customerId: string): Promise<CardRow[]> {
    const rows = await em.query(`SELECT ${CARD_COLUMNS} FROM loyalty_cards c WHERE c.tenant_id = $1 AND c.customer_id = $2 ORDER BY c.created_at, c.id`, [
      tenantId,
      customerId,
    ]);
    return rows.map(toCardRow);
  }

  async update(em: EntityManager, tenantId: string, id: string, changes: CardChanges, at: Date): Promise<CardRow> {
    const sets: string[] = [];
    const params: unknown[] = [tenantId, id, at];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.status !== undefined) set('status', changes.status);
    if (changes.expiresOn !== undefined) set('expires_on', changes.expiresOn);
    if (changes.device !== undefined) set('device', changes.device);
    const rows = updatedRows(
      await em.query(`UPDATE loyalty_cards c SET ${[...sets, 'updated_at = $3'].join(', ')} WHERE c.tenant_id = $1 AND c.id = $2 RETURNING ${CARD_COLUMNS}`, params),
    );
    return toCardRow(rows[0]);
  }

  /** L9: does the customer hold a card whose status is not deleted? */
  async hasActiveCard(em: EntityManager, tenantId: string, customerId: string): Promise<boolean> {
    const rows = await em.query(`SELECT 1 FROM loyalty_cards WHERE tenant_id = $1 AND customer_id = $2 AND status <> 'deleted' LIMIT 1`, [tenantId, customerId]);
    return rows.length > 0;
  }
}
