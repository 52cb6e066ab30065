import { CALL_STATUSES, CustomersB2BErrorCodes, DomainError, type Actor, type ActorRef, type CallStatus, type NoteView } from '@app/contracts';
import { actorFrom, iso } from '../shared/actor-ref';
import { InputReader, SEASON, YEAR, type InputMode } from '../shared/input-reader';

/** Note rules (C9) as pure functions. */

export const NOTE_TYPE_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const NOTE_TYPE_KEY_RULE = 'key must be 1-64 lower-case letters, digits, _ or -, starting with a letter or digit';

export interface NoteFields {
  type?: string;
  season?: string | null;
  year?: number | null;
  callStatus?: CallStatus | null;
  text?: string;
}

/** The fields of a note to create or change (absent on update: unchanged; null: cleared). */
export function readNoteInput(input: Record<string, unknown>, mode: InputMode): NoteFields {
  const r = new InputReader(input, mode, ['type', 'season', 'year', 'callStatus', 'text']);
  const fields: NoteFields = {
    type: r.text('type', { required: true, max: 64, pattern: NOTE_TYPE_KEY, patternMessage: 'type must be the key of one of the tenant’s note types' }) ?? undefined,
    season: r.text('season', SEASON),
    year: r.int('year', YEAR),
    callStatus: r.oneOf('callStatus', CALL_STATUSES),
    text: r.text('text', { required: true, max: 10_000 }) ?? undefined,
  };
  r.done();
  return fields;
}

export interface NoteTypeFields {
  key: string;
  label: string;
  position: number;
}

export function readNoteTypeInput(input: Record<string, unknown>): NoteTypeFields {
  const r = new InputReader(input, 'create', ['key', 'label', 'position']);
  const key = r.text('key', { required: true, max: 64, pattern: NOTE_TYPE_KEY, patternMessage: NOTE_TYPE_KEY_RULE });
  const label = r.text('label', { required: true, max: 100 });
  const position = r.int('position', { min: 0, max: 100_000 });
  r.done();
  return { key: key!, label: label!, position: position ?? 0 };
}

/**
 * Notes are a staff member's record of their contact with the customer: the author may change
 * or delete a note, and so may owners and admins (and the system); other staff may not.
 */
export function assertMayChangeNote(actor: Actor, author: ActorRef): void {
  if (actor.type === 'system') return;
  if (actor.type === 'user' && (actor.role === 'owner' || actor.role === 'admin')) return;
  if (actor.type === author.type && actor.id === author.id) return;
  throw new DomainError(403, CustomersB2BErrorCodes.notNoteAuthor, 'Only the author of a note, an owner or an admin may change or delete it');
}

export interface NoteRow {
  id: string;
  customer_id: string;
  seq: string;
  type: string;
  season: string | null;
  year: number | null;
  call_status: CallStatus | null;
  text: string;
  author_type: string;
  author_id: string;
  created_at: Date;
  updated_at: Date;
  updated_by_type: string | null;
  updated_by_id: string | null;
}

export function toNoteView(row: NoteRow): NoteView {
  return {
    id: row.id,
    customerId: row.customer_id,
    type: row.type,
    season: row.season,
    year: row.year,
    callStatus: row.call_status,
    text: row.text,
    author: actorFrom(row.author_type, row.author_id)!,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    updatedBy: actorFrom(row.updated_by_type, row.updated_by_id),
  };
}
