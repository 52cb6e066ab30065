import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PrimaryItemRepository } from '../shared/primary-section';
import { primaryFirstPage } from '../shared/primary-page';
import { rowOf } from '../shared/sql';
import { CAN_EMAIL_SQL, type ContactRecord, type ContactRow } from './contact-rules';

@Injectable()
export class ContactsRepository implements PrimaryItemRepository<ContactRow, ContactRecord> {
  async insert(em: EntityManager, tenantId: string, customerId: string, id: string, c: ContactRecord, primary: boolean): Promise<ContactRow> {
    return (await rowOf<ContactRow>(
      em,
      `INSERT INTO customer_contacts (tenant_id, id, customer_id, name, title, email, phone, phone_type, email_status, email_consent, email_consent_at, is_primary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [tenantId, id, customerId, c.name, c.title, c.email, c.phone, c.phoneType, c.emailStatus, c.emailConsent, c.emailConsentAt, primary],
    ))!;
  }

  async update(em: EntityManager, tenantId: string, id: string, c: ContactRecord): Promise<ContactRow> {
    return (await rowOf<ContactRow>(
      em,
      `UPDATE customer_contacts SET name = $3, title = $4, email = $5, phone = $6, phone_type = $7, email_status = $8, email_consent = $9,
              email_consent_at = $10, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, id, c.name, c.title, c.email, c.phone, c.phoneType, c.emailStatus, c.emailConsent, c.emailConsentAt],
    ))!;
  }

  lock(em: EntityManager, tenantId: string, customerId: string, id: string): Promise<ContactRow | null> {
    return rowOf<ContactRow>(em, `SELECT * FROM customer_contacts WHERE tenant_id = $1 AND customer_id = $2 AND id = $3 FOR UPDATE`, [tenantId, customerId, id]);
  }

  async get(em: EntityManager, tenantId: string, id: string): Promise<ContactRow> {
    return (await rowOf<ContactRow>(em, `SELECT * FROM customer_contacts WHERE tenant_id = $1 AND id = $2`, [tenantId, id]))!;
  }

  async delete(em: EntityManager, tenantId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM customer_contacts WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  page(em: EntityManager, tenantId: string, customerId: string, filter: { canEmail?: boolean }, after: { primaryRank: number; seq: string } | null, limit: number): Promise<ContactRow[]> {
    const { sql, params } = primaryFirstPage('customer_contacts', tenantId, customerId, after, limit, () =>
      filter.canEmail === undefined ? [] : [filter.canEmail ? CAN_EMAIL_SQL : `NOT ${CAN_EMAIL_SQL}`],
    );
    return em.query(sql, params);
  }
}
