import type { LocationView } from '@app/contracts';
import { iso } from '../shared/actor-ref';
import { InputReader, type InputMode } from '../shared/input-reader';

/** Location rules (C12) as pure functions (the primary rule is in shared/primary-rules). */

export interface LocationFields {
  name?: string | null;
  line1?: string;
  line2?: string | null;
  postalCode?: string | null;
  city?: string;
  region?: string | null;
  country?: string;
  primary?: boolean | null;
}

export function readLocationInput(input: Record<string, unknown>, mode: InputMode): LocationFields {
  const allowed = ['name', 'line1', 'line2', 'postalCode', 'city', 'region', 'country', ...(mode === 'create' ? ['primary'] : [])];
  const r = new InputReader(input, mode, allowed);
  const fields: LocationFields = {
    name: r.text('name', { max: 100 }),
    line1: r.text('line1', { required: true, max: 200 }) ?? undefined,
    line2: r.text('line2', { max: 200 }),
    postalCode: r.text('postalCode', { max: 20 }),
    city: r.text('city', { required: true, max: 100 }) ?? undefined,
    region: r.text('region', { max: 100 }),
    country: r.text('country', { required: true, max: 2, pattern: /^[A-Za-z]{2}$/, patternMessage: 'country must be an ISO 3166-1 alpha-2 code, e.g. DE' })?.toUpperCase(),
    primary: mode === 'create' ? r.bool('primary') : undefined,
  };
  r.done();
  return fields;
}

export type LocationRecord = Omit<LocationView, 'id' | 'customerId' | 'primary' | 'createdAt' | 'updatedAt'>;

/** The location's address after applying the fields (absent: unchanged; null: cleared). */
export function applyLocation(before: LocationRecord | null, f: LocationFields): LocationRecord {
  const pick = <K extends keyof LocationRecord>(key: K): LocationRecord[K] =>
    (f[key] === undefined ? (before ? before[key] : null) : f[key]) as LocationRecord[K];
  return {
    name: pick('name'),
    line1: pick('line1'),
    line2: pick('line2'),
    postalCode: pick('postalCode'),
    city: pick('city'),
    region: pick('region'),
    country: pick('country'),
  };
}

export interface LocationRow {
  id: string;
  customer_id: string;
  seq: string;
  name: string | null;
  line1: string;
  line2: string | null;
  postal_code: string | null;
  city: string;
  region: string | null;
  country: string;
  is_primary: boolean;
  created_at: Date;
  updated_at: Date;
}

export function toLocationView(row: LocationRow): LocationView {
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    line1: row.line1,
    line2: row.line2,
    postalCode: row.postal_code,
    city: row.city,
    region: row.region,
    country: row.country,
    primary: row.is_primary,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
