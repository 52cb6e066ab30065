import { average2, averageAmount, daysBetween, EMPTY_METRICS, metricsEvent, purchaseMetrics, type MetricsRow } from './metrics-rules';
import { RFM_SEGMENTS, rfmScores, rfmScoreText, rfmSegment, scoreAgainst } from './rfm';
import { contributionDelta, contributionOf, isCounted, purchaseTotals, salesYear } from '../purchases/purchase-rules';

describe('RFM scores within the tenant', () => {
  it('scores 1-5 against quintile cut points, a value on a single cut going to the lower quintile', () => {
    const cuts = [200, 400, 600, 800];
    expect([100, 200, 300, 400, 500, 600, 700, 800, 900].map((v) => scoreAgainst(v, cuts))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5]);
  });

  it('puts values tied across several cut points in the middle of them', () => {
    // 80 % of customers bought once: every cut is 1.
    expect(scoreAgainst(1, [1, 1, 1, 1])).toBe(3);
    expect(scoreAgainst(2, [1, 1, 1, 1])).toBe(5);
    // A tenant's only customer.
    expect(scoreAgainst(4200, [4200, 4200, 4200, 4200])).toBe(3);
    // Cuts 1,1,2,3: a single purchase spans the lowest two quintiles.
    expect(scoreAgainst(1, [1, 1, 2, 3])).toBe(2);
  });

  it('scores recency by the time of the last purchase: more recent, higher', () => {
    const t = (iso: string) => new Date(iso).getTime();
    const cuts = { recency: [t('2025-01-01'), t('2025-02-01'), t('2025-03-01'), t('2025-04-01')], frequency: [1, 2, 3, 5], monetary: [1000, 2000, 5000, 10000] };
    expect(rfmScores({ lastPurchaseAt: new Date('2025-05-01'), purchaseCount: 9, purchaseTotal: 20000 }, cuts)).toEqual({ r: 5, f: 5, m: 5 });
    expect(rfmScores({ lastPurchaseAt: new Date('2024-12-01'), purchaseCount: 1, purchaseTotal: 500 }, cuts)).toEqual({ r: 1, f: 1, m: 1 });
  });

  it('maps every score combination to one of the documented segments', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(rfmSegment({ r, f, m }));
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
  });

  it('names the corners of the grid', () => {
    expect(rfmSegment({ r: 5, f: 5, m: 5 })).toBe('champions');
    expect(rfmSegment({ r: 5, f: 1, m: 1 })).toBe('new_customers');
    expect(rfmSegment({ r: 1, f: 1, m: 1 })).toBe('lost');
    expect(rfmSegment({ r: 1, f: 5, m: 5 })).toBe('cannot_lose_them');
    expect(rfmSegment({ r: 3, f: 3, m: 3 })).toBe('need_attention');
    // FM = round((4 + 5) / 2) = 5 (half up)
    expect(rfmSegment({ r: 4, f: 4, m: 5 })).toBe('loyal_customers');
    expect(rfmSegment({ r: 2, f: 2, m: 3 })).toBe('at_risk');
    expect(rfmScoreText({ r: 5, f: 3, m: 4 })).toBe('534');
  });
});

