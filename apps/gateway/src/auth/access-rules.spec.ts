import type { Role } from '@app/contracts';
import { canSeeCustomer, checkAccess } from './access-rules';
import type { AuthContext } from './token-claims';

const CID = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const staff = (role: Role): AuthContext => ({ tenantId: 't', subject: 'u', role, customerId: null });
const portal: AuthContext = { tenantId: 't', subject: 'p', role: null, customerId: CID };

describe('checkAccess', () => {
  it('lets viewers read and nothing else', () => {
    expect(checkAccess(staff('viewer'), 'GET', {}, {})).toBeNull();
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      expect(checkAccess(staff('viewer'), method, {}, {})).toMatchObject({ status: 403, code: 'forbidden' });
    }
  });

  it('keeps owner/admin routes for owners and admins', () => {
    const access = { roles: ['owner', 'admin'] as Role[] };
    expect(checkAccess(staff('owner'), 'DELETE', access, {})).toBeNull();
    expect(checkAccess(staff('admin'), 'DELETE', access, {})).toBeNull();
    expect(checkAccess(staff('staff'), 'DELETE', access, {})).toMatchObject({ status: 403, message: expect.stringMatching(/owner or admin/) });
  });

  it('lets staff write ordinary routes', () => {
    expect(checkAccess(staff('staff'), 'POST', {}, { id: OTHER })).toBeNull();
  });

  it('keeps a portal token to its own customer on portal routes', () => {
    expect(checkAccess(portal, 'GET', { portal: true }, { id: CID })).toBeNull();
    expect(checkAccess(portal, 'PATCH', { portal: true }, { id: CID.toUpperCase() })).toBeNull();
    expect(checkAccess(portal, 'GET', { portal: true }, { id: OTHER })).toMatchObject({ status: 404, code: 'customer_not_found' });
    expect(checkAccess(portal, 'GET', {}, { id: CID })).toMatchObject({ status: 403 });
    expect(checkAccess(portal, 'GET', { portal: true }, {})).toBeNull();
  });
});

describe('canSeeCustomer', () => {
  it('limits a portal token to its own customer and not staff', () => {
    expect(canSeeCustomer(portal, CID)).toBe(true);
    expect(canSeeCustomer(portal, OTHER)).toBe(false);
    expect(canSeeCustomer(staff('viewer'), OTHER)).toBe(true);
  });
});
