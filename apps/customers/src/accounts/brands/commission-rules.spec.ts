import { DomainError } from '@app/contracts';
import { percentOf, readCustomerBrandInput, readSalesRepInput, resolveCommission } from './commission-rules';

describe('commission rate resolution (C15)', () => {
  const base = { customerRateBps: null, salesRepBrandRateBps: null, salesRepDefaultRateBps: null, brandDefaultRateBps: 1000 };

  it('uses the brand’s default when nothing overrides it', () => {
    expect(resolveCommission(base)).toEqual({ rateBps: 1000, percent: '10.00', source: 'brand' });
  });

  it('lets the sales rep’s default override the brand', () => {
    expect(resolveCommission({ ...base, salesRepDefaultRateBps: 1200 })).toEqual({ rateBps: 1200, percent: '12.00', source: 'sales_rep' });
  });

  it('prefers the sales rep’s rate for this brand to the rep’s overall default', () => {
    expect(resolveCommission({ ...base, salesRepDefaultRateBps: 1200, salesRepBrandRateBps: 1350 })).toEqual({
      rateBps: 1350,
      percent: '13.50',
      source: 'sales_rep_brand',
    });
  });

  it('lets the customer’s rate override the sales rep and the brand', () => {
    expect(resolveCommission({ customerRateBps: 725, salesRepBrandRateBps: 1350, salesRepDefaultRateBps: 1200, brandDefaultRateBps: 1000 })).toEqual({
      rateBps: 725,
      percent: '7.25',
      source: 'customer',
    });
  });

  it('treats a rate of zero as a rate that overrides, not as none', () => {
    expect(resolveCommission({ ...base, customerRateBps: 0, salesRepDefaultRateBps: 1200 })).toEqual({ rateBps: 0, percent: '0.00', source: 'customer' });
    expect(resolveCommission({ ...base, salesRepDefaultRateBps: 0 }).source).toBe('sales_rep');
  });
});

describe('percentOf', () => {
  it('writes basis points as an exact percent', () => {
    expect(percentOf(0)).toBe('0.00');
    expect(percentOf(5)).toBe('0.05');
    expect(percentOf(1250)).toBe('12.50');
    expect(percentOf(10000)).toBe('100.00');
    expect(() => percentOf(12.5)).toThrow();
  });
});

describe('rate inputs', () => {
  const statusOf = (fn: () => unknown) => {
    try {
      fn();
      return 200;
    } catch (e) {
      return (e as DomainError).status;
    }
  };

  it('takes whole basis points from 0 to 10000 only', () => {
    expect(readCustomerBrandInput({ status: 'active', rateBps: 10000 }).rateBps).toBe(10000);
    expect(readCustomerBrandInput({ status: 'potential', rateBps: 0 }).rateBps).toBe(0);
    for (const rateBps of [-1, 10001, 12.5, '1250']) expect(statusOf(() => readCustomerBrandInput({ status: 'active', rateBps }))).toBe(400);
    expect(statusOf(() => readCustomerBrandInput({ status: 'dormant' }))).toBe(400);
  });

  it('checks a sales rep’s brand rates one by one and refuses a brand twice', () => {
    const brandId = '0b7d4c1e-1111-4222-8333-444455556666';
    expect(readSalesRepInput({ name: 'Rep', brandRates: [{ brandId: brandId.toUpperCase(), rateBps: 900 }] }, 'create').brandRates).toEqual([{ brandId, rateBps: 900 }]);
    expect(statusOf(() => readSalesRepInput({ name: 'Rep', brandRates: [{ brandId, rateBps: 900 }, { brandId, rateBps: 800 }] }, 'create'))).toBe(400);
    expect(statusOf(() => readSalesRepInput({ name: 'Rep', brandRates: [{ brandId: 'x', rateBps: 900 }] }, 'create'))).toBe(400);
  });

  it('leaves brand rates unchanged on an update that does not name them, and clears them with null', () => {
    expect(readSalesRepInput({ defaultRateBps: 800 }, 'update').brandRates).toBeUndefined();
    expect(readSalesRepInput({ brandRates: null }, 'update').brandRates).toEqual([]);
    expect(readSalesRepInput({ email: null }, 'update').email).toBeNull();
    expect(readSalesRepInput({ email: 'Rep@Example.com' }, 'update').email).toBe('rep@example.com');
  });
});
