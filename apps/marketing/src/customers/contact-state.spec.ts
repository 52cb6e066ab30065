import type { EmailView, PhoneView } from '@app/contracts';
import { contactReason, emailContact, exclusionReason, smsContact } from './contact-state';

const email = (address: string, status: EmailView['status'], primary = true): EmailView => ({ address, status, primary });
const phone = (number: string, type: PhoneView['type'], status: PhoneView['status'] = 'unverified', primary = false): PhoneView => ({ number, type, status, primary });

describe('contact state (C2 for sends)', () => {
  it('sends email to the primary address unless it is invalid or bounced', () => {
    expect(emailContact([email('b@x.de', 'valid', false), email('a@x.de', 'unverified')])).toEqual({ email: 'a@x.de', state: 'ok' });
    expect(emailContact([email('a@x.de', 'bounced'), email('b@x.de', 'valid', false)])).toEqual({ email: 'a@x.de', state: 'invalid' });
    expect(emailContact([email('a@x.de', 'invalid')]).state).toBe('invalid');
    expect(emailContact([])).toEqual({ email: null, state: 'none' });
  });

  it('sends SMS to a usable mobile only, never to a landline', () => {
    expect(smsContact([phone('+4930123', 'landline', 'valid', true), phone('+49151', 'mobile')])).toEqual({ phone: '+49151', state: 'mobile' });
    expect(smsContact([phone('+4930123', 'landline', 'valid', true)])).toEqual({ phone: null, state: 'landline' });
    expect(smsContact([phone('+49151', 'mobile', 'invalid', true), phone('+4930', 'landline')]).state).toBe('invalid');
    expect(smsContact([phone('+1201', 'unknown')]).state).toBe('unknown');
    expect(smsContact(undefined).state).toBe('none');
  });

  it('names the reason: unsubscribed first, then contact, then consent', () => {
    const reachable = { emailState: 'ok', phoneState: 'landline', cardState: 'none' } as const;
    expect(exclusionReason('email', { ...reachable, subscribed: false, consents: {}, requiredConsent: null })).toBe('unsubscribed');
    expect(exclusionReason('sms', { ...reachable, subscribed: true, consents: {}, requiredConsent: null })).toBe('landline');
    expect(exclusionReason('push', { ...reachable, subscribed: true, consents: {}, requiredConsent: null })).toBe('no_card');
    expect(exclusionReason('email', { ...reachable, subscribed: true, consents: { news: 'revoked' }, requiredConsent: 'news' })).toBe('no_consent');
    expect(exclusionReason('email', { ...reachable, subscribed: true, consents: { news: 'given' }, requiredConsent: 'news' })).toBeNull();
    expect(contactReason('sms', { ...reachable, phoneState: 'unknown' })).toBe('no_mobile_phone');
    expect(contactReason('push', { ...reachable, cardState: 'not_installed' })).toBe('card_not_installed');
    expect(contactReason('email', { ...reachable, emailState: 'none' })).toBe('no_email');
  });
});