describe('purchase metrics (L7)', () => {
  const row: MetricsRow = {
    ...EMPTY_METRICS,
    currency: 'EUR',
    purchaseCount: 3,
    purchaseTotal: 10000,
    itemTotal: 7,
    firstPurchaseAt: new Date('2025-01-31T23:30:00Z'),
    lastPurchaseAt: new Date('2025-05-31T22:30:00Z'),
    lastPurchaseTotal: 2500,
    rfmR: 5,
    rfmF: 3,
    rfmM: 4,
    rfmSegment: 'champions',
  };

  it('derives averages and days since from the stored sums, in the tenant’s days', () => {
    const now = new Date('2025-06-01T10:00:00Z');
    expect(purchaseMetrics(row, now, 'Europe/Berlin')).toEqual({
      purchaseCount: 3,
      purchaseTotal: 10000,
      averagePurchase: 3333,
      averageItems: 2.33,
      lastPurchaseTotal: 2500,
      firstPurchaseAt: '2025-01-31T23:30:00.000Z',
      lastPurchaseAt: '2025-05-31T22:30:00.000Z',
      // In Berlin the first purchase was on 1 Feb and the last on 1 June, today.
      daysSinceFirstPurchase: 120,
      daysSinceLastPurchase: 0,
      rfmSegment: 'champions',
      rfmScore: '534',
    });
    expect(purchaseMetrics(row, now, 'UTC')).toMatchObject({ daysSinceFirstPurchase: 121, daysSinceLastPurchase: 1 });
  });

  it('has no averages, dates or segment before a purchase', () => {
    expect(purchaseMetrics(EMPTY_METRICS, new Date(), 'UTC')).toMatchObject({
      purchaseCount: 0,
      averagePurchase: null,
      averageItems: null,
      lastPurchaseTotal: null,
      daysSinceLastPurchase: null,
      rfmSegment: null,
      rfmScore: null,
    });
  });

  it('rounds averages half up', () => {
    expect(averageAmount(5, 2)).toBe(3);
    expect(averageAmount(0, 0)).toBeNull();
    expect(average2(14, 3)).toBe(4.67);
    expect(average2(9, 2)).toBe(4.5);
  });

  it('counts whole local days across a clock change', () => {
    expect(daysBetween(new Date('2025-03-29T12:00:00Z'), new Date('2025-03-31T12:00:00Z'), 'Europe/Berlin')).toBe(2);
    expect(daysBetween(new Date('2025-03-29T23:59:59Z'), new Date('2025-03-30T00:00:00Z'), 'UTC')).toBe(1);
  });

  it('publishes the figures with the rating', () => {
    expect(metricsEvent({ ...row, ltv: 4200, ratingCount: 2, ratingSum: 9 })).toEqual({
      purchaseCount: 3,
      purchaseTotal: 10000,
      averagePurchase: 3333,
      firstPurchaseAt: '2025-01-31T23:30:00.000Z',
      lastPurchaseAt: '2025-05-31T22:30:00.000Z',
      ltv: 4200,
      rfmSegment: 'champions',
      currency: 'EUR',
      averageItems: 2.33,
      lastPurchaseTotal: 2500,
      rfmScore: '534',
      averageRating: 4.5,
      feedbackCount: 2,
    });
  });
});

describe('purchases (L6)', () => {
  it('totals lines and delivery', () => {
    const t = purchaseTotals(
      [
        { sku: 'A', name: 'Apple', quantity: 3, price: 50 },
        { sku: 'B', name: 'Bread', category: 'bakery', quantity: 1, price: 299 },
      ],
      490,
    );
    expect(t.total).toBe(3 * 50 + 299 + 490);
    expect(t.itemCount).toBe(4);
    expect(t.lines[1]).toEqual({ sku: 'B', name: 'Bread', category: 'bakery', quantity: 1, price: 299, amount: 299 });
  });

  it('counts completed receipts and orders that are not cancelled', () => {
    expect(isCounted('receipt', 'completed')).toBe(true);
    expect(isCounted('receipt', 'returned')).toBe(false);
    expect(['active', 'booked', 'shipped'].every((s) => isCounted('order', s as 'active'))).toBe(true);
    expect(isCounted('order', 'cancelled')).toBe(false);
  });

  it('moves a purchase out of the metrics when it is returned', () => {
    const before = contributionOf({ kind: 'receipt', status: 'completed', total: 1000, itemCount: 2 });
    const after = contributionOf({ kind: 'receipt', status: 'returned', total: 1000, itemCount: 2 });
    expect(contributionDelta(before, after)).toEqual({ count: -1, total: -1000, items: -2 });
    expect(contributionDelta(after, after)).toEqual({ count: 0, total: 0, items: 0 });
  });

  it('files sales under the order’s own year, else the local year', () => {
    expect(salesYear(2026, new Date('2025-10-01T00:00:00Z'), 'UTC')).toBe(2026);
    expect(salesYear(null, new Date('2025-12-31T23:30:00Z'), 'Europe/Berlin')).toBe(2026);
    expect(salesYear(null, new Date('2025-12-31T23:30:00Z'), 'UTC')).toBe(2025);
  });
});
