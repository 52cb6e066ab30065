import { normalizeCustomerInput } from './customer-input';

const create = (input: Record<string, unknown>) => normalizeCustomerInput(input, { mode: 'create', defaultPhoneCountry: 'DE' });

describe('normalizeCustomerInput', () => {
  it('normalises contact data', () => {
    const { changes, errors } = create({ firstName: ' Anna ', email: ' Anna@Example.COM ', phone: '0151 12345678', country: 'de', tags: [' vip ', 'vip'] });
    expect(errors).toEqual({});
    expect(changes).toEqual({
      firstName: 'Anna',
      email: 'anna@example.com',
      phone: { number: '+4915112345678', type: 'mobile' },
      country: 'DE',
      tags: ['vip'],
    });
  });

  it('reports every bad field at once', () => {
    const { errors } = create({ email: 'nope', phone: '12', birthDate: '2999-01-01', gender: 'x', kind: 'robot', tags: [''], utm: { foo: 'x' } });
    expect(Object.keys(errors).sort()).toEqual(['birthDate', 'email', 'gender', 'kind', 'phone', 'tags.0', 'utm.foo']);
  });

  it('needs a company name for a company', () => {
    expect(create({ kind: 'company' }).errors).toEqual({ companyName: ['is required for a company'] });
  });

  it('lets an update clear a field with null and leaves absent fields alone', () => {
    const { changes, errors } = normalizeCustomerInput({ city: null, phone: null }, { mode: 'update', defaultPhoneCountry: 'DE' });
    expect(errors).toEqual({});
    expect(changes).toEqual({ city: null, phone: null });
  });
});
