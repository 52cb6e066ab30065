/**
 * Category interest (M7) as pure rules. A customer is interested in a category while they
 * viewed it (the category page or one of its products) within the tenant's window
 * (interestWindowDays) and did not buy in it since that view. Older views expire; a purchase
 * satisfies the interest until the next view. The profile ranks categories by the views that
 * still count. ACTIVE_INTEREST in segments/segment-sql.ts says the same in SQL.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

/** Views after this instant count. */
export const interestWindowStart = (now: Date, windowDays: number): Date => new Date(now.getTime() - windowDays * DAY_MS);

/** When an interest lapses if the customer does not view the category again. */
export const interestExpiresAt = (lastViewedAt: Date, windowDays: number): Date => new Date(lastViewedAt.getTime() + windowDays * DAY_MS);

export interface InterestState {
  lastViewedAt: Date;
  lastPurchasedAt: Date | null;
}

export function isInterestActive(state: InterestState, windowDays: number, now: Date): boolean {
  if (state.lastViewedAt.getTime() <= interestWindowStart(now, windowDays).getTime()) return false;
  return state.lastPurchasedAt === null || state.lastPurchasedAt.getTime() < state.lastViewedAt.getTime();
}

/** A view counts towards an interest when it is inside the window and after the last purchase in its category. */
export function viewCounts(viewedAt: Date, lastPurchasedAt: Date | null, windowDays: number, now: Date): boolean {
  return viewedAt.getTime() > interestWindowStart(now, windowDays).getTime() && (lastPurchasedAt === null || viewedAt.getTime() > lastPurchasedAt.getTime());
}

export const TOP_INTERESTS = 10;

export interface RankedInterest {
  category: string;
  views: number;
  lastViewedAt: Date;
}

/** Most counted views first, then the most recent, then by name; at most ten. */
export function rankInterests(
  views: Array<{ category: string; at: Date }>,
  lastPurchases: Map<string, Date>,
  windowDays: number,
  now: Date,
): RankedInterest[] {
  const byCategory = new Map<string, RankedInterest>();
  for (const v of views) {
    if (!viewCounts(v.at, lastPurchases.get(v.category) ?? null, windowDays, now)) continue;
    const r = byCategory.get(v.category) ?? { category: v.category, views: 0, lastViewedAt: v.at };
    r.views += 1;
    if (v.at > r.lastViewedAt) r.lastViewedAt = v.at;
    byCategory.set(v.category, r);
  }
  return [...byCategory.values()]
    .sort((a, b) => b.views - a.views || b.lastViewedAt.getTime() - a.lastViewedAt.getTime() || (a.category < b.category ? -1 : 1))
    .slice(0, TOP_INTERESTS);
}
