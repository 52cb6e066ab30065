import { CONSENT_STATUSES, CONTACT_STATUSES, type ConsentStatus, type ContactStatus, type ContactView, type PhoneType } from '@app/contracts';
import { isValidEmail, normalizeEmail } from '@app/common';
import { parsePhone, UNUSABLE_STATUSES } from '../../customers/contact-rules';
import { iso } from '../shared/actor-ref';
import { InputReader, type InputMode } from '../shared/input-reader';

/** Contact rules (C13) as pure functions (the primary rule is in shared/primary-rules). */

export interface ContactFields {
  name?: string;
  title?: string | null;
  email?: string | null;
  phone?: { number: string; type: PhoneType } | null;
  emailStatus?: ContactStatus;
  emailConsent?: ConsentStatus;
  primary?: boolean | null;
}

export function readContactInput(input: Record<string, unknown>, mode: InputMode, defaultPhoneCountry: string): ContactFields {
  const allowed = ['name', 'title', 'email', 'phone', 'emailStatus', 'emailConsent', ...(mode === 'create' ? ['primary'] : [])];
  const r = new InputReader(input, mode, allowed);
  const name = r.text('name', { required: true, max: 200 }) ?? undefined;
  const title = r.text('title', { max: 100 });
  let email = r.text('email', { max: 254 });
  if (typeof email === 'string') {
    email = normalizeEmail(email);
    if (!isValidEmail(email)) {
      r.fail('email', 'email must be an email address');
      email = undefined;
    }
  }
  const rawPhone = r.text('phone', { max: 40 });
  let phone: ContactFields['phone'] = rawPhone === null ? null : undefined;
  if (typeof rawPhone === 'string') {
    const parsed = parsePhone(rawPhone, defaultPhoneCountry);
    if (parsed) phone = parsed;
    else r.fail('phone', `phone must be a valid number (with +country code, or national in ${defaultPhoneCountry})`);
  }
  const fields: ContactFields = {
    name,
    title,
    email,
    phone,
    emailStatus: r.oneOf('emailStatus', CONTACT_STATUSES, { required: mode === 'update' }) ?? undefined,
    emailConsent: r.oneOf('emailConsent', CONSENT_STATUSES, { required: mode === 'update' }) ?? undefined,
    primary: mode === 'create' ? r.bool('primary') : undefined,
  };
  r.done();
  return fields;
}

export interface ContactRecord {
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  phoneType: PhoneType | null;
  emailStatus: ContactStatus;
  emailConsent: ConsentStatus;
  emailConsentAt: string | null;
}

/**
 * The contact after applying the fields. A new address starts "unverified" unless a status is
 * given with it (the old address's bounces say nothing about the new one); the consent stays
 * with the person. A change of consent records when it changed.
 */
export function applyContact(before: ContactRecord | null, f: ContactFields, now: Date): ContactRecord {
  const email = f.email === undefined ? (before?.email ?? null) : f.email;
  const addressChanged = before !== null && email !== before.email;
  const emailStatus = f.emailStatus ?? (addressChanged || !before ? 'unverified' : before.emailStatus);
  const emailConsent = f.emailConsent ?? before?.emailConsent ?? 'not_captured';
  const consentChanged = before ? emailConsent !== before.emailConsent : f.emailConsent !== undefined;
  const phone = f.phone === undefined ? (before ? { number: before.phone, type: before.phoneType } : null) : f.phone;
  return {
    name: f.name ?? before!.name,
    title: f.title === undefined ? (before?.title ?? null) : f.title,
    email,
    phone: phone?.number ?? null,
    phoneType: phone?.number ? phone.type : null,
    emailStatus,
    emailConsent,
    emailConsentAt: consentChanged ? now.toISOString() : (before?.emailConsentAt ?? null),
  };
}

/**
 * Anti-spam law (CASL and the like): no consent, no email. A contact may be emailed only with
 * an address that is not known to be unusable and consent given.
 */
export function canEmail(contact: Pick<ContactRecord, 'email' | 'emailStatus' | 'emailConsent'>): boolean {
  return contact.email !== null && !UNUSABLE_STATUSES.includes(contact.emailStatus) && contact.emailConsent === 'given';
}

/** The same rule in SQL, for the canEmail filter. */
export const CAN_EMAIL_SQL = `(email IS NOT NULL AND email_status NOT IN ('invalid', 'bounced') AND email_consent = 'given')`;

export interface ContactRow {
  id: string;
  customer_id: string;
  seq: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  phone_type: PhoneType | null;
  email_status: ContactStatus;
  email_consent: ConsentStatus;
  email_consent_at: Date | null;
  is_primary: boolean;
  created_at: Date;
  updated_at: Date;
}

export function toContactView(row: ContactRow): ContactView {
  const record = {
    email: row.email,
    emailStatus: row.email_status,
    emailConsent: row.email_consent,
  };
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    title: row.title,
    email: row.email,
    phone: row.phone,
    phoneType: row.phone_type,
    emailStatus: row.email_status,
    emailConsent: row.email_consent,
    emailConsentAt: iso(row.email_consent_at),
    canEmail: canEmail(record),
    primary: row.is_primary,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
