import { isValidEmail } from '@app/common';
import { DomainError, ErrorCodes } from '@app/contracts';
import { assertEmailChangeAllowed, computeWarnings, parsePhone, phoneTypeOf } from './contact-rules';

describe('parsePhone', () => {
  it('detects a German mobile number and writes it in E.164', () => {
    expect(parsePhone('+49 151 12345678', 'DE')).toEqual({ number: '+4915112345678', type: 'mobile' });
  });

  it('reads a national number with the default country', () => {
    expect(parsePhone('0151 12345678', 'DE')).toEqual({ number: '+4915112345678', type: 'mobile' });
    expect(parsePhone('030 1234567', 'DE')).toEqual({ number: '+49301234567', type: 'landline' });
  });

  it('calls a number that may be either (US) unknown', () => {
    expect(parsePhone('+1 201 555 0123', 'DE')).toEqual({ number: '+12015550123', type: 'unknown' });
  });

  it('refuses what is not a valid number', () => {
    expect(parsePhone('+491', 'DE')).toBeNull();
    expect(parsePhone('call me', 'DE')).toBeNull();
    expect(parsePhone('', 'DE')).toBeNull();
  });

  it('maps the library types', () => {
    expect(phoneTypeOf('MOBILE')).toBe('mobile');
    expect(phoneTypeOf('FIXED_LINE')).toBe('landline');
    expect(phoneTypeOf('FIXED_LINE_OR_MOBILE')).toBe('unknown');
    expect(phoneTypeOf('VOIP')).toBe('unknown');
    expect(phoneTypeOf(undefined)).toBe('unknown');
  });
});

describe('isValidEmail', () => {
  it.each(['anna@example.com', 'a.b+tag@mail.example.co.uk'])('accepts %s', (address) => expect(isValidEmail(address)).toBe(true));
  it.each(['anna', 'anna@', '@example.com', 'anna@example', 'an na@example.com', 'anna..b@example.com', '.anna@example.com'])(
    'refuses %s',
    (address) => expect(isValidEmail(address)).toBe(false),
  );
});

describe('computeWarnings', () => {
  const email = (status: 'valid' | 'invalid' | 'bounced' | 'unverified', primary = true) => ({ status, primary });
  const phone = (type: 'mobile' | 'landline' | 'unknown', status: 'valid' | 'invalid' = 'valid', primary = true) => ({ type, status, primary });

  it('flags missing contact data', () => {
    expect(computeWarnings([], [])).toEqual(['missing_email', 'missing_phone']);
  });

  it('has no warning for a usable email and a mobile', () => {
    expect(computeWarnings([email('unverified')], [phone('mobile')])).toEqual([]);
  });

  it('flags an invalid or bounced primary email', () => {
    expect(computeWarnings([email('invalid')], [phone('mobile')])).toEqual(['invalid_email']);
    expect(computeWarnings([email('bounced')], [phone('mobile')])).toEqual(['invalid_email']);
    expect(computeWarnings([email('valid'), email('invalid', false)], [phone('mobile')])).toEqual([]);
  });

  it('flags an invalid primary phone and the lack of a mobile', () => {
    expect(computeWarnings([email('valid')], [phone('landline')])).toEqual(['no_mobile_phone']);
    expect(computeWarnings([email('valid')], [phone('mobile', 'invalid')])).toEqual(['invalid_phone']);
    expect(computeWarnings([email('valid')], [phone('landline'), phone('mobile', 'valid', false)])).toEqual([]);
  });
});

describe('assertEmailChangeAllowed (C3)', () => {
  const admin = { type: 'user' as const, id: 'u1', role: 'admin' as const };
  const customerId = '5b7c1f9e-0000-4000-8000-000000000001';

  it('refuses staff while the address is usable', () => {
    for (const status of ['valid', 'unverified'] as const) {
      let thrown: unknown;
      try {
        assertEmailChangeAllowed({ actor: admin, customerId, current: { address: 'a@example.com', status } });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).status).toBe(409);
      expect((thrown as DomainError).code).toBe(ErrorCodes.emailChangeNotAllowed);
    }
  });

  it('allows staff when the address is invalid or bounced', () => {
    expect(() => assertEmailChangeAllowed({ actor: admin, customerId, current: { address: 'a@example.com', status: 'invalid' } })).not.toThrow();
    expect(() => assertEmailChangeAllowed({ actor: admin, customerId, current: { address: 'a@example.com', status: 'bounced' } })).not.toThrow();
  });

  it('allows the customer themself, but not another customer', () => {
    const current = { address: 'a@example.com', status: 'valid' as const };
    expect(() => assertEmailChangeAllowed({ actor: { type: 'customer', id: customerId }, customerId, current })).not.toThrow();
    expect(() => assertEmailChangeAllowed({ actor: { type: 'customer', id: 'someone-else' }, customerId, current })).toThrow(DomainError);
  });

  it('allows a first address on a customer without one', () => {
    expect(() => assertEmailChangeAllowed({ actor: admin, customerId, current: null })).not.toThrow();
  });
});
