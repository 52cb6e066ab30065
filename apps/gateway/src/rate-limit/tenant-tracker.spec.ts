import { rateLimitKey, rateLimitTracker } from './tenant-tracker';

describe('rate limit keys', () => {
  it('counts per tenant, whoever the user, and per address without a token', () => {
    const admin = { tenantId: 'acme', subject: 'u1', role: 'admin' as const, customerId: null };
    const portal = { tenantId: 'acme', subject: 'p1', role: null, customerId: '11111111-1111-4111-8111-111111111111' };
    expect(rateLimitTracker(admin, '10.0.0.1')).toBe('tenant:acme');
    expect(rateLimitTracker(portal, '10.0.0.2')).toBe('tenant:acme');
    expect(rateLimitTracker(undefined, '10.0.0.1')).toBe('ip:10.0.0.1');
    expect(rateLimitKey('default', 'tenant:acme')).toBe('default:tenant:acme');
  });
});
