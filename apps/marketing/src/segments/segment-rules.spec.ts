import type { SegmentRule } from '@app/contracts';
import { categoryRefsOf, evaluateRule, familiesOf, findCycle, relevantSegments, segmentRefsOf, topologicalOrder, validateRule, type CustomerFacts } from './segment-rules';

const GROUP = '11111111-1111-4111-8111-111111111111';
const SEG_A = '22222222-2222-4222-8222-222222222222';
const SEG_B = '33333333-3333-4333-8333-333333333333';

const facts = (overrides: Partial<CustomerFacts> = {}): CustomerFacts => ({
  tags: [],
  groups: [],
  segments: [],
  interests: [],
  city: null,
  country: null,
  rfmSegment: null,
  purchaseCount: 0,
  purchaseTotal: 0,
  totalEventsBooked: 0,
  lastPurchaseAt: null,
  attributes: {},
  consents: {},
  subscriptions: [],
  ...overrides,
});

const valid = (rule: unknown): SegmentRule => {
  const checked = validateRule(rule);
  expect(checked.errors).toEqual({});
  return checked.rule!;
};
const matches = (rule: unknown, f: Partial<CustomerFacts>) => evaluateRule(valid(rule), facts(f));
const one = (field: string, op: string, value?: unknown) => ({ all: [{ field, op, ...(value === undefined ? {} : { value }) }] });

describe('segment rule validation', () => {
  it('accepts every field family with its operators', () => {
    valid({
      any: [
        { field: 'tags', op: 'contains', value: 'vip' },
        { field: 'groups', op: 'in', value: [GROUP] },
        { field: 'segments', op: 'ne', value: SEG_A },
        { field: 'interests', op: 'exists' },
        { field: 'city', op: 'eq', value: 'Berlin' },
        { field: 'country', op: 'in', value: ['DE', 'AT'] },
        { field: 'rfmSegment', op: 'eq', value: 'champions' },
        { field: 'attributes.shoeSize', op: 'gte', value: 42 },
        { field: 'consents.email_marketing', op: 'eq', value: 'given' },
        { field: 'subscriptions.email.newsletter', op: 'eq', value: true },
        { all: [{ field: 'purchaseCount', op: 'gt', value: 3 }, { field: 'purchaseTotal', op: 'lte', value: 100000 }] },
        { field: 'lastPurchaseAt', op: 'gte', value: '2024-01-01' },
        { field: 'totalEventsBooked', op: 'eq', value: 0 },
      ],
    });
  });

  it('reports an unknown field and a wrong operator with the path of the condition', () => {
    const { rule, errors } = validateRule({
      all: [{ field: 'tags', op: 'contains', value: 'vip' }, { any: [{ field: 'shoeSize', op: 'eq', value: 1 }, { field: 'tags', op: 'gt', value: 'a' }] }],
    });
    expect(rule).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['rule.all[1].any[0].field', 'rule.all[1].any[1].op']);
    expect(errors['rule.all[1].any[0].field'][0]).toMatch(/unknown field "shoeSize"/);
    expect(errors['rule.all[1].any[1].op'][0]).toMatch(/gt does not apply to tags/);
  });

  it('refuses operators that do not exist and values of the wrong type', () => {
    const { errors } = validateRule({
      all: [
        { field: 'city', op: 'like', value: 'B%' },
        { field: 'purchaseCount', op: 'gt', value: '3' },
        { field: 'lastPurchaseAt', op: 'gt', value: 'last week' },
        { field: 'groups', op: 'contains', value: 'not-a-uuid' },
        { field: 'consents.sms', op: 'eq', value: 'yes' },
        { field: 'subscriptions.email.news', op: 'eq', value: 'true' },
        { field: 'country', op: 'in', value: [] },
        { field: 'tags', op: 'exists', value: 'yes' },
      ],
    });
    expect(Object.keys(errors).sort()).toEqual([
      'rule.all[0].op',
      'rule.all[1].value',
      'rule.all[2].value',
      'rule.all[3].value',
      'rule.all[4].value',
      'rule.all[5].value',
      'rule.all[6].value',
      'rule.all[7].value',
    ]);
  });

  it('refuses malformed rules: not an object, both all and any, extra keys, empty any, bad field names, too deep', () => {
    expect(validateRule('vip').errors).toHaveProperty('rule');
    expect(validateRule({ field: 'tags', op: 'contains', value: 'x' }).errors).toHaveProperty('rule');
    expect(validateRule({ all: [], any: [] }).errors).toHaveProperty('rule');
    expect(validateRule({ all: [{ field: 'city', op: 'eq', value: 'x', note: 'hi' }] }).errors).toHaveProperty(['rule.all[0].note']);
    expect(validateRule({ any: [] }).errors).toHaveProperty(['rule.any']);
    expect(validateRule({ all: 'city' }).errors).toHaveProperty(['rule.all']);
    expect(validateRule(one('subscriptions.fax.news', 'eq', true)).errors).toHaveProperty(['rule.all[0].field']);
    expect(validateRule(one('attributes.', 'exists')).errors).toHaveProperty(['rule.all[0].field']);
    expect(validateRule(one('constructor', 'eq', 1)).errors).toHaveProperty(['rule.all[0].field']);
    let deep: unknown = { field: 'city', op: 'eq', value: 'x' };
    for (let i = 0; i < 7; i++) deep = { all: [deep] };
    expect(Object.keys(validateRule(deep).errors)[0]).toMatch(/^rule(\.all\[0\])+$/);
  });

  it('normalises values: exists defaults to true, dates become instants, ids lower case', () => {
    expect(valid(one('tags', 'exists'))).toEqual({ all: [{ field: 'tags', op: 'exists', value: true }] });
    expect(valid(one('lastPurchaseAt', 'lt', '2024-03-01'))).toEqual({ all: [{ field: 'lastPurchaseAt', op: 'lt', value: '2024-03-01T00:00:00.000Z' }] });
    expect(valid(one('groups', 'contains', GROUP.toUpperCase()))).toEqual({ all: [{ field: 'groups', op: 'contains', value: GROUP }] });
  });

  it('lists what a rule reads: field families, segments and categories with their paths', () => {
    const rule = valid({ all: [{ field: 'segments', op: 'in', value: [SEG_A, SEG_B] }, { any: [{ field: 'subscriptions.sms.promotions', op: 'eq', value: true }, { field: 'attributes.x', op: 'exists' }] }] });
    expect(familiesOf(rule)).toEqual(['attributes', 'segments', 'subscriptions']);
    expect(segmentRefsOf(rule)).toEqual([
      { id: SEG_A, path: 'rule.all[0].value' },
      { id: SEG_B, path: 'rule.all[0].value' },
    ]);
    expect(categoryRefsOf(rule)).toEqual([{ category: 'promotions', path: 'rule.all[1].any[0].field' }]);
  });
});

