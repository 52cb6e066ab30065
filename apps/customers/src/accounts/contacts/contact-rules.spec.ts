import { DomainError } from '@app/contracts';
import { applyContact, canEmail, readContactInput } from './contact-rules';

const now = new Date('2025-06-01T10:00:00Z');

describe('contact email rule (C13): no consent, no email', () => {
  it('allows email only with an address, a usable status and consent given', () => {
    expect(canEmail({ email: 'a@example.com', emailStatus: 'valid', emailConsent: 'given' })).toBe(true);
    expect(canEmail({ email: 'a@example.com', emailStatus: 'unverified', emailConsent: 'given' })).toBe(true);
    expect(canEmail({ email: 'a@example.com', emailStatus: 'valid', emailConsent: 'not_captured' })).toBe(false);
    expect(canEmail({ email: 'a@example.com', emailStatus: 'valid', emailConsent: 'revoked' })).toBe(false);
    expect(canEmail({ email: 'a@example.com', emailStatus: 'bounced', emailConsent: 'given' })).toBe(false);
    expect(canEmail({ email: 'a@example.com', emailStatus: 'invalid', emailConsent: 'given' })).toBe(false);
    expect(canEmail({ email: null, emailStatus: 'valid', emailConsent: 'given' })).toBe(false);
  });
});

describe('contact input', () => {
  it('normalises the email and reads the phone with its type', () => {
    const fields = readContactInput({ name: 'Ann', email: ' Ann@Example.COM ', phone: '0151 12345678' }, 'create', 'DE');
    expect(fields.email).toBe('ann@example.com');
    expect(fields.phone).toEqual({ number: '+4915112345678', type: 'mobile' });
  });

  it('refuses a bad email and phone per field', () => {
    try {
      readContactInput({ name: 'Ann', email: 'nope', phone: '12' }, 'create', 'DE');
      throw new Error('expected a 400');
    } catch (e) {
      expect(Object.keys(((e as DomainError).details as { errors: object }).errors).sort()).toEqual(['email', 'phone']);
    }
  });

  it('starts without consent, unverified, and records when consent changes', () => {
    const created = applyContact(null, readContactInput({ name: 'Ann', email: 'ann@example.com' }, 'create', 'DE'), now);
    expect(created).toMatchObject({ emailStatus: 'unverified', emailConsent: 'not_captured', emailConsentAt: null });
    const consented = applyContact(created, readContactInput({ emailConsent: 'given' }, 'update', 'DE'), now);
    expect(consented).toMatchObject({ emailConsent: 'given', emailConsentAt: now.toISOString() });
    const later = new Date('2025-07-01T00:00:00Z');
    expect(applyContact(consented, readContactInput({ title: 'Buyer' }, 'update', 'DE'), later).emailConsentAt).toBe(now.toISOString());
  });

  it('resets the status of a new address but keeps the person’s consent', () => {
    const before = applyContact(null, readContactInput({ name: 'Ann', email: 'ann@example.com', emailStatus: 'bounced', emailConsent: 'given' }, 'create', 'DE'), now);
    const changed = applyContact(before, readContactInput({ email: 'ann@new.example.com' }, 'update', 'DE'), now);
    expect(changed).toMatchObject({ email: 'ann@new.example.com', emailStatus: 'unverified', emailConsent: 'given' });
    expect(applyContact(before, readContactInput({ phone: null }, 'update', 'DE'), now)).toMatchObject({ phone: null, phoneType: null });
  });
});
