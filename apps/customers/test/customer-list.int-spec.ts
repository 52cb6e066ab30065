import { CustomersPatterns, ErrorCodes, type CustomerView, type ListCustomersQuery, type Page } from '@app/contracts';
import { failureOf, query, RpcTestClient, TestSystem } from '@app/testing';
import { admin, aCustomer, aTenant, createCustomer } from './customers-test-kit';

/** The customer list (C17): search, filters, sorts and keyset pagination. */
describe('customer list', () => {
  let system: TestSystem;
  let client: RpcTestClient;
  const tenantId = aTenant();
  const people: CustomerView[] = [];
  const list = (q: ListCustomersQuery, tenant = tenantId) => client.send<Page<CustomerView>>(CustomersPatterns.list, { tenantId: tenant, actor: admin, query: q });
  const ids = (page: Page<CustomerView>) => page.items.map((c) => c.id);

  /** Every page of a list, following nextCursor. */
  async function allPages(q: ListCustomersQuery): Promise<{ items: CustomerView[]; pages: number }> {
    const items: CustomerView[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list({ ...q, cursor });
      items.push(...page.items);
      pages += 1;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages < 50);
    return { items, pages };
  }

  beforeAll(async () => {
    system = await TestSystem.start({ apps: ['customers'] });
    client = await RpcTestClient.connect(system.nats.url);
    const named = [
      { firstName: 'Anna', lastName: 'Schmidt', email: 'anna.schmidt@example.com', phone: '+49 151 11111111', tags: ['vip'] },
      { firstName: 'Annabelle', lastName: 'Meyer', email: 'belle@example.org', phone: '+49 30 2222222' },
      { firstName: 'Johanna', lastName: 'Bauer', email: 'jo@example.net', tags: ['vip'] },
      { kind: 'company' as const, companyName: 'Schmidt & Söhne GmbH', email: 'info@schmidt-soehne.example.com' },
      { firstName: 'Zoe', lastName: 'Adams', email: 'zoe@example.com', phone: '0151 33333333' },
    ];
    for (const input of named) people.push(await createCustomer(client, tenantId, input));
    // Filler so that lists span several pages (30 customers in all).
    for (let i = 0; i < 25; i++) people.push(await createCustomer(client, tenantId, aCustomer({ firstName: 'Filler', lastName: `F${String(i).padStart(2, '0')}` })));
    // Spread first-seen dates over days so the date filters and that sort have something to do.
    for (const [i, c] of people.entries()) {
      await query(system.db('customers'), `UPDATE customers SET first_seen_at = $1 WHERE id = $2`, [`2024-03-${String((i % 10) + 1).padStart(2, '0')}T12:00:00Z`, c.id]);
    }
    await createCustomer(client, aTenant(), aCustomer({ firstName: 'Anna', lastName: 'Elsewhere' }));
  });

  afterAll(async () => {
    await client?.close();
    await system?.stop();
  });

  describe('search (q)', () => {
    it('finds names by prefix and by substring, case-insensitive, across first, last and company name', async () => {
      expect(ids(await list({ q: 'ANN' })).sort()).toEqual([people[0].id, people[1].id, people[2].id].sort());
      expect(ids(await list({ q: 'belle' }))).toEqual([people[1].id]);
      expect(ids(await list({ q: 'schmidt' })).sort()).toEqual([people[0].id, people[3].id].sort());
      expect(ids(await list({ q: 'söhne' }))).toEqual([people[3].id]);
      expect(ids(await list({ q: 'anna schm' }))).toEqual([people[0].id]);
      expect(ids(await list({ q: 'nobody-like-this' }))).toEqual([]);
    });

    it('finds emails exactly and by part', async () => {
      expect(ids(await list({ q: 'Belle@Example.org' }))).toEqual([people[1].id]);
      expect(ids(await list({ q: 'example.net' }))).toEqual([people[2].id]);
    });

    it('finds phones in international or national writing and by part', async () => {
      expect(ids(await list({ q: '+4915133333333' }))).toEqual([people[4].id]);
      expect(ids(await list({ q: '0151 3333 3333' }))).toEqual([people[4].id]);
      expect(ids(await list({ q: '2222222' }))).toEqual([people[1].id]);
    });

    it('treats LIKE wildcards as characters', async () => {
      expect(ids(await list({ q: '%' }))).toEqual([]);
      expect(ids(await list({ q: '_' }))).toEqual([]);
    });

    it("never shows another tenant's customers", async () => {
      const found = await list({ q: 'anna' });
      expect(found.items.every((c) => c.lastName !== 'Elsewhere')).toBe(true);
    });
  });

  describe('filters', () => {
    it('filters by tag and by first-seen dates (inclusive)', async () => {
      expect(ids(await list({ tag: 'vip' })).sort()).toEqual([people[0].id, people[2].id].sort());
      const { items } = await allPages({ firstSeenFrom: '2024-03-02', firstSeenTo: '2024-03-03', limit: 5 });
      const expected = people.filter((_, i) => [2, 3].includes((i % 10) + 1)).map((c) => c.id);
      expect(items.map((c) => c.id).sort()).toEqual(expected.sort());
      expect(items).toHaveLength(6);
    });

    it('answers 400 for a groupId or segmentId that is no id', async () => {
      for (const q of [{ groupId: 'g1' }, { segmentId: 's1' }]) {
        expect(await failureOf(list(q))).toMatchObject({ status: 400, code: ErrorCodes.validationFailed });
      }
    });

    it('refuses a bad sort, date or cursor per field', async () => {
      expect(await failureOf(list({ sort: 'age' as never }))).toMatchObject({ status: 400, details: { errors: { sort: expect.any(Array) } } });
      expect(await failureOf(list({ firstSeenFrom: '2024-02-30' }))).toMatchObject({ status: 400, details: { errors: { firstSeenFrom: expect.any(Array) } } });
      const page = await list({ sort: 'name', limit: 2 });
      expect(await failureOf(list({ sort: '-name', cursor: page.nextCursor! }))).toMatchObject({ status: 400, details: { errors: { cursor: expect.any(Array) } } });
    });
  });

  describe('sort and cursor pagination', () => {
    it('pages through all 30 customers without duplicates or gaps for every sort', async () => {
      for (const sort of ['name', '-name', 'registeredAt', '-registeredAt', 'firstSeenAt', '-firstSeenAt'] as const) {
        const { items, pages } = await allPages({ sort, limit: 7 });
        expect(pages).toBe(5);
        expect(items).toHaveLength(30);
        expect(new Set(items.map((c) => c.id)).size).toBe(30);
        const whole = await list({ sort, limit: 100 });
        expect(ids(whole)).toEqual(items.map((c) => c.id));
        expect(whole.nextCursor).toBeNull();
      }
    });

    it('orders by name (last name, then first name), by registration and first seen', async () => {
      const byName = (await allPages({ sort: 'name', limit: 10 })).items;
      expect(byName[0].lastName).toBe('Adams');
      const position = (lastName: string) => byName.findIndex((c) => c.lastName === lastName);
      expect(position('Bauer')).toBeLessThan(position('F00'));
      expect(position('F24')).toBeLessThan(position('Meyer'));
      expect(position('Meyer')).toBeLessThan(position('Schmidt'));
      expect(ids(await list({ sort: '-name', limit: 30 }))).toEqual(byName.map((c) => c.id).reverse());

      const newest = await list({ limit: 30 });
      expect(ids(newest)).toEqual(people.map((c) => c.id).reverse());
      expect(ids(await list({ sort: 'registeredAt', limit: 30 }))).toEqual(people.map((c) => c.id));

      const bySeen = (await list({ sort: 'firstSeenAt', limit: 30 })).items.map((c) => c.firstSeenAt!);
      expect([...bySeen].sort()).toEqual(bySeen);
    });

    it('pages a search result', async () => {
      const { items, pages } = await allPages({ q: 'filler', limit: 10, sort: 'name' });
      expect(pages).toBe(3);
      expect(items.map((c) => c.lastName)).toEqual(Array.from({ length: 25 }, (_, i) => `F${String(i).padStart(2, '0')}`));
    });

    it('defaults to 20 items and caps the limit at 100', async () => {
      const page = await list({});
      expect(page.items).toHaveLength(20);
      expect(page.nextCursor).not.toBeNull();
      expect((await list({ limit: 1000 })).items).toHaveLength(30);
    });
  });
});
