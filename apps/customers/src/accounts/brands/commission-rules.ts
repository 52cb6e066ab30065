import {
  CUSTOMER_BRAND_STATUSES,
  MAX_RATE_BPS,
  type CommissionSource,
  type CustomerBrandStatus,
  type CustomerBrandView,
  type EffectiveRate,
  type SalesRepBrandRate,
} from '@app/contracts';
import { isUuid } from '@app/common';
import { iso } from '../shared/actor-ref';
import { InputReader, type InputMode } from '../shared/input-reader';

/**
 * Brands and commission (C15) as pure functions. Rates are whole basis points (1250 = 12.50 %),
 * so every rate is exact: no floating point anywhere between input and display.
 */

const RATE = { min: 0, max: MAX_RATE_BPS };

/** The rates that may apply to one customer and brand, most specific first. */
export interface RateCandidates {
  /** The customer's own rate for the brand. */
  customerRateBps: number | null;
  /** The customer's sales rep's rate for this brand. */
  salesRepBrandRateBps: number | null;
  /** The customer's sales rep's rate for every brand. */
  salesRepDefaultRateBps: number | null;
  brandDefaultRateBps: number;
}

/**
 * The rate that applies and where it came from: the customer's rate for the brand overrides
 * the sales rep's, which overrides the brand's default. A sales rep may have a rate for this
 * brand and an overall one; the brand's is the more specific. A rate of 0 is a rate (it
 * overrides), only null means "none here".
 */
export function resolveCommission(c: RateCandidates): EffectiveRate {
  const steps: Array<[number | null, CommissionSource]> = [
    [c.customerRateBps, 'customer'],
    [c.salesRepBrandRateBps, 'sales_rep_brand'],
    [c.salesRepDefaultRateBps, 'sales_rep'],
  ];
  for (const [rate, source] of steps) if (rate !== null) return { rateBps: rate, percent: percentOf(rate), source };
  return { rateBps: c.brandDefaultRateBps, percent: percentOf(c.brandDefaultRateBps), source: 'brand' };
}

/** Basis points as an exact percent with two decimals: 1250 → "12.50", 5 → "0.05". */
export function percentOf(bps: number): string {
  if (!Number.isInteger(bps) || bps < 0) throw new Error(`A rate must be whole basis points, got ${bps}`);
  return `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, '0')}`;
}

export interface BrandFields {
  name?: string;
  defaultRateBps?: number;
}

export function readBrandInput(input: Record<string, unknown>, mode: InputMode): BrandFields {
  const r = new InputReader(input, mode, ['name', 'defaultRateBps']);
  const fields = {
    name: r.text('name', { required: true, max: 100 }) ?? undefined,
    defaultRateBps: r.int('defaultRateBps', { ...RATE, required: true }) ?? undefined,
  };
  r.done();
  return fields;
}

export interface SalesRepFields {
  name?: string;
  email?: string | null;
  userId?: string | null;
  defaultRateBps?: number | null;
  brandRates?: SalesRepBrandRate[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readSalesRepInput(input: Record<string, unknown>, mode: InputMode): SalesRepFields {
  const r = new InputReader(input, mode, ['name', 'email', 'userId', 'defaultRateBps', 'brandRates']);
  const email = r.text('email', { max: 254, pattern: EMAIL, patternMessage: 'email must be an email address' });
  const fields: SalesRepFields = {
    name: r.text('name', { required: true, max: 200 }) ?? undefined,
    email: typeof email === 'string' ? email.toLowerCase() : email,
    userId: r.text('userId', { max: 128, pattern: /^[\x21-\x7e]+$/, patternMessage: 'userId must be a user id (1-128 visible characters)' }),
    defaultRateBps: r.int('defaultRateBps', RATE),
    brandRates: undefined,
  };
  const raw = input.brandRates;
  if (raw !== undefined && raw !== null) {
    if (!Array.isArray(raw) || raw.length > 500) r.fail('brandRates', 'brandRates must be a list of at most 500 { brandId, rateBps }');
    else {
      const seen = new Set<string>();
      fields.brandRates = [];
      raw.forEach((entry: { brandId?: unknown; rateBps?: unknown }, i) => {
        const brandId = typeof entry?.brandId === 'string' ? entry.brandId.toLowerCase() : null;
        if (!brandId || !isUuid(brandId)) return r.fail(`brandRates.${i}.brandId`, 'brandId must be a brand id');
        if (seen.has(brandId)) return r.fail(`brandRates.${i}.brandId`, 'brandId appears twice');
        const rate = entry.rateBps;
        if (typeof rate !== 'number' || !Number.isInteger(rate) || rate < RATE.min || rate > RATE.max) {
          return r.fail(`brandRates.${i}.rateBps`, `rateBps must be a whole number from ${RATE.min} to ${RATE.max}`);
        }
        seen.add(brandId);
        fields.brandRates!.push({ brandId, rateBps: rate });
      });
    }
  } else if (raw === null || mode === 'create') fields.brandRates = [];
  r.done();
  return fields;
}

export interface CustomerBrandFields {
  status: CustomerBrandStatus;
  brandCustomerId: string | null;
  rateBps: number | null;
}

/** PUT semantics: the whole state of the customer's brand (absent optional fields are none). */
export function readCustomerBrandInput(input: Record<string, unknown>): CustomerBrandFields {
  const r = new InputReader(input, 'create', ['status', 'brandCustomerId', 'rateBps']);
  const fields = {
    status: r.oneOf('status', CUSTOMER_BRAND_STATUSES, { required: true })!,
    brandCustomerId: r.text('brandCustomerId', { max: 100 }) ?? null,
    rateBps: r.int('rateBps', RATE) ?? null,
  };
  r.done();
  return fields;
}

export interface CustomerBrandRow {
  customer_id: string;
  brand_id: string;
  brand_name: string;
  sort_name: string;
  status: CustomerBrandStatus;
  brand_customer_id: string | null;
  rate_bps: number | null;
  brand_default_rate_bps: number;
  sales_rep_id: string | null;
  sales_rep_name: string | null;
  sales_rep_default_rate_bps: number | null;
  sales_rep_brand_rate_bps: number | null;
  created_at: Date;
  updated_at: Date;
}

export function toCustomerBrandView(row: CustomerBrandRow): CustomerBrandView {
  return {
    customerId: row.customer_id,
    brandId: row.brand_id,
    brandName: row.brand_name,
    status: row.status,
    brandCustomerId: row.brand_customer_id,
    rateBps: row.rate_bps,
    brandDefaultRateBps: row.brand_default_rate_bps,
    salesRep: row.sales_rep_id ? { id: row.sales_rep_id, name: row.sales_rep_name! } : null,
    effectiveRate: resolveCommission({
      customerRateBps: row.rate_bps,
      salesRepBrandRateBps: row.sales_rep_brand_rate_bps,
      salesRepDefaultRateBps: row.sales_rep_default_rate_bps,
      brandDefaultRateBps: row.brand_default_rate_bps,
    }),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
