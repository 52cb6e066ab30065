import { GENDERS, type CustomerKind, type FieldErrors, type Gender, type Utm } from '@app/contracts';
import { isIsoDate, todayUtc, isValidEmail, normalizeEmail } from '@app/common';
import { parsePhone, type ParsedPhone } from './contact-rules';
import { normalizeTag, TAG_RULE } from './tag-rules';

/**
 * Create/update input checked and normalised, as pure code. A field that is absent stays
 * undefined ("no change" on update); null clears an optional field. Attribute values are
 * checked later against the tenant's definitions (they live in the database).
 */
export interface CustomerChanges {
  kind?: CustomerKind;
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  gender?: Gender | null;
  birthDate?: string | null;
  country?: string | null;
  city?: string | null;
  source?: string | null;
  utm?: Utm | null;
  /** Lower-cased. */
  email?: string;
  otherEmails?: string[];
  /** null removes the primary phone (update only). */
  phone?: ParsedPhone | null;
  otherPhones?: ParsedPhone[];
  attributes?: Record<string, unknown>;
  tags?: string[];
}

const KINDS: readonly CustomerKind[] = ['person', 'company'];
const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
const TEXT_FIELDS = { firstName: 200, lastName: 200, companyName: 200, city: 200, source: 200 } as const;

export interface InputOptions {
  mode: 'create' | 'update';
  defaultPhoneCountry: string;
}

export function normalizeCustomerInput(input: Record<string, unknown>, options: InputOptions): { changes: CustomerChanges; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
  const has = (key: string) => input[key] !== undefined;
  const changes: CustomerChanges = {};

  if (has('kind')) {
    if (KINDS.includes(input.kind as CustomerKind)) changes.kind = input.kind as CustomerKind;
    else fail('kind', 'must be person or company');
  }

  for (const [field, max] of Object.entries(TEXT_FIELDS) as Array<[keyof typeof TEXT_FIELDS, number]>) {
    if (!has(field)) continue;
    const value = input[field];
    if (value === null) changes[field] = null;
    else if (typeof value !== 'string' || value.trim().length > max) fail(field, `must be text of at most ${max} characters`);
    else changes[field] = value.trim() === '' ? null : value.trim();
  }

  if (has('gender')) {
    if (input.gender === null || GENDERS.includes(input.gender as Gender)) changes.gender = input.gender as Gender | null;
    else fail('gender', `must be one of ${GENDERS.join(', ')}`);
  }

  if (has('birthDate')) {
    const value = input.birthDate;
    if (value === null) changes.birthDate = null;
    else if (!isIsoDate(value) || value < '1900-01-01' || value > todayUtc()) fail('birthDate', 'must be a past date YYYY-MM-DD');
    else changes.birthDate = value;
  }

  if (has('country')) {
    const value = input.country;
    if (value === null) changes.country = null;
    else if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value.trim())) fail('country', 'must be an ISO 3166-1 alpha-2 code, e.g. DE');
    else changes.country = value.trim().toUpperCase();
  }

  if (has('utm')) {
    const value = input.utm;
    if (value === null) changes.utm = null;
    else if (typeof value !== 'object' || Array.isArray(value)) fail('utm', 'must be an object');
    else {
      const utm: Utm = {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (!(UTM_KEYS as readonly string[]).includes(key)) fail(`utm.${key}`, `is not a UTM field (${UTM_KEYS.join(', ')})`);
        else if (typeof v !== 'string' || v.length > 500) fail(`utm.${key}`, 'must be text of at most 500 characters');
        else utm[key as (typeof UTM_KEYS)[number]] = v;
      }
      changes.utm = utm;
    }
  }

  if (has('email')) {
    const value = input.email;
    if (typeof value !== 'string' || !isValidEmail(normalizeEmail(value))) {
      fail('email', options.mode === 'update' && value === null ? 'cannot be removed; set another address' : 'must be a valid email address');
    } else changes.email = normalizeEmail(value);
  }
  if (has('otherEmails')) {
    const value = input.otherEmails;
    if (!Array.isArray(value) || value.length > 20) fail('otherEmails', 'must be a list of at most 20 addresses');
    else {
      changes.otherEmails = [];
      value.forEach((raw, i) => {
        if (typeof raw !== 'string' || !isValidEmail(normalizeEmail(raw))) fail(`otherEmails.${i}`, 'must be a valid email address');
        else changes.otherEmails!.push(normalizeEmail(raw));
      });
    }
  }

  if (has('phone')) {
    const value = input.phone;
    if (value === null && options.mode === 'update') changes.phone = null;
    else {
      const parsed = typeof value === 'string' ? parsePhone(value, options.defaultPhoneCountry) : null;
      if (!parsed) fail('phone', 'must be a valid phone number (international +49… or national)');
      else changes.phone = parsed;
    }
  }
  if (has('otherPhones')) {
    const value = input.otherPhones;
    if (!Array.isArray(value) || value.length > 20) fail('otherPhones', 'must be a list of at most 20 numbers');
    else {
      changes.otherPhones = [];
      value.forEach((raw, i) => {
        const parsed = typeof raw === 'string' ? parsePhone(raw, options.defaultPhoneCountry) : null;
        if (!parsed) fail(`otherPhones.${i}`, 'must be a valid phone number');
        else changes.otherPhones!.push(parsed);
      });
    }
  }

  if (has('attributes')) {
    const value = input.attributes;
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail('attributes', 'must be an object of key: value');
    else changes.attributes = value as Record<string, unknown>;
  }

  if (has('tags')) {
    const value = input.tags;
    if (!Array.isArray(value) || value.length > 100) fail('tags', 'must be a list of at most 100 tags');
    else {
      const tags = new Set<string>();
      value.forEach((raw, i) => {
        const tag = normalizeTag(raw);
        if (tag === null) fail(`tags.${i}`, TAG_RULE);
        else tags.add(tag);
      });
      changes.tags = [...tags];
    }
  }

  if (options.mode === 'create' && (changes.kind ?? 'person') === 'company' && !changes.companyName) {
    fail('companyName', 'is required for a company');
  }
  return { changes, errors };
}
