import type { RfmSegment } from '@app/contracts';

/**
 * RFM scores within the tenant (L7).
 *
 * Cut points: for each of recency (time of the last purchase), frequency (number of purchases)
 * and monetary (total amount), the tenant's quintile cut points over its customers with at least
 * one purchase: the values at the 20th, 40th, 60th and 80th percentile (Postgres
 * `percentile_disc`), refreshed as purchases arrive (see RfmRefresher).
 *
 * Score of a value against its four cut points: 1 + the cut points it is above + half (rounded
 * down) of the cut points it equals. A value above every cut is 5; ties are put in the middle of
 * the quintiles they span, so when 80 % of a tenant's customers bought exactly once, "once" scores
 * 3 rather than 1 or 5, and a tenant's only customer scores 3 on everything. A later purchase
 * always has a higher recency value, so the more recent the higher the score.
 */
export interface RfmCuts {
  /** Epoch milliseconds of the last purchase. */
  recency: number[];
  frequency: number[];
  monetary: number[];
}

/** Cut points as Postgres gives them (timestamps and bigints may arrive as text). */
export const toCuts = (row: { recency: Array<Date | string>; frequency: Array<number | string>; monetary: Array<number | string> }): RfmCuts => ({
  recency: row.recency.map((d) => new Date(d).getTime()),
  frequency: row.frequency.map(Number),
  monetary: row.monetary.map(Number),
});

export interface RfmScores {
  r: number;
  f: number;
  m: number;
}

export function scoreAgainst(value: number, cuts: number[]): number {
  let above = 0;
  let equal = 0;
  for (const cut of cuts) {
    if (value > cut) above++;
    else if (value === cut) equal++;
  }
  return 1 + above + Math.floor(equal / 2);
}

export function rfmScores(m: { lastPurchaseAt: Date; purchaseCount: number; purchaseTotal: number }, cuts: RfmCuts): RfmScores {
  return {
    r: scoreAgainst(m.lastPurchaseAt.getTime(), cuts.recency),
    f: scoreAgainst(m.purchaseCount, cuts.frequency),
    m: scoreAgainst(m.purchaseTotal, cuts.monetary),
  };
}

/**
 * Segment by recency (rows) and FM = round((frequency + monetary) / 2) (columns):
 *
 * | R \ FM | 1              | 2              | 3                   | 4               | 5                |
 * | ------ | -------------- | -------------- | ------------------- | --------------- | ---------------- |
 * | 5      | new_customers  | potential_loyalists | potential_loyalists | champions  | champions        |
 * | 4      | promising      | potential_loyalists | potential_loyalists | loyal_customers | loyal_customers |
 * | 3      | about_to_sleep | about_to_sleep | need_attention      | loyal_customers | loyal_customers  |
 * | 2      | hibernating    | hibernating    | at_risk             | at_risk         | cannot_lose_them |
 * | 1      | lost           | lost           | at_risk             | at_risk         | cannot_lose_them |
 */
const GRID: Record<number, RfmSegment[]> = {
  5: ['new_customers', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
  4: ['promising', 'potential_loyalists', 'potential_loyalists', 'loyal_customers', 'loyal_customers'],
  3: ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal_customers', 'loyal_customers'],
  2: ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose_them'],
  1: ['lost', 'lost', 'at_risk', 'at_risk', 'cannot_lose_them'],
};

export const RFM_SEGMENTS: readonly RfmSegment[] = [
  'champions',
  'loyal_customers',
  'potential_loyalists',
  'new_customers',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cannot_lose_them',
  'hibernating',
  'lost',
];

export function rfmSegment(s: RfmScores): RfmSegment {
  const fm = Math.round((s.f + s.m) / 2);
  return GRID[s.r][fm - 1];
}

export const rfmScoreText = (s: RfmScores): string => `${s.r}${s.f}${s.m}`;
