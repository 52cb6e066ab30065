import { DomainError } from '@app/contracts';
import { readIssueCard, readUpdateCard } from './card-input';
import {
  assertExpiryNotBeforeIssue,
  assertOperable,
  cardLinks,
  initialStatus,
  isExpired,
  newInviteCode,
  newSerialNumber,
  normalizeSerialNumber,
  SERIAL_NUMBER_PATTERN,
} from './card-rules';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { status: (e as DomainError).status, code: (e as DomainError).code, details: (e as DomainError).details };
  }
  return null;
};

describe('serial numbers and invite codes', () => {
  it('are random base32 in the documented shape', () => {
    const serials = new Set(Array.from({ length: 2000 }, newSerialNumber));
    expect(serials.size).toBe(2000);
    for (const s of [...serials].slice(0, 50)) expect(s).toMatch(SERIAL_NUMBER_PATTERN);
    expect(newInviteCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('are found however a serial was typed', () => {
    expect(normalizeSerialNumber('ab12 cd34-ef56')).toBe('AB12-CD34-EF56');
    expect(normalizeSerialNumber('AB12-CD34-EF5')).toBeNull();
    expect(normalizeSerialNumber('AB12-CD34-EF5I')).toBeNull(); // I is not in the alphabet
  });
});

describe('card status and dates (L1)', () => {
  it('starts installed with a device, not installed without, or as given', () => {
    expect(initialStatus('apple_wallet', null)).toBe('installed');
    expect(initialStatus(null, null)).toBe('not_installed');
    expect(initialStatus('pwa', 'not_installed')).toBe('not_installed');
  });

  it('allows expiry on the issue day, refuses it the day before with 422 expiry_before_issue', () => {
    expect(codeOf(() => assertExpiryNotBeforeIssue('2025-06-01', '2025-06-01'))).toBeNull();
    expect(codeOf(() => assertExpiryNotBeforeIssue('2025-06-01', null))).toBeNull();
    expect(codeOf(() => assertExpiryNotBeforeIssue('2025-06-01', '2025-05-31'))).toMatchObject({ status: 422, code: 'expiry_before_issue' });
  });

  it('is valid through its expiry day and expired the day after', () => {
    expect(isExpired('2025-06-01', '2025-06-01')).toBe(false);
    expect(isExpired('2025-06-01', '2025-06-02')).toBe(true);
    expect(isExpired(null, '2999-01-01')).toBe(false);
  });

  it('takes no operations when deleted (409 card_deleted) or expired (409 card_expired)', () => {
    expect(codeOf(() => assertOperable({ status: 'deleted', expiresOn: null }, '2025-06-01'))).toMatchObject({ status: 409, code: 'card_deleted' });
    expect(codeOf(() => assertOperable({ status: 'installed', expiresOn: '2025-05-31' }, '2025-06-01'))).toMatchObject({ status: 409, code: 'card_expired' });
    expect(codeOf(() => assertOperable({ status: 'not_installed', expiresOn: '2025-06-01' }, '2025-06-01'))).toBeNull();
  });
});

describe('personal links (L10)', () => {
  const card = { serialNumber: 'AB12-CD34-EF56', inviteCode: 'K7M2QX9A', status: 'installed' as const };

  it('are built from the public URL, with or without a trailing slash', () => {
    const expected = { setup: 'https://studio.example.com/card/AB12-CD34-EF56', referral: 'https://studio.example.com/join?ref=K7M2QX9A' };
    expect(cardLinks('https://studio.example.com', card)).toEqual(expected);
    expect(cardLinks('https://studio.example.com/', card)).toEqual(expected);
    expect(cardLinks('https://example.com/shop', card).setup).toBe('https://example.com/shop/card/AB12-CD34-EF56');
  });

  it('are null without a public URL, for a deleted card, and the referral link without an invite code', () => {
    expect(cardLinks(null, card)).toEqual({ setup: null, referral: null });
    expect(cardLinks('https://x.example', { ...card, status: 'deleted' })).toEqual({ setup: null, referral: null });
    expect(cardLinks('https://x.example', { ...card, inviteCode: null }).referral).toBeNull();
  });
});

describe('card input', () => {
  const customerId = '5b7c1f9e-0000-4000-8000-000000000001';

  it('reads a new card', () => {
    expect(readIssueCard({ customerId: customerId.toUpperCase(), device: 'pwa', utm: { source: ' flyer ' }, expiresOn: '2026-12-31', referralCode: 'FRIEND-10' })).toEqual({
      customerId,
      device: 'pwa',
      status: null,
      utm: { source: 'flyer' },
      issuedOn: null,
      expiresOn: '2026-12-31',
      referralCode: 'FRIEND-10',
    });
  });

  it('names every bad field', () => {
    const e = codeOf(() => readIssueCard({ customerId: 'x', device: 'fax', expiresOn: '2026-02-30', utm: { source: 5, foo: 'x' }, status: 'deleted' }));
    expect(e?.status).toBe(400);
    expect(Object.keys((e?.details as { errors: object }).errors).sort()).toEqual(['customerId', 'device', 'expiresOn', 'status', 'utm.foo', 'utm.source']);
  });

  it('reads a change, where a null expiry clears it, and refuses an empty change', () => {
    expect(readUpdateCard({ expiresOn: null })).toEqual({ expiresOn: null });
    expect(readUpdateCard({ status: 'deleted', device: 'google_wallet' })).toEqual({ status: 'deleted', device: 'google_wallet' });
    expect(codeOf(() => readUpdateCard({}))).toMatchObject({ status: 400 });
    expect(codeOf(() => readUpdateCard({ status: null }))).toMatchObject({ status: 400 });
  });
});
