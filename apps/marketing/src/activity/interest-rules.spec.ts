import { interestExpiresAt, isInterestActive, rankInterests } from './interest-rules';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2024-06-30T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);

describe('category interest', () => {
  it('counts a view inside the window and expires it at the window edge', () => {
    expect(isInterestActive({ lastViewedAt: daysAgo(29), lastPurchasedAt: null }, 30, now)).toBe(true);
    expect(isInterestActive({ lastViewedAt: new Date(daysAgo(30).getTime() + 1), lastPurchasedAt: null }, 30, now)).toBe(true);
    expect(isInterestActive({ lastViewedAt: daysAgo(30), lastPurchasedAt: null }, 30, now)).toBe(false);
    expect(isInterestActive({ lastViewedAt: daysAgo(31), lastPurchasedAt: null }, 30, now)).toBe(false);
    expect(interestExpiresAt(daysAgo(29), 30).toISOString()).toBe(new Date(now.getTime() + DAY).toISOString());
  });

  it('follows the tenant window: the same view counts for 7 days, not for 3', () => {
    const state = { lastViewedAt: daysAgo(5), lastPurchasedAt: null };
    expect(isInterestActive(state, 7, now)).toBe(true);
    expect(isInterestActive(state, 3, now)).toBe(false);
  });

  it('is satisfied by a purchase after the view, and wakes up with a view after the purchase', () => {
    expect(isInterestActive({ lastViewedAt: daysAgo(3), lastPurchasedAt: daysAgo(2) }, 30, now)).toBe(false);
    expect(isInterestActive({ lastViewedAt: daysAgo(1), lastPurchasedAt: daysAgo(2) }, 30, now)).toBe(true);
    // a purchase at the very moment of the view satisfies it
    expect(isInterestActive({ lastViewedAt: daysAgo(2), lastPurchasedAt: daysAgo(2) }, 30, now)).toBe(false);
  });

  it('ranks by counted views, then recency, and keeps the top ten', () => {
    const views = [
      ...Array.from({ length: 3 }, () => ({ category: 'monitors', at: daysAgo(2) })),
      ...Array.from({ length: 2 }, () => ({ category: 'laptops', at: daysAgo(1) })),
      { category: 'old', at: daysAgo(40) },
      { category: 'old', at: daysAgo(45) },
      // bought after these two views: only the later view counts
      { category: 'phones', at: daysAgo(10) },
      { category: 'phones', at: daysAgo(8) },
      { category: 'phones', at: daysAgo(1) },
      { category: 'cables', at: daysAgo(1) },
      { category: 'audio', at: daysAgo(3) },
    ];
    const ranked = rankInterests(views, new Map([['phones', daysAgo(5)]]), 30, now);
    expect(ranked.map((r) => [r.category, r.views])).toEqual([
      ['monitors', 3],
      ['laptops', 2],
      ['cables', 1],
      ['phones', 1],
      ['audio', 1],
    ]);
    const many = Array.from({ length: 15 }, (_, i) => ({ category: `c${String(i).padStart(2, '0')}`, at: daysAgo(1) }));
    expect(rankInterests(many, new Map(), 30, now)).toHaveLength(10);
  });
});
