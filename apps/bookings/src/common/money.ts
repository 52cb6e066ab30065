import type { MoneyView } from '@app/contracts';

export const money = (amount: number, currency: string): MoneyView => ({ amount, currency });

/** A timestamp from Postgres (Date, or text from json_build_object) as ISO 8601 UTC. */
export const iso = (value: Date | string): string => new Date(value).toISOString();
export const isoOrNull = (value: Date | string | null | undefined): string | null => (value === null || value === undefined ? null : iso(value));
