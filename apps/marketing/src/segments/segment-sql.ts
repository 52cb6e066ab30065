import type { SegmentCondition, SegmentOp, SegmentRuleNode } from '@app/contracts';
import { parseField } from './segment-rules';

/**
 * A (validated) segment rule as one SQL boolean expression over `customer_facts f`, so the
 * members of a segment are computed for a whole tenant in one set-based statement. Meaning is
 * the same as evaluateRule() in segment-rules.ts, including missing values (`ne` holds, every
 * other comparison fails); values always travel as parameters.
 */
export class SqlParams {
  readonly values: unknown[];
  constructor(initial: unknown[] = []) {
    this.values = [...initial];
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface CompileContext {
  params: SqlParams;
  /** The parameter holding the start of the interest window (added when a rule first needs it). */
  interestSince: () => string;
}

const COMPARE: Partial<Record<SegmentOp, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

const SET_ELEMENT: Record<string, { column: string; type: string }> = {
  tags: { column: 'f.tags', type: 'text' },
  groups: { column: 'f.group_ids', type: 'uuid' },
};
const TEXT_COLUMN: Record<string, string> = { city: 'f.city', country: 'f.country', rfmSegment: 'f.rfm_segment' };
const NUMBER_COLUMN: Record<string, string> = {
  purchaseCount: 'f.purchase_count',
  purchaseTotal: 'f.purchase_total',
  totalEventsBooked: 'f.total_events_booked',
};

/** A correlated EXISTS over one of the per-customer tables. */
const existsIn = (table: string, alias: string, where: string) =>
  `EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${alias}.tenant_id = f.tenant_id AND ${alias}.customer_id = f.customer_id AND ${where})`;

/** Active interest: viewed inside the window, and not bought in since the last view. */
export const ACTIVE_INTEREST = (alias: string, since: string) =>
  `${alias}.last_viewed_at > ${since} AND (${alias}.last_purchased_at IS NULL OR ${alias}.last_purchased_at < ${alias}.last_viewed_at)`;

function compileSetMembership(name: string, op: SegmentOp, value: unknown, ctx: CompileContext): string {
  const p = ctx.params;
  if (name === 'segments') {
    const test = (where: string) => existsIn('segment_members', 'sm', where);
    if (op === 'in') return test(`sm.segment_id = ANY(${p.add(value)}::uuid[])`);
    const one = test(`sm.segment_id = ${p.add(value)}::uuid`);
    return op === 'ne' ? `NOT ${one}` : one;
  }
  if (name === 'interests') {
    const test = (where: string) => existsIn('customer_interests', 'ci', `${ACTIVE_INTEREST('ci', ctx.interestSince())}${where}`);
    if (op === 'exists') return value ? test('') : `NOT ${test('')}`;
    if (op === 'in') return test(` AND ci.category = ANY(${p.add(value)}::text[])`);
    const one = test(` AND ci.category = ${p.add(value)}`);
    return op === 'ne' ? `NOT ${one}` : one;
  }
  const { column, type } = SET_ELEMENT[name];
  if (op === 'exists') return value ? `cardinality(${column}) > 0` : `cardinality(${column}) = 0`;
  if (op === 'in') return `${column} && ${p.add(value)}::${type}[]`;
  const one = `${p.add(value)}::${type} = ANY(${column})`;
  return op === 'ne' ? `NOT (${one})` : one;
}

function compileCondition(c: SegmentCondition, ctx: CompileContext): string {
  const field = parseField(c.field);
  if (typeof field === 'string') throw new Error(`Rule was not validated: ${field}`);
  const p = ctx.params;
  const { op, value } = c;
  switch (field.kind) {
    case 'set':
      return compileSetMembership(field.name, op, value, ctx);
    case 'text': {
      const column = TEXT_COLUMN[field.name];
      if (op === 'exists') return value ? `(${column} IS NOT NULL AND ${column} <> '')` : `(${column} IS NULL OR ${column} = '')`;
      if (op === 'ne') return `(${column} IS NULL OR lower(${column}) <> lower(${p.add(value)}))`;
      if (op === 'eq') return `lower(${column}) = lower(${p.add(value)})`;
      if (op === 'contains') return `strpos(lower(${column}), lower(${p.add(value)})) > 0`;
      return `lower(${column}) = ANY(${p.add((value as string[]).map((v) => v.toLowerCase()))}::text[])`;
    }
    case 'number': {
      const column = NUMBER_COLUMN[field.name];
      if (op === 'eq') return `${column} = ${p.add(value)}::numeric`;
      if (op === 'ne') return `${column} <> ${p.add(value)}::numeric`;
      if (op === 'in') return `${column} = ANY(${p.add(value)}::numeric[])`;
      return `${column} ${COMPARE[op]} ${p.add(value)}::numeric`;
    }
    case 'datetime': {
      if (op === 'exists') return value ? 'f.last_purchase_at IS NOT NULL' : 'f.last_purchase_at IS NULL';
      return `f.last_purchase_at ${COMPARE[op]} ${p.add(value)}::timestamptz`;
    }
    case 'attribute': {
      const key = p.add(field.key);
      const json = `(f.attributes -> ${key})`;
      const present = `(${json} IS NOT NULL AND jsonb_typeof(${json}) <> 'null')`;
      if (op === 'exists') return value ? present : `NOT ${present}`;
      if (op === 'eq') return `${json} = ${p.add(JSON.stringify(value))}::jsonb`;
      if (op === 'ne') return `(NOT ${present} OR ${json} <> ${p.add(JSON.stringify(value))}::jsonb)`;
      if (op === 'in') return `${json} = ANY(${p.add((value as unknown[]).map((v) => JSON.stringify(v)))}::jsonb[])`;
      if (op === 'contains') return `(jsonb_typeof(${json}) = 'string' AND strpos(lower(f.attributes ->> ${key}), lower(${p.add(value)})) > 0)`;
      if (typeof value === 'number') {
        return `(jsonb_typeof(${json}) = 'number' AND (f.attributes ->> ${key})::numeric ${COMPARE[op]} ${p.add(value)}::numeric)`;
      }
      return `(jsonb_typeof(${json}) = 'string' AND (f.attributes ->> ${key}) COLLATE "C" ${COMPARE[op]} ${p.add(value)}::text COLLATE "C")`;
    }
    case 'consent': {
      const actual = `(f.consents ->> ${p.add(field.key)})`;
      if (op === 'exists') return value ? `${actual} IS NOT NULL` : `${actual} IS NULL`;
      if (op === 'eq') return `${actual} = ${p.add(value)}`;
      if (op === 'ne') return `${actual} IS DISTINCT FROM ${p.add(value)}`;
      return `${actual} = ANY(${p.add(value)}::text[])`;
    }
    case 'subscription': {
      const subscribed = existsIn('subscriptions', 's', `s.channel = ${p.add(field.channel)} AND s.category = ${p.add(field.category)} AND s.subscribed`);
      const wanted = op === 'eq' ? value === true : value !== true;
      return wanted ? subscribed : `NOT ${subscribed}`;
    }
  }
}

/** The rule as a boolean SQL expression over `customer_facts f`. */
export function compileRule(rule: SegmentRuleNode, ctx: CompileContext): string {
  if ('all' in rule) return rule.all.length ? `(${rule.all.map((n) => compileRule(n, ctx)).join(' AND ')})` : 'TRUE';
  if ('any' in rule) return rule.any.length ? `(${rule.any.map((n) => compileRule(n, ctx)).join(' OR ')})` : 'FALSE';
  return `(${compileCondition(rule, ctx)})`;
}
