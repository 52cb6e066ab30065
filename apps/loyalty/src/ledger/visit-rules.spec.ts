import { ltvOf, visitCountersFromLedger, visitDelta, visitFigures, type VisitEntry } from './visit-rules';

describe('visit figures (L2)', () => {
  it('adds to sold and available', () => {
    expect(visitDelta('add', 5, null)).toEqual({ sold: 5, used: 0, corrected: 0, available: 5, added: true, refunded: false });
  });

  it('subtracts from available; a use is redeemed, a correction is not, both count in total visits', () => {
    expect(visitDelta('subtract', 2, 'use')).toEqual({ sold: 0, used: 2, corrected: 0, available: -2, added: false, refunded: true });
    expect(visitDelta('subtract', 2, null)).toMatchObject({ used: 2, corrected: 0 });
    expect(visitDelta('subtract', 3, 'correction')).toEqual({ sold: 0, used: 0, corrected: 3, available: -3, added: false, refunded: true });
  });

  it('derives every figure from the ledger', () => {
    const entries: VisitEntry[] = [
      { operation: 'add', value: 10, reason: null, at: '2025-01-01T10:00:00.000Z' },
      { operation: 'subtract', value: 1, reason: 'use', at: '2025-01-02T10:00:00.000Z' },
      { operation: 'add', value: 2, reason: null, at: '2025-01-03T10:00:00.000Z' },
      { operation: 'subtract', value: 4, reason: 'correction', at: '2025-01-04T10:00:00.000Z' },
      { operation: 'subtract', value: 2, reason: 'use', at: '2025-01-05T10:00:00.000Z' },
    ];
    expect(visitFigures(visitCountersFromLedger(entries))).toEqual({
      visitsSold: 12,
      visitsAvailable: 5,
      visitsRedeemed: 3,
      totalVisits: 7,
      lastVisitAddedAt: '2025-01-03T10:00:00.000Z',
      lastVisitRefundedAt: '2025-01-05T10:00:00.000Z',
    });
  });

  it('is all zero for an empty ledger', () => {
    expect(visitFigures(visitCountersFromLedger([]))).toEqual({
      visitsSold: 0,
      visitsAvailable: 0,
      visitsRedeemed: 0,
      totalVisits: 0,
      lastVisitAddedAt: null,
      lastVisitRefundedAt: null,
    });
  });
});

describe('LTV (L5)', () => {
  it('sums purchase amounts only, for additions and subtractions alike', () => {
    expect(ltvOf([{ purchaseAmount: 1250 }, { purchaseAmount: null }, { purchaseAmount: 750 }, { purchaseAmount: 0 }])).toBe(2000);
    expect(ltvOf([])).toBe(0);
  });
});
