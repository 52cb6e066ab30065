import { isIsoDate, isValidEmail, normalizeEmail } from '@app/common';
import { invalid, type BookingForm, type ConsentStatus, type FieldAnswer, type FieldErrors } from '@app/contracts';
import { InputReader } from '../common/input';

export interface PersonInput {
  email: string;
  firstName: string;
  lastName: string;
}
export interface AttendeeRequest {
  ticketId: string;
  email: string | null;
  firstName: string;
  lastName: string;
  fields: Record<string, unknown>;
  consents: Record<string, unknown>;
}
export interface BookingRequest {
  scheduleEntryId: string;
  leadBooker: PersonInput;
  attendees: AttendeeRequest[];
  voucherCode: string | null;
  passId: string | null;
}

export const MAX_ATTENDEES = 50;

/** Checks the shape of a booking request (B2); the form answers are checked against the entry's form later. */
export function readBookingRequest(input: Record<string, unknown>): BookingRequest {
  const r = new InputReader();
  const scheduleEntryId = r.uuid(input.scheduleEntryId, 'scheduleEntryId');
  const lead = r.object(input.leadBooker, 'leadBooker');
  const leadBooker: PersonInput = {
    email: readEmail(r, lead.email, 'leadBooker.email', true)!,
    firstName: r.text(lead.firstName, 'leadBooker.firstName') ?? '',
    lastName: r.text(lead.lastName, 'leadBooker.lastName') ?? '',
  };
  const attendees = r.array(input.attendees, 'attendees', 1, MAX_ATTENDEES).map((raw, i): AttendeeRequest => {
    const a = r.object(raw, `attendees[${i}]`);
    return {
      ticketId: r.uuid(a.ticketId, `attendees[${i}].ticketId`) ?? '',
      email: readEmail(r, a.email, `attendees[${i}].email`, false),
      firstName: r.text(a.firstName, `attendees[${i}].firstName`) ?? '',
      lastName: r.text(a.lastName, `attendees[${i}].lastName`) ?? '',
      fields: r.object(a.fields, `attendees[${i}].fields`, { optional: true }),
      consents: r.object(a.consents, `attendees[${i}].consents`, { optional: true }),
    };
  });
  const voucherCode = r.text(input.voucherCode, 'voucherCode', { max: 64, optional: true });
  const passId = r.uuid(input.passId, 'passId', { optional: true });
  if (!r.ok) throw invalid(r.errors);
  return { scheduleEntryId: scheduleEntryId!, leadBooker, attendees, voucherCode: voucherCode?.toUpperCase() ?? null, passId };
}

function readEmail(r: InputReader, value: unknown, path: string, required: boolean): string | null {
  if (value === undefined || value === null) {
    if (required) r.fail(path, 'is required');
    return null;
  }
  const email = typeof value === 'string' ? normalizeEmail(value) : '';
  if (!isValidEmail(email)) {
    r.fail(path, 'must be an email address');
    return null;
  }
  return email;
}

export interface AnsweredAttendee {
  fields: Record<string, FieldAnswer>;
  consents: Record<string, ConsentStatus>;
}

/**
 * Checks each attendee's answers against the entry's booking form. Fields: known keys only,
 * required ones present, values of the field's type. Consents: known keys, true or false.
 * A customer booking (portal) must answer every consent field; an admin booking may leave
 * them out, and they are recorded as not captured (C7).
 */
export function answerForm(form: BookingForm, attendees: AttendeeRequest[], channel: 'admin' | 'customer'): AnsweredAttendee[] {
  const errors: FieldErrors = {};
  const fail = (path: string, message: string) => (errors[path] ??= []).push(message);
  const byKey = new Map(form.fields.map((f) => [f.key, f]));
  const consentKeys = new Set(form.consents.map((c) => c.key));
  const answered = attendees.map((attendee, i): AnsweredAttendee => {
    const fields: Record<string, FieldAnswer> = {};
    for (const [key, value] of Object.entries(attendee.fields)) {
      const field = byKey.get(key);
      const path = `attendees[${i}].fields.${key}`;
      if (!field) fail(path, 'is not a field of this booking form');
      else if (value === null || value === undefined || value === '') continue;
      else if (!fitsType(field, value)) fail(path, expectation(field));
      else fields[key] = value as FieldAnswer;
    }
    for (const field of form.fields) {
      if (field.required && fields[field.key] === undefined && !errors[`attendees[${i}].fields.${field.key}`]) {
        fail(`attendees[${i}].fields.${field.key}`, 'is required');
      }
    }
    const consents: Record<string, ConsentStatus> = {};
    for (const [key, value] of Object.entries(attendee.consents)) {
      const path = `attendees[${i}].consents.${key}`;
      if (!consentKeys.has(key)) fail(path, 'is not a consent field of this booking form');
      else if (typeof value !== 'boolean') fail(path, 'must be true (given) or false (revoked)');
      else consents[key] = value ? 'given' : 'revoked';
    }
    for (const key of consentKeys) {
      if (consents[key] !== undefined || errors[`attendees[${i}].consents.${key}`]) continue;
      if (channel === 'customer') fail(`attendees[${i}].consents.${key}`, 'must be answered (true or false)');
      else consents[key] = 'not_captured';
    }
    return { fields, consents };
  });
  if (Object.keys(errors).length) throw invalid(errors);
  return answered;
}

function fitsType(field: BookingForm['fields'][number], value: unknown): boolean {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 2000;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'select':
      return typeof value === 'string' && (field.options ?? []).includes(value);
    case 'date':
      return isIsoDate(value);
  }
}

function expectation(field: BookingForm['fields'][number]): string {
  switch (field.type) {
    case 'text':
      return 'must be text of at most 2000 characters';
    case 'number':
      return 'must be a number';
    case 'boolean':
      return 'must be true or false';
    case 'select':
      return `must be one of ${(field.options ?? []).join(', ')}`;
    case 'date':
      return 'must be a date YYYY-MM-DD';
  }
}

/** An attendee is the lead booker when they share the email, or (without one) the full name. */
export function isLeadBooker(attendee: Pick<AttendeeRequest, 'email' | 'firstName' | 'lastName'>, lead: PersonInput): boolean {
  if (attendee.email) return attendee.email === lead.email;
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  return same(attendee.firstName, lead.firstName) && same(attendee.lastName, lead.lastName);
}
