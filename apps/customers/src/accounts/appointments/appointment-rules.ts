import type { AppointmentView } from '@app/contracts';
import { localDate } from '@app/common';
import { actorFrom, iso } from '../shared/actor-ref';
import { InputReader, SEASON, YEAR, type InputMode } from '../shared/input-reader';

/** Appointment rules (C11) as pure functions. */

export interface AppointmentFields {
  type?: string;
  season?: string | null;
  year?: number | null;
  startsAt?: string;
  endsAt?: string | null;
  notes?: string | null;
}

export function readAppointmentInput(input: Record<string, unknown>, mode: InputMode): AppointmentFields {
  const r = new InputReader(input, mode, ['type', 'season', 'year', 'startsAt', 'endsAt', 'notes']);
  const fields: AppointmentFields = {
    type: r.text('type', { required: true, max: 64 }) ?? undefined,
    season: r.text('season', SEASON),
    year: r.int('year', { ...YEAR, required: mode === 'update' }),
    startsAt: r.timestamp('startsAt', { required: true }) ?? undefined,
    endsAt: r.timestamp('endsAt'),
    notes: r.text('notes', { max: 4000 }),
  };
  r.done();
  return fields;
}

export interface AppointmentRecord {
  type: string;
  season: string | null;
  year: number;
  startsAt: string;
  endsAt: string | null;
  notes: string | null;
}

/**
 * The appointment after applying the fields. On create the year defaults to the year of the
 * start in the tenant's time zone (an appointment on 31 December at 23:30 in Berlin is in that
 * year, though it is 1 January in UTC); on update it stays unless given (an appointment moved
 * into January still belongs to the season it was made for). The end must follow the start.
 */
export function applyAppointment(before: AppointmentRecord | null, fields: AppointmentFields, timeZone: string): { record: AppointmentRecord; error: string | null } {
  const startsAt = fields.startsAt ?? before!.startsAt;
  const record: AppointmentRecord = {
    type: fields.type ?? before!.type,
    season: fields.season === undefined ? (before?.season ?? null) : fields.season,
    year: fields.year ?? before?.year ?? Number(localDate(new Date(startsAt), timeZone).slice(0, 4)),
    startsAt,
    endsAt: fields.endsAt === undefined ? (before?.endsAt ?? null) : fields.endsAt,
    notes: fields.notes === undefined ? (before?.notes ?? null) : fields.notes,
  };
  const error = record.endsAt !== null && Date.parse(record.endsAt) <= Date.parse(record.startsAt) ? 'endsAt must be after startsAt' : null;
  return { record, error };
}

export interface AppointmentRow {
  id: string;
  customer_id: string;
  type: string;
  season: string | null;
  year: number;
  starts_at: Date;
  ends_at: Date | null;
  notes: string | null;
  created_by_type: string;
  created_by_id: string;
  created_at: Date;
  updated_at: Date;
}

export function toAppointmentView(row: AppointmentRow): AppointmentView {
  return {
    id: row.id,
    customerId: row.customer_id,
    type: row.type,
    season: row.season,
    year: row.year,
    startsAt: iso(row.starts_at)!,
    endsAt: iso(row.ends_at),
    notes: row.notes,
    createdBy: actorFrom(row.created_by_type, row.created_by_id)!,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
