import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorRef, NoteTypeView } from '@app/contracts';
import type { PageRequest } from '../shared/account-page';
import { rowOf } from '../shared/sql';
import type { NoteFields, NoteRow, NoteTypeFields } from './note-rules';

export interface NoteFilter {
  type?: string;
  season?: string;
  year?: number;
  callStatus?: string;
}

/** SQL of notes and note types; every statement filters by tenant. */
@Injectable()
export class NotesRepository {
  async noteTypes(em: EntityManager, tenantId: string): Promise<NoteTypeView[]> {
    return em.query(`SELECT key, label, position FROM note_types WHERE tenant_id = $1 ORDER BY position, key`, [tenantId]);
  }

  /** Inserts a note type; false when the key exists. */
  async insertNoteType(em: EntityManager, tenantId: string, type: NoteTypeFields): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO note_types (tenant_id, key, label, position) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
      [tenantId, type.key, type.label, type.position],
    );
    return rows.length > 0;
  }

  /** Locks the note type so it cannot be deleted before this transaction ends; false when absent. */
  async lockNoteType(em: EntityManager, tenantId: string, key: string): Promise<NoteTypeView | null> {
    const [row] = await em.query(`SELECT key, label, position FROM note_types WHERE tenant_id = $1 AND key = $2 FOR KEY SHARE`, [tenantId, key]);
    return row ?? null;
  }

  async deleteNoteType(em: EntityManager, tenantId: string, key: string): Promise<NoteTypeView | null> {
    return rowOf<NoteTypeView>(em, `DELETE FROM note_types WHERE tenant_id = $1 AND key = $2 RETURNING key, label, position`, [tenantId, key]);
  }

  async insert(em: EntityManager, tenantId: string, customerId: string, id: string, note: Required<NoteFields>, author: ActorRef): Promise<NoteRow> {
    const [row] = await em.query(
      `INSERT INTO customer_notes (tenant_id, id, customer_id, type, season, year, call_status, text, author_type, author_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [tenantId, id, customerId, note.type, note.season, note.year, note.callStatus, note.text, author.type, author.id],
    );
    return row;
  }

  /** The note of this customer, locked for the transaction. */
  async lock(em: EntityManager, tenantId: string, customerId: string, id: string): Promise<NoteRow | null> {
    const [row] = await em.query(`SELECT * FROM customer_notes WHERE tenant_id = $1 AND customer_id = $2 AND id = $3 FOR UPDATE`, [
      tenantId,
      customerId,
      id,
    ]);
    return row ?? null;
  }

  async update(em: EntityManager, tenantId: string, id: string, note: Required<NoteFields>, editor: ActorRef): Promise<NoteRow> {
    const row = await rowOf<NoteRow>(
      em,
      `UPDATE customer_notes SET type = $3, season = $4, year = $5, call_status = $6, text = $7,
              updated_at = now(), updated_by_type = $8, updated_by_id = $9
        WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, id, note.type, note.season, note.year, note.callStatus, note.text, editor.type, editor.id],
    );
    return row!;
  }

  async delete(em: EntityManager, tenantId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM customer_notes WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  /** Newest first (insertion order), `limit + 1` rows after the cursor. */
  async page(em: EntityManager, tenantId: string, customerId: string, filter: NoteFilter, page: PageRequest): Promise<NoteRow[]> {
    const params: unknown[] = [tenantId, customerId];
    const where = ['tenant_id = $1', 'customer_id = $2'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.type !== undefined) add('type = ?', filter.type);
    if (filter.season !== undefined) add('season = ?', filter.season);
    if (filter.year !== undefined) add('year = ?', filter.year);
    if (filter.callStatus !== undefined) add('call_status = ?', filter.callStatus);
    if (page.after) add('seq < ?::bigint', page.after.value);
    params.push(page.limit + 1);
    return em.query(`SELECT * FROM customer_notes WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $${params.length}`, params);
  }
}
