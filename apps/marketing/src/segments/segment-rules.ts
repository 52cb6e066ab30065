import { CHANNELS, SEGMENT_OPS, type FieldErrors, type SegmentCondition, type SegmentOp, type SegmentRule, type SegmentRuleNode } from '@app/contracts';

/**
 * The segment rule language (M9) as pure functions: what a rule may say (validation with the
 * path of each bad part), what it means for one customer (evaluation), and what it reads
 * (fields, referenced segments). segment-sql.ts says the same in SQL for whole tenants; the
 * integration tests check that both agree.
 *
 * A rule is `{ all: [...] }` or `{ any: [...] }` over conditions `{ field, op, value }` and
 * nested rules. `{ all: [] }` matches every customer.
 */

/** How a field is compared. */
export type FieldKind = 'set' | 'text' | 'number' | 'datetime' | 'attribute' | 'consent' | 'subscription';

/** Field families: what a customer change can touch; a segment is re-evaluated when one it reads changes. */
export type FieldFamily =
  | 'tags'
  | 'groups'
  | 'segments'
  | 'interests'
  | 'city'
  | 'country'
  | 'rfmSegment'
  | 'purchaseCount'
  | 'purchaseTotal'
  | 'totalEventsBooked'
  | 'lastPurchaseAt'
  | 'attributes'
  | 'consents'
  | 'subscriptions';

const FIXED_FIELDS: Record<string, FieldKind> = {
  tags: 'set',
  groups: 'set',
  segments: 'set',
  interests: 'set',
  city: 'text',
  country: 'text',
  rfmSegment: 'text',
  purchaseCount: 'number',
  purchaseTotal: 'number',
  totalEventsBooked: 'number',
  lastPurchaseAt: 'datetime',
};
export const FIELD_NAMES = [...Object.keys(FIXED_FIELDS), 'attributes.<key>', 'consents.<key>', 'subscriptions.<channel>.<category>'];

