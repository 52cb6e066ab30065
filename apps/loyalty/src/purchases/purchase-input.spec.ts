import { DomainError } from '@app/contracts';
import { readRecordPurchase, readUpdatePurchase } from './purchase-input';

const now = new Date('2025-06-01T12:00:00.000Z');
const customerId = '5b7c1f9e-0000-4000-8000-000000000001';
const receipt = (overrides: Record<string, unknown> = {}) => ({
  customerId,
  kind: 'receipt',
  number: 'R-1',
  storeId: 's1',
  storeName: 'Main Street',
  occurredAt: '2025-06-01T11:00:00Z',
  status: 'completed',
  lines: [{ sku: 'A', name: 'Apple', quantity: 2, price: 50 }],
  ...overrides,
});
const errorsOf = (fn: () => unknown): Record<string, string[]> => {
  try {
    fn();
  } catch (e) {
    expect((e as DomainError).status).toBe(400);
    return ((e as DomainError).details as { errors: Record<string, string[]> }).errors;
  }
  throw new Error('expected a 400');
};

describe('purchase input', () => {
  it('reads a receipt with defaults', () => {
    const cmd = readRecordPurchase(receipt(), now);
    expect(cmd).toMatchObject({ kind: 'receipt', status: 'completed', deliveryCost: 0, currency: null, attributes: {}, brand: null, year: null });
    expect(cmd.occurredAt.toISOString()).toBe('2025-06-01T11:00:00.000Z');
  });

  it('reads an order with brand, season, year and attributes', () => {
    const cmd = readRecordPurchase(receipt({ kind: 'order', status: 'booked', brand: 'Acme', season: 'Spring', year: 2026, attributes: { rep: 'Kim', rush: true } }), now);
    expect(cmd).toMatchObject({ kind: 'order', status: 'booked', brand: 'Acme', season: 'Spring', year: 2026, attributes: { rep: 'Kim', rush: true } });
  });

  it('refuses a status of the other kind', () => {
    expect(errorsOf(() => readRecordPurchase(receipt({ status: 'shipped' }), now))).toEqual({ status: ['must be one of completed, returned'] });
    expect(errorsOf(() => readRecordPurchase(receipt({ kind: 'order', status: 'returned' }), now))).toHaveProperty('status');
  });

  it('refuses bad lines by their index', () => {
    const errors = errorsOf(() =>
      readRecordPurchase(receipt({ lines: [{ sku: 'A', name: 'Apple', quantity: 0, price: 5 }, { sku: '', name: 'B', quantity: 1, price: -1, colour: 'red' }] }), now),
    );
    expect(Object.keys(errors).sort()).toEqual(['lines.0.quantity', 'lines.1.colour', 'lines.1.price', 'lines.1.sku']);
    expect(errorsOf(() => readRecordPurchase(receipt({ lines: [] }), now))).toHaveProperty('lines');
    expect(errorsOf(() => readRecordPurchase(receipt({ lines: [{ sku: 'A', name: 'A', quantity: 1.5, price: 1 }] }), now))).toHaveProperty(['lines.0.quantity']);
  });

  it('refuses a purchase in the future, but takes a till clock a little ahead', () => {
    expect(errorsOf(() => readRecordPurchase(receipt({ occurredAt: '2025-06-01T12:10:00Z' }), now))).toHaveProperty('occurredAt');
    expect(readRecordPurchase(receipt({ occurredAt: '2025-06-01T12:04:00Z' }), now).occurredAt.toISOString()).toBe('2025-06-01T12:04:00.000Z');
  });

  it('refuses a total beyond the largest amount', () => {
    expect(errorsOf(() => readRecordPurchase(receipt({ lines: [{ sku: 'A', name: 'A', quantity: 2, price: 600_000_000_000 }] }), now))).toHaveProperty('lines');
  });

  it('reads a status change', () => {
    expect(readUpdatePurchase({ status: 'returned' })).toEqual({ status: 'returned' });
    expect(errorsOf(() => readUpdatePurchase({ status: 'lost' }))).toHaveProperty('status');
  });
});
