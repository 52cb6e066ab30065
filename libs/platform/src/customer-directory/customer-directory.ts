import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface CustomerRef {
  customerId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** Reads the service's customer directory (the projection kept by CustomerDirectoryConsumer). */
@Injectable()
export class CustomerDirectory {
  /** A live customer by id, or null when unknown here or deleted. */
  async get(em: EntityManager, tenantId: string, customerId: string): Promise<CustomerRef | null> {
    const [row] = await em.query(
      `SELECT customer_id, email, first_name, last_name FROM customer_refs
        WHERE tenant_id = $1 AND customer_id = $2 AND deleted_at IS NULL`,
      [tenantId, customerId],
    );
    return row ? toRef(row) : null;
  }

  /** The live customer who has this address (primary or other), or null. */
  async findByEmail(em: EntityManager, tenantId: string, email: string): Promise<CustomerRef | null> {
    const [row] = await em.query(
      `SELECT r.customer_id, r.email, r.first_name, r.last_name
         FROM customer_ref_emails e JOIN customer_refs r ON r.tenant_id = e.tenant_id AND r.customer_id = e.customer_id
        WHERE e.tenant_id = $1 AND e.email = lower($2) AND r.deleted_at IS NULL`,
      [tenantId, email],
    );
    return row ? toRef(row) : null;
  }

  /** Customer ids by address for many addresses at once (lower-cased keys). */
  async idsByEmails(em: EntityManager, tenantId: string, emails: string[]): Promise<Map<string, string>> {
    if (emails.length === 0) return new Map();
    const rows: Array<{ email: string; customer_id: string }> = await em.query(
      `SELECT e.email, e.customer_id FROM customer_ref_emails e
         JOIN customer_refs r ON r.tenant_id = e.tenant_id AND r.customer_id = e.customer_id AND r.deleted_at IS NULL
        WHERE e.tenant_id = $1 AND e.email = ANY($2)`,
      [tenantId, emails.map((e) => e.toLowerCase())],
    );
    return new Map(rows.map((r) => [r.email, r.customer_id]));
  }
}

const toRef = (row: { customer_id: string; email: string | null; first_name: string | null; last_name: string | null }): CustomerRef => ({
  customerId: row.customer_id,
  email: row.email,
  firstName: row.first_name,
  lastName: row.last_name,
});
