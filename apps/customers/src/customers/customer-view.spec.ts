import { changedFields, toCustomerView } from './customer-view';

const row = {
  id: 'c1',
  kind: 'person' as const,
  firstName: 'Anna',
  lastName: 'Schmidt',
  companyName: null,
  gender: null,
  birthDate: null,
  country: null,
  city: null,
  source: null,
  utm: null,
  attributes: {},
  registeredAt: new Date('2024-01-01T00:00:00Z'),
  firstSeenAt: new Date('2024-01-01T00:00:00Z'),
  updatedAt: new Date('2024-01-01T00:00:00Z'),
};

describe('toCustomerView', () => {
  it('puts the primary contact first and computes warnings', () => {
    const view = toCustomerView(
      row,
      [
        { address: 'b@example.com', status: 'valid', isPrimary: false, createdAt: new Date(1) },
        { address: 'a@example.com', status: 'bounced', isPrimary: true, createdAt: new Date(2) },
      ],
      [{ number: '+49301234567', type: 'landline', status: 'valid', isPrimary: true, createdAt: new Date(1) }],
      ['vip', 'b2b'],
    );
    expect(view.email).toBe('a@example.com');
    expect(view.emails.map((e) => e.address)).toEqual(['a@example.com', 'b@example.com']);
    expect(view.phone).toBe('+49301234567');
    expect(view.tags).toEqual(['b2b', 'vip']);
    expect(view.warnings).toEqual(['invalid_email', 'no_mobile_phone']);
  });
});

describe('changedFields', () => {
  it('lists the top-level fields that differ, ignoring updatedAt', () => {
    const before = toCustomerView(row, [], [], []);
    const after = toCustomerView({ ...row, city: 'Berlin', updatedAt: new Date() }, [], [], ['vip']);
    expect(changedFields(before, after)).toEqual(['city', 'tags']);
    expect(changedFields(before, before)).toEqual([]);
  });
});
