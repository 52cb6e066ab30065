import { parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import {
  conflict,
  ErrorCodes,
  type Actor,
  type ContactStatus,
  type CustomerWarning,
  type PhoneType,
} from '@app/contracts';

/**
 * Contact rules (C2, C3) as pure functions. Phone numbers go through libphonenumber-js with its
 * "max" metadata: the default "min" metadata cannot tell a mobile from a landline (getType()
 * answers undefined).
 */

/** Statuses that make an address or number unusable for sends. */
export const UNUSABLE_STATUSES: readonly ContactStatus[] = ['invalid', 'bounced'];

export interface ParsedPhone {
  /** E.164, e.g. +4915112345678. */
  number: string;
  type: PhoneType;
}

export const isPhoneCountry = (country: string): boolean => isSupportedCountry(country);

/** The library's answer mapped to ours: only a sure mobile or landline is called so. */
export function phoneTypeOf(libraryType: string | undefined): PhoneType {
  if (libraryType === 'MOBILE') return 'mobile';
  if (libraryType === 'FIXED_LINE') return 'landline';
  return 'unknown'; // FIXED_LINE_OR_MOBILE, VOIP, TOLL_FREE, … or no answer
}

/**
 * A phone number in E.164 with its type, or null when it is not a valid number. A number
 * without a leading + is read as a national number of `defaultCountry`.
 */
export function parsePhone(raw: string, defaultCountry: string): ParsedPhone | null {
  if (typeof raw !== 'string' || raw.trim() === '' || raw.length > 40) return null;
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) return null;
  return { number: parsed.number, type: phoneTypeOf(parsed.getType()) };
}

interface ContactState {
  status: ContactStatus;
  primary: boolean;
}

/** Warning flags for missing or unusable contact data (C2). */
export function computeWarnings(emails: ContactState[], phones: Array<ContactState & { type: PhoneType }>): CustomerWarning[] {
  const warnings: CustomerWarning[] = [];
  const primaryEmail = emails.find((e) => e.primary);
  const primaryPhone = phones.find((p) => p.primary);
  if (emails.length === 0) warnings.push('missing_email');
  else if (primaryEmail && UNUSABLE_STATUSES.includes(primaryEmail.status)) warnings.push('invalid_email');
  if (phones.length === 0) warnings.push('missing_phone');
  else {
    if (primaryPhone && UNUSABLE_STATUSES.includes(primaryPhone.status)) warnings.push('invalid_phone');
    if (!phones.some((p) => p.type === 'mobile')) warnings.push('no_mobile_phone');
  }
  return warnings;
}

/**
 * C3: the primary email may be changed by the customer themself (portal token for this
 * customer), or by staff only while the current address is flagged invalid or bounced.
 * Setting a first email on a customer who has none is not a change and is always allowed.
 */
export function assertEmailChangeAllowed(args: {
  actor: Actor;
  customerId: string;
  current: { address: string; status: ContactStatus } | null;
}): void {
  const { actor, customerId, current } = args;
  if (!current) return;
  if (actor.type === 'customer' && actor.id === customerId) return;
  if (UNUSABLE_STATUSES.includes(current.status)) return;
  throw conflict(
    ErrorCodes.emailChangeNotAllowed,
    `The email address can only be changed while it is flagged invalid (it is "${current.status}"); ` +
      'otherwise the customer changes it themself through the customer portal',
  );
}
