import { DomainError } from '@app/contracts';
import { readLedgerCommand } from './ledger-input';

const now = new Date('2025-06-01T12:00:00.000Z');
const errorsOf = (fn: () => unknown): Record<string, string[]> => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).status).toBe(400);
    return ((e as DomainError).details as { errors: Record<string, string[]> }).errors;
  }
  throw new Error('expected a 400');
};

describe('ledger operation input', () => {
  it('reads a visit subtraction, defaulting the reason to use', () => {
    expect(readLedgerCommand('visits', { operation: 'subtract', value: 2, comment: '  walk-in  ' }, now)).toEqual({
      kind: 'visits',
      operation: 'subtract',
      value: 2,
      purchaseAmount: null,
      currency: null,
      comment: 'walk-in',
      reason: 'use',
      activatesAt: null,
      expiresAt: null,
    });
  });

  it('reads a bonus addition with its lifecycle dates and a purchase amount', () => {
    const cmd = readLedgerCommand(
      'bonus',
      { operation: 'add', value: 50, purchaseAmount: 1999, currency: 'EUR', activatesAt: '2025-06-02T00:00:00+02:00', expiresAt: '2025-12-31T23:00:00Z' },
      now,
    );
    expect(cmd).toMatchObject({ purchaseAmount: 1999, currency: 'EUR', comment: null });
    expect(cmd.activatesAt?.toISOString()).toBe('2025-06-01T22:00:00.000Z');
    expect(cmd.expiresAt?.toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it('refuses zero, negative, fractional and too large values', () => {
    for (const value of [0, -1, 1.5, 1_000_001, '3', null]) {
      expect(errorsOf(() => readLedgerCommand('visits', { operation: 'add', value }, now))).toHaveProperty('value');
    }
    expect(errorsOf(() => readLedgerCommand('bonus', { operation: 'add' }, now))).toEqual({ value: ['is required'] });
  });

  it('refuses a negative or fractional purchase amount, a bad currency and an unknown operation', () => {
    const errors = errorsOf(() => readLedgerCommand('visits', { operation: 'double', value: 1, purchaseAmount: -5, currency: 'eur' }, now));
    expect(Object.keys(errors).sort()).toEqual(['currency', 'operation', 'purchaseAmount']);
    expect(errorsOf(() => readLedgerCommand('visits', { operation: 'add', value: 1, purchaseAmount: 0.5 }, now))).toHaveProperty('purchaseAmount');
    expect(errorsOf(() => readLedgerCommand('visits', { operation: 'add', value: 1, currency: 'EUR' }, now))).toHaveProperty('currency');
  });

  it('keeps reason to visit subtractions and lifecycle dates to bonus additions', () => {
    expect(errorsOf(() => readLedgerCommand('visits', { operation: 'add', value: 1, reason: 'use' }, now))).toHaveProperty('reason');
    expect(errorsOf(() => readLedgerCommand('visits', { operation: 'add', value: 1, expiresAt: '2026-01-01T00:00:00Z' }, now))).toEqual({
      expiresAt: ['is not allowed'],
    });
    expect(errorsOf(() => readLedgerCommand('bonus', { operation: 'subtract', value: 1, expiresAt: '2026-01-01T00:00:00Z' }, now))).toHaveProperty('expiresAt');
    expect(errorsOf(() => readLedgerCommand('bonus', { operation: 'subtract', value: 1, reason: 'use' }, now))).toEqual({ reason: ['is not allowed'] });
  });

  it('refuses an expiry at or before now or activation, and timestamps without a zone', () => {
    expect(errorsOf(() => readLedgerCommand('bonus', { operation: 'add', value: 1, expiresAt: now.toISOString() }, now))).toEqual({
      expiresAt: ['must be in the future'],
    });
    expect(
      errorsOf(() => readLedgerCommand('bonus', { operation: 'add', value: 1, activatesAt: '2025-07-01T00:00:00Z', expiresAt: '2025-07-01T00:00:00Z' }, now)),
    ).toEqual({ expiresAt: ['must be after activatesAt'] });
    expect(errorsOf(() => readLedgerCommand('bonus', { operation: 'add', value: 1, activatesAt: '2025-07-01T00:00:00' }, now))).toHaveProperty('activatesAt');
    expect(errorsOf(() => readLedgerCommand('bonus', { operation: 'add', value: 1, activatesAt: '2025-02-30T00:00:00Z' }, now))).toHaveProperty('activatesAt');
  });

  it('accepts an activation in the past (active at once) and an expiry one millisecond ahead', () => {
    const cmd = readLedgerCommand('bonus', { operation: 'add', value: 1, activatesAt: '2020-01-01T00:00:00Z', expiresAt: '2025-06-01T12:00:00.001Z' }, now);
    expect(cmd.expiresAt?.getTime()).toBe(now.getTime() + 1);
  });

  it('refuses unknown fields', () => {
    expect(errorsOf(() => readLedgerCommand('visits', { operation: 'add', value: 1, tenantId: 'x' }, now))).toEqual({ tenantId: ['is not allowed'] });
  });
});
