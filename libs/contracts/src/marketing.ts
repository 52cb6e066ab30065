/** Request/reply patterns, views and inputs of the marketing service (filled in with issue 5). */
export const MarketingPatterns = {} as const;
