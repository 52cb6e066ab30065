import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CALL_STATUSES,
  conflict,
  CustomerB2BEvents,
  CustomersB2BErrorCodes,
  CustomersB2BPatterns,
  invalid,
  notFound,
  type Deleted,
  type NoteCreatedV1,
  type NoteDeletedV1,
  type NoteTypeChangedV1,
  type NoteTypeView,
  type NoteUpdatedV1,
  type NoteView,
  type Page,
} from '@app/contracts';
import type { Caller } from '@app/common';
import type { EntityManager } from 'typeorm';
import { pageOf, pageRequest } from '../shared/account-page';
import { AccountStore } from '../shared/account-store.service';
import { actorRef } from '../shared/actor-ref';
import { changedFields, readFilters, SEASON, YEAR } from '../shared/input-reader';
import { pgCode } from '../shared/sql';
import { assertMayChangeNote, readNoteInput, readNoteTypeInput, toNoteView, type NoteFields } from './note-rules';
import { NotesRepository } from './notes.repository';

const SORT = 'notes:-seq';
const noteNotFound = () => notFound('Note', CustomersB2BErrorCodes.noteNotFound);

/** Notes (C9) and the tenant's list of note types. */
@Injectable()
export class NotesService {
  constructor(
    private readonly store: AccountStore,
    private readonly repository: NotesRepository,
  ) {}

  listTypes(caller: Caller): Promise<NoteTypeView[]> {
    return this.repository.noteTypes(this.store.reader, caller.tenantId);
  }

  async createType(caller: Caller, input: Record<string, unknown>): Promise<NoteTypeView> {
    const type = readNoteTypeInput(input);
    return this.store.write(caller, async (em) => {
      if (!(await this.repository.insertNoteType(em, caller.tenantId, type))) {
        throw conflict(CustomersB2BErrorCodes.noteTypeExists, `The note type "${type.key}" exists already`);
      }
      await this.store.emit<NoteTypeChangedV1>(em, caller, CustomerB2BEvents.noteTypeCreated, { noteType: type });
      return type;
    });
  }

  /** Deletes a note type no note has; 409 note_type_in_use otherwise (the notes keep their type). */
  async deleteType(caller: Caller, key: unknown): Promise<{ key: string; deleted: true }> {
    if (typeof key !== 'string') throw notFound('Note type', CustomersB2BErrorCodes.noteTypeNotFound);
    try {
      return await this.store.write(caller, async (em) => {
        const deleted = await this.repository.deleteNoteType(em, caller.tenantId, key);
        if (!deleted) throw notFound('Note type', CustomersB2BErrorCodes.noteTypeNotFound);
        await this.store.emit<NoteTypeChangedV1>(em, caller, CustomerB2BEvents.noteTypeDeleted, { noteType: deleted });
        return { key, deleted: true as const };
      });
    } catch (e) {
      if (pgCode(e) === '23503') throw conflict(CustomersB2BErrorCodes.noteTypeInUse, `Notes have the type "${key}"; it cannot be deleted`);
      throw e;
    }
  }

  async create(caller: Caller, customerId: string, input: Record<string, unknown>, idempotencyKey?: unknown): Promise<NoteView> {
    const fields = readNoteInput(input, 'create') as Required<NoteFields>;
    const { tenantId } = caller;
    return this.store.write(
      caller,
      async (em) => {
        await this.store.lockCustomer(em, tenantId, customerId, 'share');
        await this.assertType(em, tenantId, fields.type);
        const note = toNoteView(await this.repository.insert(em, tenantId, customerId, randomUUID(), fields, actorRef(caller.actor)));
        await this.store.emit<NoteCreatedV1>(em, caller, CustomerB2BEvents.noteCreated, { customerId, item: note });
        return note;
      },
      { key: idempotencyKey, scope: `${CustomersB2BPatterns.createNote}:${customerId}`, request: input },
    );
  }

  async update(caller: Caller, customerId: string, noteId: string, input: Record<string, unknown>): Promise<NoteView> {
    const changes = readNoteInput(input, 'update');
    const { tenantId } = caller;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      const row = await this.repository.lock(em, tenantId, customerId, noteId);
      if (!row) throw noteNotFound();
      const before = toNoteView(row);
      assertMayChangeNote(caller.actor, before.author);
      const next: Required<NoteFields> = {
        type: changes.type ?? before.type,
        season: changes.season === undefined ? before.season : changes.season,
        year: changes.year === undefined ? before.year : changes.year,
        callStatus: changes.callStatus === undefined ? before.callStatus : changes.callStatus,
        text: changes.text ?? before.text,
      };
      if (next.type !== before.type) await this.assertType(em, tenantId, next.type);
      const changed = changedFields(before, { ...before, ...next });
      if (changed.length === 0) return before;
      const note = toNoteView(await this.repository.update(em, tenantId, noteId, next, actorRef(caller.actor)));
      await this.store.emit<NoteUpdatedV1>(em, caller, CustomerB2BEvents.noteUpdated, { customerId, item: note, changed });
      return note;
    });
  }

  async delete(caller: Caller, customerId: string, noteId: string): Promise<Deleted> {
    const { tenantId } = caller;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      const row = await this.repository.lock(em, tenantId, customerId, noteId);
      if (!row) throw noteNotFound();
      const note = toNoteView(row);
      assertMayChangeNote(caller.actor, note.author);
      await this.repository.delete(em, tenantId, noteId);
      await this.store.emit<NoteDeletedV1>(em, caller, CustomerB2BEvents.noteDeleted, { customerId, item: note });
      return { id: noteId, deleted: true as const };
    });
  }

  /** Newest first; filters type, season, year, callStatus. */
  async list(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<NoteView>> {
    const filter = readFilters(query, {
      type: { kind: 'text', max: 64 },
      season: { kind: 'text', max: SEASON.max },
      year: { kind: 'int', ...YEAR },
      callStatus: { kind: 'oneOf', values: CALL_STATUSES },
    });
    const request = pageRequest(query, SORT, 'integer');
    const em = this.store.reader;
    const rows = await this.repository.page(em, caller.tenantId, customerId, filter as Record<string, never>, request);
    // Items exist only for live customers: only an empty page needs to ask whether the customer does.
    if (rows.length === 0) await this.store.assertCustomer(em, caller.tenantId, customerId);
    return pageOf(rows, request, SORT, (r) => ({ value: String(r.seq), id: r.id }), toNoteView);
  }

  private async assertType(em: EntityManager, tenantId: string, type: string): Promise<void> {
    if (!(await this.repository.lockNoteType(em, tenantId, type))) {
      throw invalid({ type: [`type must be one of the tenant’s note types (GET /v1/note-types); "${type}" is not`] });
    }
  }
}
