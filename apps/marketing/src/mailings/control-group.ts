import { createHash } from 'node:crypto';

/**
 * The control group of a mailing (M2): a reproducible draw per (mailing, customer), so the same
 * customer lands on the same side every time the audience is computed, on every replica, in
 * SQL and in code alike. The draw is the first 32 bits of md5("<mailingId>:<customerId>")
 * modulo 10,000; a customer is in the control group when the draw is below the percentage in
 * basis points (12.5 % → 1250).
 */
export const DRAW_RANGE = 10_000;

export function controlDraw(mailingId: string, customerId: string): number {
  const hex = createHash('md5').update(`${mailingId.toLowerCase()}:${customerId.toLowerCase()}`).digest('hex');
  return parseInt(hex.slice(0, 8), 16) % DRAW_RANGE;
}

/** 0-100 with at most two decimals, as basis points. */
export const percentToBasisPoints = (percent: number): number => Math.round(percent * 100);

export function inControlGroup(mailingId: string, customerId: string, percent: number): boolean {
  return controlDraw(mailingId, customerId) < percentToBasisPoints(percent);
}

/** The same draw in SQL; both arguments are SQL expressions of text/uuid type. */
export const controlDrawSql = (mailingId: string, customerId: string): string =>
  `(('x' || substr(md5(lower(${mailingId}::text) || ':' || lower(${customerId}::text)), 1, 8))::bit(32)::bigint % ${DRAW_RANGE})`;