const OPS_BY_KIND: Record<FieldKind, readonly SegmentOp[]> = {
  set: ['contains', 'ne', 'in', 'exists'],
  text: ['eq', 'ne', 'in', 'contains', 'exists'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in'],
  datetime: ['gt', 'gte', 'lt', 'lte', 'exists'],
  attribute: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists'],
  consent: ['eq', 'ne', 'in', 'exists'],
  subscription: ['eq', 'ne'],
};

export const CONSENT_VALUES = ['given', 'revoked', 'not_captured'] as const;
const ATTRIBUTE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const CONSENT_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
export const CATEGORY_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export const RULE_LIMITS = { depth: 6, conditions: 200, listValues: 1000, textLength: 500 };

/** A field as parsed from its name. */
export type ParsedField =
  | { kind: Exclude<FieldKind, 'attribute' | 'consent' | 'subscription'>; family: FieldFamily; name: string }
  | { kind: 'attribute'; family: 'attributes'; key: string }
  | { kind: 'consent'; family: 'consents'; key: string }
  | { kind: 'subscription'; family: 'subscriptions'; channel: string; category: string };

/** The field a condition names, or an error message. */
export function parseField(field: unknown): ParsedField | string {
  if (typeof field !== 'string' || field === '') return 'must be a field name';
  if (Object.hasOwn(FIXED_FIELDS, field)) return { kind: FIXED_FIELDS[field] as 'set', family: field as FieldFamily, name: field };
  const [head, ...rest] = field.split('.');
  const tail = rest.join('.');
  if (head === 'attributes') {
    return ATTRIBUTE_KEY.test(tail) ? { kind: 'attribute', family: 'attributes', key: tail } : 'attributes.<key> needs a key of letters, digits and _';
  }
  if (head === 'consents') {
    return CONSENT_KEY.test(tail) ? { kind: 'consent', family: 'consents', key: tail } : 'consents.<key> needs a consent key';
  }
  if (head === 'subscriptions') {
    const [channel, category, ...more] = rest;
    if (more.length || !CHANNELS.includes(channel as never) || !CATEGORY_KEY.test(category ?? '')) {
      return `subscriptions.<channel>.<category> needs a channel (${CHANNELS.join(', ')}) and a category key`;
    }
    return { kind: 'subscription', family: 'subscriptions', channel, category };
  }
  return `unknown field "${field}"; fields are ${FIELD_NAMES.join(', ')}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean =>
  (typeof v === 'string' && v.length <= RULE_LIMITS.textLength) || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= RULE_LIMITS.textLength;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A date or date-time as an ISO instant (a date is the start of that day, UTC), or null. */
export function instantOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (ISO_DATE.test(value)) value = `${value}T00:00:00Z`;
  if (!ISO_DATE_TIME.test(value as string)) return null;
  const ms = Date.parse(value as string);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * The value a condition needs, normalised (exists defaults to true, dates become ISO instants),
 * or an error message. Group and segment ids must be UUIDs.
 */
function checkValue(field: ParsedField, op: SegmentOp, value: unknown): { value: unknown } | string {
  if (op === 'exists') {
    if (value === undefined) return { value: true };
    return typeof value === 'boolean' ? { value } : 'exists takes true or false';
  }
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > RULE_LIMITS.listValues) {
      return `in takes a list of 1-${RULE_LIMITS.listValues} values`;
    }
    const items = value.map((v) => checkValue(field, 'eq', v));
    const bad = items.find((i) => typeof i === 'string');
    if (bad) return `every value of the list: ${bad}`;
    return { value: items.map((i) => (i as { value: unknown }).value) };
  }
  const idField = field.kind === 'set' && (field.name === 'groups' || field.name === 'segments');
  switch (field.kind) {
    case 'set':
      if (idField) return typeof value === 'string' && UUID.test(value) ? { value: value.toLowerCase() } : `${field.name} takes ${field.name === 'groups' ? 'group' : 'segment'} ids (UUIDs)`;
      return isText(value) ? { value } : 'must be a text of 1-500 characters';
    case 'text':
      return isText(value) ? { value } : 'must be a text of 1-500 characters';
    case 'number':
      return isNumber(value) ? { value } : 'must be a number';
    case 'datetime': {
      const instant = instantOf(value);
      return instant ? { value: instant } : 'must be a date (YYYY-MM-DD) or an ISO date-time';
    }
    case 'attribute':
      if (op === 'contains') return isText(value) ? { value } : 'contains takes a text';
      if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
        return isNumber(value) || isText(value) ? { value } : 'takes a number or a text (e.g. a date YYYY-MM-DD)';
      }
      return isScalar(value) ? { value } : 'must be a text, number or boolean';
    case 'consent':
      return CONSENT_VALUES.includes(value as never) ? { value } : `must be one of ${CONSENT_VALUES.join(', ')}`;
    case 'subscription':
      return typeof value === 'boolean' ? { value } : 'must be true or false';
  }
}

export interface RuleCheck {
  /** The normalised rule when valid. */
  rule: SegmentRule | null;
  errors: FieldErrors;
}

/**
 * Checks a rule and answers it normalised, or errors keyed by the path of each bad part
 * (`rule.all[1].op`). `segments` references are checked for shape here; whether they exist and
 * whether they make a cycle is the service's check.
 */
export function validateRule(raw: unknown, path = 'rule'): RuleCheck {
  const errors: FieldErrors = {};
  let conditions = 0;
  const add = (at: string, message: string) => (errors[at] = [...(errors[at] ?? []), message]);

  const node = (value: unknown, at: string, depth: number): SegmentRuleNode | null => {
    if (!isObject(value)) {
      add(at, 'must be a rule { all: [...] } / { any: [...] } or a condition { field, op, value }');
      return null;
    }
    if ('all' in value || 'any' in value) return group(value, at, depth);
    return condition(value, at);
  };

  const group = (value: Record<string, unknown>, at: string, depth: number): SegmentRule | null => {
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      add(at, 'a rule has exactly one of all or any, and nothing else');
      return null;
    }
    if (depth > RULE_LIMITS.depth) {
      add(at, `rules nest at most ${RULE_LIMITS.depth} levels deep`);
      return null;
    }
    const key = keys[0] as 'all' | 'any';
    const children = value[key];
    if (!Array.isArray(children)) {
      add(`${at}.${key}`, 'must be a list');
      return null;
    }
    if (key === 'any' && children.length === 0) {
      add(`${at}.any`, 'an empty any matches nobody; give at least one condition');
      return null;
    }
    const checked = children.map((child, i) => node(child, `${at}.${key}[${i}]`, depth + 1));
    if (checked.some((c) => c === null)) return null;
    return key === 'all' ? { all: checked as SegmentRuleNode[] } : { any: checked as SegmentRuleNode[] };
  };

  const condition = (value: Record<string, unknown>, at: string): SegmentCondition | null => {
    conditions++;
    const unknown = Object.keys(value).filter((k) => !['field', 'op', 'value'].includes(k));
    for (const k of unknown) add(`${at}.${k}`, `${k} is not allowed`);
    const field = parseField(value.field);
    if (typeof field === 'string') add(`${at}.field`, field);
    const op = value.op as SegmentOp;
    if (!SEGMENT_OPS.includes(op)) {
      add(`${at}.op`, `must be one of ${SEGMENT_OPS.join(', ')}`);
      return null;
    }
    if (typeof field === 'string' || unknown.length) return null;
    const allowed = OPS_BY_KIND[field.kind];
    if (!allowed.includes(op)) {
      add(`${at}.op`, `${op} does not apply to ${String(value.field)}; use ${allowed.join(', ')}`);
      return null;
    }
    if (field.kind === 'set' && field.name === 'segments' && op === 'exists') {
      add(`${at}.op`, 'segments takes contains, ne or in with segment ids');
      return null;
    }
    const checked = checkValue(field, op, value.value);
    if (typeof checked === 'string') {
      add(`${at}.value`, checked);
      return null;
    }
    return { field: value.field as string, op, value: checked.value };
  };

  const rule = node(raw, path, 1);
  if (rule && !('all' in rule || 'any' in rule)) {
    add(path, 'the top of a rule is { all: [...] } or { any: [...] }');
  }
  if (conditions > RULE_LIMITS.conditions) add(path, `a rule has at most ${RULE_LIMITS.conditions} conditions`);
  const valid = Object.keys(errors).length === 0;
  return { rule: valid ? (rule as SegmentRule) : null, errors };
}

/** Every condition of a rule, depth first. */
export function conditionsOf(rule: SegmentRuleNode): SegmentCondition[] {
  if ('all' in rule) return rule.all.flatMap(conditionsOf);
  if ('any' in rule) return rule.any.flatMap(conditionsOf);
  return [rule];
}

/** The field families a (valid) rule reads. */
export function familiesOf(rule: SegmentRule): FieldFamily[] {
  const families = new Set<FieldFamily>();
  for (const c of conditionsOf(rule)) {
    const field = parseField(c.field);
    if (typeof field !== 'string') families.add(field.family);
  }
  return [...families].sort();
}

/** The segments a (valid) rule refers to, with the path of each reference. */
export function segmentRefsOf(rule: SegmentRule, path = 'rule'): Array<{ id: string; path: string }> {
  const refs: Array<{ id: string; path: string }> = [];
  const walk = (node: SegmentRuleNode, at: string) => {
    if ('all' in node) node.all.forEach((n, i) => walk(n, `${at}.all[${i}]`));
    else if ('any' in node) node.any.forEach((n, i) => walk(n, `${at}.any[${i}]`));
    else if (node.field === 'segments') {
      const ids = Array.isArray(node.value) ? (node.value as string[]) : [node.value as string];
      for (const id of ids) refs.push({ id, path: `${at}.value` });
    }
  };
  walk(rule, path);
  return refs;
}

/** The subscription categories a (valid) rule names, with the path of each. */
export function categoryRefsOf(rule: SegmentRule, path = 'rule'): Array<{ category: string; path: string }> {
  const refs: Array<{ category: string; path: string }> = [];
  const walk = (node: SegmentRuleNode, at: string) => {
    if ('all' in node) node.all.forEach((n, i) => walk(n, `${at}.all[${i}]`));
    else if ('any' in node) node.any.forEach((n, i) => walk(n, `${at}.any[${i}]`));
    else {
      const field = parseField(node.field);
      if (typeof field !== 'string' && field.kind === 'subscription') refs.push({ category: field.category, path: `${at}.field` });
    }
  };
  walk(rule, path);
  return refs;
}

// ------------------------------------------------------------------ evaluation for one customer

/** What a rule can read about one customer. */
export interface CustomerFacts {
  tags: string[];
  groups: string[];
  /** Ids of the segments the customer is in (already evaluated ones for segments read by this rule). */
  segments: string[];
  /** Categories of the customer's active interests (M7). */
  interests: string[];
  city: string | null;
  country: string | null;
  rfmSegment: string | null;
  purchaseCount: number;
  purchaseTotal: number;
  totalEventsBooked: number;
  lastPurchaseAt: string | null;
  attributes: Record<string, unknown>;
  consents: Record<string, string>;
  /** `channel.category` of every subscription the customer holds. */
  subscriptions: string[];
}

function compare(actual: number | string, op: SegmentOp, expected: number | string): boolean {
  switch (op) {
    case 'gt':
      return actual > expected;
    case 'gte':
      return actual >= expected;
    case 'lt':
      return actual < expected;
    case 'lte':
      return actual <= expected;
    default:
      return false;
  }
}

/**
 * Whether a condition holds. Missing values: `ne` holds, every other comparison fails. Text
 * fields (city, country, rfmSegment) compare case-insensitively; sets, attributes and consents
 * exactly (attribute `contains` ignores case).
 */
export function conditionHolds(c: SegmentCondition, facts: CustomerFacts): boolean {
  const field = parseField(c.field);
  if (typeof field === 'string') return false;
  const { op, value } = c;
  switch (field.kind) {
    case 'set': {
      const set = facts[field.name as 'tags' | 'groups' | 'segments' | 'interests'];
      if (op === 'exists') return set.length > 0 === value;
      if (op === 'contains') return set.includes(value as string);
      if (op === 'ne') return !set.includes(value as string);
      return (value as string[]).some((v) => set.includes(v)); // in
    }
    case 'text': {
      const actual = facts[field.name as 'city' | 'country' | 'rfmSegment'];
      if (op === 'exists') return (actual !== null && actual !== '') === value;
      if (op === 'ne') return actual === null || actual.toLowerCase() !== (value as string).toLowerCase();
      if (actual === null) return false;
      const a = actual.toLowerCase();
      if (op === 'eq') return a === (value as string).toLowerCase();
      if (op === 'contains') return a.includes((value as string).toLowerCase());
      return (value as string[]).some((v) => v.toLowerCase() === a); // in
    }
    case 'number': {
      const actual = facts[field.name as 'purchaseCount' | 'purchaseTotal' | 'totalEventsBooked'];
      if (op === 'eq') return actual === value;
      if (op === 'ne') return actual !== value;
      if (op === 'in') return (value as number[]).includes(actual);
      return compare(actual, op, value as number);
    }
    case 'datetime': {
      const actual = facts.lastPurchaseAt;
      if (op === 'exists') return (actual !== null) === value;
      if (actual === null) return false;
      return compare(Date.parse(actual), op, Date.parse(value as string));
    }
    case 'attribute': {
      const actual = facts.attributes[field.key];
      const present = actual !== undefined && actual !== null;
      if (op === 'exists') return present === value;
      if (op === 'ne') return !present || actual !== value;
      if (!present) return false;
      if (op === 'eq') return actual === value;
      if (op === 'in') return (value as unknown[]).includes(actual);
      if (op === 'contains') return typeof actual === 'string' && actual.toLowerCase().includes((value as string).toLowerCase());
      // gt/gte/lt/lte: numbers with numbers, texts with texts (e.g. dates YYYY-MM-DD)
      if (typeof value === 'number') return typeof actual === 'number' && compare(actual, op, value);
      return typeof actual === 'string' && compare(actual, op, value as string);
    }
    case 'consent': {
      const actual = facts.consents[field.key];
      if (op === 'exists') return (actual !== undefined) === value;
      if (op === 'ne') return actual !== value;
      if (op === 'eq') return actual === value;
      return actual !== undefined && (value as string[]).includes(actual); // in
    }
    case 'subscription': {
      const subscribed = facts.subscriptions.includes(`${field.channel}.${field.category}`);
      return op === 'eq' ? subscribed === value : subscribed !== value;
    }
  }
}

/** Whether a (valid) rule matches a customer. */
export function evaluateRule(rule: SegmentRuleNode, facts: CustomerFacts): boolean {
  if ('all' in rule) return rule.all.every((n) => evaluateRule(n, facts));
  if ('any' in rule) return rule.any.some((n) => evaluateRule(n, facts));
  return conditionHolds(rule, facts);
}

// ------------------------------------------------------------------ segment graph

export interface SegmentNode {
  id: string;
  dependsOn: string[];
}

/**
 * The path of segment ids that would make `id` depend on itself if it depended on `dependsOn`,
 * or null when there is no cycle.
 */
export function findCycle(id: string, dependsOn: string[], others: SegmentNode[]): string[] | null {
  const edges = new Map(others.filter((s) => s.id !== id).map((s) => [s.id, s.dependsOn]));
  edges.set(id, dependsOn);
  const seen = new Set<string>();
  const walk = (node: string, trail: string[]): string[] | null => {
    for (const next of edges.get(node) ?? []) {
      if (next === id) return [...trail, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return null;
  };
  return walk(id, [id]);
}

/** Segments in an order where each comes after the segments it reads (the graph has no cycles). */
export function topologicalOrder<T extends SegmentNode>(segments: T[]): T[] {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (s: T, stack: Set<string>) => {
    if (done.has(s.id) || stack.has(s.id)) return;
    stack.add(s.id);
    for (const dep of s.dependsOn) {
      const d = byId.get(dep);
      if (d) visit(d, stack);
    }
    done.add(s.id);
    out.push(s);
  };
  for (const s of segments) visit(s, new Set());
  return out;
}

/** Segments that read a changed family, and every segment that reads one of those. */
export function relevantSegments(segments: Array<{ id: string; fields: FieldFamily[]; dependsOn: string[] }>, changed: FieldFamily[]): Set<string> {
  const relevant = new Set(segments.filter((s) => s.fields.some((f) => changed.includes(f))).map((s) => s.id));
  let grew = relevant.size > 0;
  while (grew) {
    grew = false;
    for (const s of segments) {
      if (!relevant.has(s.id) && s.dependsOn.some((d) => relevant.has(d))) {
        relevant.add(s.id);
        grew = true;
      }
    }
  }
  return relevant;
}