describe('segment rule evaluation', () => {
  it('matches everyone with an empty all, and combines with all and any', () => {
    expect(matches({ all: [] }, {})).toBe(true);
    const rule = { all: [{ field: 'tags', op: 'contains', value: 'vip' }, { any: [{ field: 'city', op: 'eq', value: 'berlin' }, { field: 'purchaseCount', op: 'gte', value: 5 }] }] };
    expect(matches(rule, { tags: ['vip'], city: 'Berlin' })).toBe(true);
    expect(matches(rule, { tags: ['vip'], city: 'Bonn', purchaseCount: 5 })).toBe(true);
    expect(matches(rule, { tags: ['vip'], city: 'Bonn', purchaseCount: 4 })).toBe(false);
    expect(matches(rule, { tags: ['VIP'], city: 'Berlin' })).toBe(false);
  });

  it('reads sets: contains, ne (does not contain), in (any of), exists', () => {
    expect(matches(one('tags', 'ne', 'blocked'), { tags: [] })).toBe(true);
    expect(matches(one('tags', 'ne', 'blocked'), { tags: ['blocked'] })).toBe(false);
    expect(matches(one('groups', 'in', [GROUP, SEG_A]), { groups: [GROUP] })).toBe(true);
    expect(matches(one('tags', 'exists', false), { tags: [] })).toBe(true);
    expect(matches(one('interests', 'contains', 'monitors'), { interests: ['monitors'] })).toBe(true);
    expect(matches(one('segments', 'contains', SEG_A), { segments: [SEG_B] })).toBe(false);
  });

  it('compares text without case, and a missing value only satisfies ne', () => {
    expect(matches(one('city', 'contains', 'ERL'), { city: 'Berlin' })).toBe(true);
    expect(matches(one('country', 'in', ['de', 'at']), { country: 'AT' })).toBe(true);
    expect(matches(one('city', 'ne', 'Berlin'), { city: null })).toBe(true);
    expect(matches(one('city', 'eq', 'Berlin'), { city: null })).toBe(false);
    expect(matches(one('city', 'contains', 'x'), { city: null })).toBe(false);
    expect(matches(one('rfmSegment', 'exists'), { rfmSegment: null })).toBe(false);
    expect(matches(one('city', 'exists', false), { city: '' })).toBe(true);
  });

  it('compares numbers at their edges', () => {
    expect(matches(one('purchaseTotal', 'gt', 1000), { purchaseTotal: 1000 })).toBe(false);
    expect(matches(one('purchaseTotal', 'gte', 1000), { purchaseTotal: 1000 })).toBe(true);
    expect(matches(one('totalEventsBooked', 'lt', 1), { totalEventsBooked: 0 })).toBe(true);
    expect(matches(one('totalEventsBooked', 'lte', 0), { totalEventsBooked: 1 })).toBe(false);
    expect(matches(one('purchaseCount', 'in', [1, 2]), { purchaseCount: 2 })).toBe(true);
    expect(matches(one('purchaseCount', 'ne', 0), { purchaseCount: 0 })).toBe(false);
  });

  it('compares the last purchase as an instant; no purchase matches no comparison', () => {
    const at = '2024-03-01T00:00:00.000Z';
    expect(matches(one('lastPurchaseAt', 'gte', '2024-03-01'), { lastPurchaseAt: at })).toBe(true);
    expect(matches(one('lastPurchaseAt', 'gt', '2024-03-01'), { lastPurchaseAt: at })).toBe(false);
    expect(matches(one('lastPurchaseAt', 'lt', '2024-03-01T00:00:00.001Z'), { lastPurchaseAt: at })).toBe(true);
    expect(matches(one('lastPurchaseAt', 'lt', '2030-01-01'), { lastPurchaseAt: null })).toBe(false);
    expect(matches(one('lastPurchaseAt', 'exists', false), { lastPurchaseAt: null })).toBe(true);
  });

  it('compares attributes by their type', () => {
    expect(matches(one('attributes.size', 'gte', 42), { attributes: { size: 42 } })).toBe(true);
    expect(matches(one('attributes.size', 'gte', 42), { attributes: { size: '44' } })).toBe(false);
    expect(matches(one('attributes.since', 'lt', '2020-01-01'), { attributes: { since: '2019-12-31' } })).toBe(true);
    expect(matches(one('attributes.vip', 'eq', true), { attributes: { vip: true } })).toBe(true);
    expect(matches(one('attributes.vip', 'eq', true), { attributes: { vip: 'true' } })).toBe(false);
    expect(matches(one('attributes.vip', 'ne', true), { attributes: {} })).toBe(true);
    expect(matches(one('attributes.tier', 'in', ['gold', 'silver']), { attributes: { tier: 'gold' } })).toBe(true);
    expect(matches(one('attributes.note', 'contains', 'VEGAN'), { attributes: { note: 'likes vegan food' } })).toBe(true);
    expect(matches(one('attributes.note', 'exists'), { attributes: { note: null } })).toBe(false);
  });

  it('reads consents and subscriptions; nothing recorded means not given and not subscribed', () => {
    expect(matches(one('consents.email', 'eq', 'given'), { consents: { email: 'given' } })).toBe(true);
    expect(matches(one('consents.email', 'ne', 'given'), { consents: {} })).toBe(true);
    expect(matches(one('consents.email', 'in', ['revoked', 'not_captured']), { consents: {} })).toBe(false);
    expect(matches(one('consents.email', 'exists'), { consents: { email: 'revoked' } })).toBe(true);
    expect(matches(one('subscriptions.email.news', 'eq', true), { subscriptions: ['email.news'] })).toBe(true);
    expect(matches(one('subscriptions.email.news', 'eq', false), { subscriptions: [] })).toBe(true);
    expect(matches(one('subscriptions.email.news', 'ne', true), { subscriptions: ['sms.news'] })).toBe(true);
  });
});

