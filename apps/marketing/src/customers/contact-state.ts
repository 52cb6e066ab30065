import type { Channel, ContactStatus, EmailView, ExclusionReason, PhoneView } from '@app/contracts';

/**
 * Whether a customer can be reached on each channel (C2 for sends), as pure functions of what
 * the customer events carry. The projection stores the answer, so a mailing decides who is
 * reachable with one set-based query.
 */

const UNUSABLE: readonly ContactStatus[] = ['invalid', 'bounced'];

export type EmailState = 'ok' | 'invalid' | 'none';
/** `unknown`: only numbers whose type could not be told (not sent SMS: it may be a landline). */
export type PhoneState = 'mobile' | 'invalid' | 'landline' | 'unknown' | 'none';
export type CardState = 'installed' | 'not_installed' | 'none';

/** Mailings go to the primary address; an invalid or bounced one is not used (C2). */
export function emailContact(emails: EmailView[] | undefined): { email: string | null; state: EmailState } {
  const primary = (emails ?? []).find((e) => e.primary) ?? (emails ?? [])[0];
  if (!primary) return { email: null, state: 'none' };
  return { email: primary.address, state: UNUSABLE.includes(primary.status) ? 'invalid' : 'ok' };
}

/** SMS goes to a usable mobile number (the primary one when it is one); a landline is never used. */
export function smsContact(phones: PhoneView[] | undefined): { phone: string | null; state: PhoneState } {
  const list = [...(phones ?? [])].sort((a, b) => Number(b.primary) - Number(a.primary));
  const mobile = list.find((p) => p.type === 'mobile' && !UNUSABLE.includes(p.status));
  if (mobile) return { phone: mobile.number, state: 'mobile' };
  if (list.some((p) => p.type === 'mobile')) return { phone: null, state: 'invalid' };
  if (list.some((p) => p.type === 'landline')) return { phone: null, state: 'landline' };
  if (list.length) return { phone: null, state: 'unknown' };
  return { phone: null, state: 'none' };
}

const EMAIL_REASONS: Record<Exclude<EmailState, 'ok'>, ExclusionReason> = { invalid: 'invalid_email', none: 'no_email' };
const PHONE_REASONS: Record<Exclude<PhoneState, 'mobile'>, ExclusionReason> = {
  invalid: 'invalid_phone',
  landline: 'landline',
  unknown: 'no_mobile_phone',
  none: 'no_phone',
};
const CARD_REASONS: Record<Exclude<CardState, 'installed'>, ExclusionReason> = { not_installed: 'card_not_installed', none: 'no_card' };

export interface Reachability {
  emailState: EmailState;
  phoneState: PhoneState;
  cardState: CardState;
}

/** Why the customer cannot be reached on the channel, or null when they can. */
export function contactReason(channel: Channel, r: Reachability): ExclusionReason | null {
  if (channel === 'email') return r.emailState === 'ok' ? null : EMAIL_REASONS[r.emailState];
  if (channel === 'sms') return r.phoneState === 'mobile' ? null : PHONE_REASONS[r.phoneState];
  return r.cardState === 'installed' ? null : CARD_REASONS[r.cardState];
}

/**
 * Why a customer is left out of a send on a channel, in order: not subscribed, not reachable,
 * a required consent not given. Null: they are sent (unless drawn into the control group).
 */
export function exclusionReason(
  channel: Channel,
  input: Reachability & { subscribed: boolean; consents: Record<string, string>; requiredConsent: string | null },
): ExclusionReason | null {
  if (!input.subscribed) return 'unsubscribed';
  const contact = contactReason(channel, input);
  if (contact) return contact;
  if (input.requiredConsent && input.consents[input.requiredConsent] !== 'given') return 'no_consent';
  return null;
}

/** The same order of reasons in SQL, over columns of customer_facts `f` and the given expressions. */
export function exclusionReasonSql(channel: string, subscribed: string, requiredConsent: string): string {
  const cardState = 'f.card_state';
  return `CASE
    WHEN NOT ${subscribed} THEN 'unsubscribed'
    WHEN ${channel} = 'email' AND f.email_state = 'none' THEN 'no_email'
    WHEN ${channel} = 'email' AND f.email_state = 'invalid' THEN 'invalid_email'
    WHEN ${channel} = 'sms' AND f.phone_state = 'none' THEN 'no_phone'
    WHEN ${channel} = 'sms' AND f.phone_state = 'invalid' THEN 'invalid_phone'
    WHEN ${channel} = 'sms' AND f.phone_state = 'landline' THEN 'landline'
    WHEN ${channel} = 'sms' AND f.phone_state = 'unknown' THEN 'no_mobile_phone'
    WHEN ${channel} = 'push' AND ${cardState} = 'none' THEN 'no_card'
    WHEN ${channel} = 'push' AND ${cardState} = 'not_installed' THEN 'card_not_installed'
    WHEN ${requiredConsent}::text IS NOT NULL AND (f.consents ->> ${requiredConsent}::text) IS DISTINCT FROM 'given' THEN 'no_consent'
  END`;
}
