import { buildListQuery, likeEscape, searchCondition } from './customer-list.query';

const base = { sort: '-registeredAt' as const, after: null, limit: 20, defaultPhoneCountry: 'DE' };

describe('searchCondition', () => {
  const collect = (q: string) => {
    const params: unknown[] = ['tenant'];
    const condition = searchCondition(q, (v) => {
      params.push(v);
      return `$${params.length}`;
    });
    return { condition, params: params.slice(1) };
  };

  it('looks a full email address up exactly', () => {
    const { condition, params } = collect(' Anna@Example.com ');
    expect(condition).toMatch(/customer_emails WHERE tenant_id = \$1 AND address = \$2/);
    expect(params).toEqual(['anna@example.com']);
  });

  it('needs every word in the search text', () => {
    const { condition, params } = collect('Anna  Sch');
    expect(condition).toBe('c.search_text LIKE $2 AND c.search_text LIKE $3');
    expect(params).toEqual(['%anna%', '%sch%']);
  });

  it('matches phone digits without trunk zeros', () => {
    const { condition, params } = collect('0151 12345678');
    expect(condition).toBe('c.search_text LIKE $2');
    expect(params).toEqual(['%15112345678%']);
  });

  it('has no condition for a blank search', () => {
    expect(collect('   ').condition).toBeNull();
  });

  it('escapes LIKE wildcards', () => {
    expect(likeEscape('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});

describe('buildListQuery', () => {
  it('filters by tenant and live rows and orders stably by the sort column and id', () => {
    const { sql, params } = buildListQuery('acme', base);
    expect(sql).toMatch(/c\.tenant_id = \$1 AND c\.deleted_at IS NULL/);
    expect(sql).toMatch(/ORDER BY c\.registered_at DESC, c\.id DESC LIMIT \$2$/);
    expect(params).toEqual(['acme', 21]);
  });

  it('continues after the cursor position in the sort direction', () => {
    const after = { value: 'meyer anna', id: '5b7c1f9e-0000-4000-8000-000000000001' };
    expect(buildListQuery('acme', { ...base, sort: 'name', after }).sql).toMatch(/\(c\.sort_name, c\.id\) > \(\$2::text, \$3::uuid\)/);
    expect(buildListQuery('acme', { ...base, sort: '-name', after }).sql).toMatch(/\(c\.sort_name, c\.id\) < /);
  });

  it('refuses a cursor whose id or timestamp is not one', () => {
    expect(() => buildListQuery('acme', { ...base, after: { value: 'x', id: '5b7c1f9e-0000-4000-8000-000000000001' } })).toThrow();
    expect(() => buildListQuery('acme', { ...base, sort: 'name', after: { value: 'x', id: 'nope' } })).toThrow();
  });
});