describe('segment graph', () => {
  it('finds a cycle through other segments and none without one', () => {
    const others = [
      { id: 'b', dependsOn: ['c'] },
      { id: 'c', dependsOn: [] },
      { id: 'd', dependsOn: ['a'] },
    ];
    expect(findCycle('a', ['b'], others)).toBeNull();
    expect(findCycle('c', ['d'], [...others, { id: 'a', dependsOn: ['b'] }])).toEqual(['c', 'd', 'a', 'b', 'c']);
    expect(findCycle('a', ['a'], others)).toEqual(['a', 'a']);
  });

  it('orders segments after the ones they read', () => {
    const order = topologicalOrder([
      { id: 'top', dependsOn: ['mid'] },
      { id: 'mid', dependsOn: ['base'] },
      { id: 'base', dependsOn: [] },
      { id: 'alone', dependsOn: [] },
    ]).map((s) => s.id);
    expect(order.indexOf('base')).toBeLessThan(order.indexOf('mid'));
    expect(order.indexOf('mid')).toBeLessThan(order.indexOf('top'));
    expect(order).toHaveLength(4);
  });
});

describe('segments to re-evaluate after a change', () => {
  it('takes the segments reading a changed field and those reading them, transitively', () => {
    const segments = [
      { id: 'by-city', fields: ['city' as const], dependsOn: [] },
      { id: 'by-tags', fields: ['tags' as const], dependsOn: [] },
      { id: 'city-and-more', fields: ['segments' as const], dependsOn: ['by-city'] },
      { id: 'top', fields: ['segments' as const], dependsOn: ['city-and-more'] },
    ];
    expect([...relevantSegments(segments, ['city'])].sort()).toEqual(['by-city', 'city-and-more', 'top']);
    expect([...relevantSegments(segments, ['tags'])]).toEqual(['by-tags']);
    expect(relevantSegments(segments, ['interests']).size).toBe(0);
  });
});
