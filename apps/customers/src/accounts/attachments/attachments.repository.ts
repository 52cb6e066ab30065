import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorRef } from '@app/contracts';
import type { PageRequest } from '../shared/account-page';
import { rowOf } from '../shared/sql';
import { UPLOAD_EXPIRY_MINUTES, type AttachmentRow } from './attachment-rules';

@Injectable()
export class AttachmentsRepository {
  async insertUpload(em: EntityManager, tenantId: string, customerId: string, id: string, file: { fileName: string; contentType: string; maxBytes: number }, uploader: ActorRef): Promise<void> {
    await em.query(
      `INSERT INTO customer_attachments (tenant_id, id, customer_id, file_name, content_type, status, max_bytes, uploaded_by_type, uploaded_by_id)
       VALUES ($1, $2, $3, $4, $5, 'uploading', $6, $7, $8)`,
      [tenantId, id, customerId, file.fileName, file.contentType, file.maxBytes, uploader.type, uploader.id],
    );
  }

  /** Removes the tenant's uploads abandoned for longer than UPLOAD_EXPIRY_MINUTES (their chunks go with them). */
  async purgeAbandoned(em: EntityManager, tenantId: string): Promise<void> {
    await em.query(
      `DELETE FROM customer_attachments WHERE tenant_id = $1 AND status = 'uploading' AND created_at < now() - make_interval(mins => $2)`,
      [tenantId, UPLOAD_EXPIRY_MINUTES],
    );
  }

  /** An upload in progress of this customer, locked (chunks of one upload are taken one at a time). */
  lockUpload(em: EntityManager, tenantId: string, customerId: string, id: string): Promise<AttachmentRow | null> {
    return rowOf<AttachmentRow>(
      em,
      `SELECT * FROM customer_attachments WHERE tenant_id = $1 AND customer_id = $2 AND id = $3 AND status = 'uploading' FOR UPDATE`,
      [tenantId, customerId, id],
    );
  }

  async appendChunk(em: EntityManager, tenantId: string, id: string, index: number, data: Buffer): Promise<{ size_bytes: string; chunk_count: number }> {
    await em.query(`INSERT INTO customer_attachment_chunks (tenant_id, attachment_id, index, data) VALUES ($1, $2, $3, $4)`, [tenantId, id, index, data]);
    return (await rowOf<{ size_bytes: string; chunk_count: number }>(
      em,
      `UPDATE customer_attachments SET size_bytes = size_bytes + $3, chunk_count = chunk_count + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 RETURNING size_bytes, chunk_count`,
      [tenantId, id, data.length],
    ))!;
  }

  /** The SHA-256 (hex) of the content as stored, computed by Postgres over the chunks in order. */
  async storedSha256(em: EntityManager, tenantId: string, id: string): Promise<string> {
    const [row] = await em.query(
      `SELECT encode(sha256(coalesce(string_agg(data, ''::bytea ORDER BY index), ''::bytea)), 'hex') AS sha256
         FROM customer_attachment_chunks WHERE tenant_id = $1 AND attachment_id = $2`,
      [tenantId, id],
    );
    return row.sha256;
  }

  async markReady(em: EntityManager, tenantId: string, id: string, sha256: string): Promise<AttachmentRow> {
    return (await rowOf<AttachmentRow>(
      em,
      `UPDATE customer_attachments SET status = 'ready', sha256 = $3, created_at = now(), updated_at = now()
        WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, id, sha256],
    ))!;
  }

  /** A ready attachment of this customer (locked when `forUpdate`). */
  find(em: EntityManager, tenantId: string, customerId: string, id: string, forUpdate = false): Promise<AttachmentRow | null> {
    return rowOf<AttachmentRow>(
      em,
      `SELECT * FROM customer_attachments WHERE tenant_id = $1 AND customer_id = $2 AND id = $3 AND status = 'ready'${forUpdate ? ' FOR UPDATE' : ''}`,
      [tenantId, customerId, id],
    );
  }

  async chunk(em: EntityManager, tenantId: string, customerId: string, id: string, index: number): Promise<Buffer | null> {
    const row = await rowOf<{ data: Buffer }>(
      em,
      `SELECT c.data FROM customer_attachment_chunks c
         JOIN customer_attachments a ON a.tenant_id = c.tenant_id AND a.id = c.attachment_id
        WHERE c.tenant_id = $1 AND c.attachment_id = $3 AND c.index = $4 AND a.customer_id = $2 AND a.status = 'ready'`,
      [tenantId, customerId, id, index],
    );
    return row?.data ?? null;
  }

  async rename(em: EntityManager, tenantId: string, id: string, fileName: string): Promise<AttachmentRow> {
    return (await rowOf<AttachmentRow>(em, `UPDATE customer_attachments SET file_name = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *`, [
      tenantId,
      id,
      fileName,
    ]))!;
  }

  async delete(em: EntityManager, tenantId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM customer_attachments WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  /** Ready attachments, newest first, `limit + 1` rows after the cursor. */
  page(em: EntityManager, tenantId: string, customerId: string, page: PageRequest): Promise<AttachmentRow[]> {
    const params: unknown[] = [tenantId, customerId];
    let after = '';
    if (page.after) {
      params.push(page.after.value);
      after = ` AND seq < $${params.length}::bigint`;
    }
    params.push(page.limit + 1);
    return em.query(
      `SELECT * FROM customer_attachments WHERE tenant_id = $1 AND customer_id = $2 AND status = 'ready'${after} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
  }
}
