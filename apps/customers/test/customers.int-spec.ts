import { CustomerEvents, CustomersPatterns, ErrorCodes, type ConsentView, type CustomerView, type Page } from '@app/contracts';
import { failureOf, query, RpcTestClient, TestSystem } from '@app/testing';
import { admin, aCustomer, aTenant, createCustomer } from './customers-test-kit';

describe('customers service', () => {
  let system: TestSystem;
  let client: RpcTestClient;
  const send = <T = CustomerView>(pattern: string, data: object) => client.send<T>(pattern, data);
  const outbox = (type: string, customerId: string) =>
    query<{ type: string; envelope: { data: any; tenantId: string } }>(
      system.db('customers'),
      `SELECT type, envelope FROM outbox_events WHERE type = $1 AND (envelope->'data'->'customer'->>'id' = $2 OR envelope->'data'->>'customerId' = $2) ORDER BY seq`,
      [type, customerId],
    );

  beforeAll(async () => {
    system = await TestSystem.start({ apps: ['customers'] });
    client = await RpcTestClient.connect(system.nats.url);
  });

  afterAll(async () => {
    await client?.close();
    await system?.stop();
  });

  describe('create and read (C1, C2)', () => {
    it('stores contact data with detected phone types, warnings and a created event', async () => {
      const tenantId = aTenant();
      const c = await createCustomer(client, tenantId, {
        firstName: 'Anna',
        lastName: 'Schmidt',
        email: ' Anna.Schmidt@Example.COM ',
        otherEmails: ['anna@work.example.com'],
        phone: '030 1234567',
        otherPhones: ['+1 201 555 0123'],
        birthDate: '1990-04-01',
        country: 'de',
        utm: { source: 'newsletter' },
      });
      expect(c.email).toBe('anna.schmidt@example.com');
      expect(c.emails).toEqual([
        { address: 'anna.schmidt@example.com', status: 'unverified', primary: true },
        { address: 'anna@work.example.com', status: 'unverified', primary: false },
      ]);
      expect(c.phones).toEqual([
        { number: '+49301234567', type: 'landline', status: 'unverified', primary: true },
        { number: '+12015550123', type: 'unknown', status: 'unverified', primary: false },
      ]);
      expect(c.warnings).toEqual(['no_mobile_phone']);
      expect(c.country).toBe('DE');
      expect(c.birthDate).toBe('1990-04-01');

      expect(await send(CustomersPatterns.get, { tenantId, actor: admin, id: c.id })).toEqual(c);
      expect((await send(CustomersPatterns.getByEmail, { tenantId, actor: admin, email: 'ANNA@work.example.com' })).id).toBe(c.id);

      const created = await outbox(CustomerEvents.created, c.id);
      expect(created).toHaveLength(1);
      expect(created[0].envelope.tenantId).toBe(tenantId);
      expect(created[0].envelope.data.customer).toEqual({ ...c, consents: {} });
    });

    it('warns about missing contact data and detects a mobile', async () => {
      const tenantId = aTenant();
      const bare = await createCustomer(client, tenantId, { firstName: 'No', lastName: 'Contact' });
      expect(bare.warnings).toEqual(['missing_email', 'missing_phone']);
      const mobile = await createCustomer(client, tenantId, aCustomer({ phone: '+49 151 12345678' }));
      expect(mobile.phones[0].type).toBe('mobile');
      expect(mobile.warnings).toEqual([]);
    });

    it('refuses an invalid phone and email per field', async () => {
      const error = await failureOf(createCustomer(client, aTenant(), { firstName: 'X', phone: '12', email: 'not-an-email' }));
      expect(error.status).toBe(400);
      expect(error.code).toBe(ErrorCodes.validationFailed);
      expect(Object.keys((error.details as any).errors).sort()).toEqual(['email', 'phone']);
    });

    it('keeps an email unique within a tenant only', async () => {
      const tenantId = aTenant();
      await createCustomer(client, tenantId, aCustomer({ email: 'same@example.com' }));
      const taken = await failureOf(createCustomer(client, tenantId, aCustomer({ email: 'SAME@example.com' })));
      expect(taken).toMatchObject({ status: 409, code: ErrorCodes.emailTaken });
      const takenAsOther = await failureOf(createCustomer(client, tenantId, aCustomer({ otherEmails: ['same@example.com'] })));
      expect(takenAsOther).toMatchObject({ status: 409, code: ErrorCodes.emailTaken });

      const elsewhere = await createCustomer(client, aTenant(), aCustomer({ email: 'same@example.com' }));
      expect(elsewhere.email).toBe('same@example.com');
    });

    it('answers email_taken to the loser of two concurrent creates with one address', async () => {
      const tenantId = aTenant();
      const results = await Promise.allSettled([1, 2, 3].map(() => createCustomer(client, tenantId, aCustomer({ email: 'race@example.com' }))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
        expect(r.reason.body).toMatchObject({ status: 409, code: ErrorCodes.emailTaken });
      }
    });

    it("answers 404 for another tenant's customer and for a non-uuid id", async () => {
      const tenantId = aTenant();
      const c = await createCustomer(client, tenantId);
      const other = aTenant();
      const calls = [
        () => send(CustomersPatterns.get, { tenantId: other, actor: admin, id: c.id }),
        () => send(CustomersPatterns.getByEmail, { tenantId: other, actor: admin, email: c.email }),
        () => send(CustomersPatterns.update, { tenantId: other, actor: admin, id: c.id, input: { city: 'X' } }),
        () => send(CustomersPatterns.setConsent, { tenantId: other, actor: admin, id: c.id, input: { key: 'k', status: 'given' } }),
        () => send(CustomersPatterns.delete, { tenantId: other, actor: admin, id: c.id }),
        () => send(CustomersPatterns.get, { tenantId: other, actor: admin, id: 'nope' }),
      ];
      for (const call of calls) {
        expect(await failureOf(call())).toMatchObject({ status: 404, code: ErrorCodes.customerNotFound });
      }
      // Still there for its own tenant.
      expect((await send(CustomersPatterns.get, { tenantId, actor: admin, id: c.id })).id).toBe(c.id);
    });
  });

  describe('update and the email change rule (C3)', () => {
    it('changes fields and publishes customer.updated with the changed field names', async () => {
      const tenantId = aTenant();
      const c = await createCustomer(client, tenantId);
      const updated = await send(CustomersPatterns.update, { tenantId, actor: admin, id: c.id, input: { city: 'Berlin', phone: '0151 12345678' } });
      expect(updated.city).toBe('Berlin');
      expect(updated.phone).toBe('+4915112345678');
      const events = await outbox(CustomerEvents.updated, c.id);
      expect(events).toHaveLength(1);
      expect(events[0].envelope.data.changed.sort()).toEqual(['city', 'phone', 'phones', 'warnings']);
      expect(events[0].envelope.data.customer.city).toBe('Berlin');

      // The same values again change nothing and publish nothing.
      await send(CustomersPatterns.update, { tenantId, actor: admin, id: c.id, input: { city: 'Berlin' } });
      expect(await outbox(CustomerEvents.updated, c.id)).toHaveLength(1);
    });

    it('refuses staff changing a usable email with 409 email_change_not_allowed', async () => {
      const tenantId = aTenant();
      const c = await createCustomer(client, tenantId);
      const error = await failureOf(send(CustomersPatterns.update, { tenantId, actor: admin, id: c.id, input: { email: 'new@example.com' } }));
      expect(error).toMatchObject({ status: 409, code: ErrorCodes.emailChangeNotAllowed });
      expect(error.message).toMatch(/flagged invalid/);
      expect((await send(CustomersPatterns.get, { tenantId, actor: admin, id: c.id })).email).toBe(c.email);
    });

    it('lets staff change an email flagged invalid, and the old address is freed', async () => {
      const tenantId = aTenant();
      const c = await createCustomer(client, tenantId);
      const flagged = await send(CustomersPatterns.setEmailStatus, { tenantId, actor: admin, id: c.id, address: c.email!.toUpperCase(), status: 'invalid' });
      expect(flagged.emails[0].status).toBe('invalid');
      expect(flagged.warnings).toContain('invalid_email');

      const changed = await send(CustomersPatterns.update, { tenantId, actor: admin, id: c.id, input: { email: 'Fixed@Example.com' } });
      expect(changed.email).toBe('fixed@example.com');
      expect(changed.emails).toEqual([{ address: 'fixed@example.com', status: 'unverified', primary: true }]);
      expect(changed.warnings).not.toContain('invalid_email');
      // The old address left the customer, so another customer may use it.
      await createCustomer(client, tenantId, aCustomer({ email: c.email! }));
    });

    it('lets the customer change their own email through the portal', async () => {
      const tenantId = aTenant();
      const c = await createCustomer(client, tenantId);
      const self = { type: 'customer', id: c.id };
      const changed = await send(CustomersPatterns.update, { tenantId, actor: self, id: c.id, input: { email: 'me@example.com' } });
      expect(changed.email).toBe('me@example.com');

      const other = await createCustomer(client, tenantId);
      const error = await failureOf(send(CustomersPatterns.update, { tenantId, actor: self, id: other.id, input: { email: 'x@example.com' } }));
      expect(error.code).toBe(ErrorCodes.emailChangeNotAllowed);
    });

    it('refuses an email taken in the tenant on update', async () => {
      const tenantId = aTenant();
      const a = await createCustomer(client, tenantId);
      const b = await createCustomer(client, tenantId);
      const error = await failureOf(send(CustomersPatterns.update, { tenantId, actor: { type: 'customer', id: b.id }, id: b.id, input: { email: a.email } }));
      expect(error).toMatchObject({ status: 409, code: ErrorCodes.emailTaken });
    });

    it('sets email statuses; an unknown address is 404 email_not_found', async () => {
      const tenantId = aTenant();
      const c = await createCustomer(client, tenantId);
      const bounced = await send(CustomersPatterns.setEmailStatus, { tenantId, actor: admin, id: c.id, address: c.email, status: 'bounced' });
      expect(bounced.emails[0].status).toBe('bounced');
      expect(bounced.warnings).toContain('invalid_email');
      const events = await outbox(CustomerEvents.updated, c.id);
      expect(events.at(-1)!.envelope.data.changed).toEqual(expect.arrayContaining(['emails', 'warnings']));

      expect(await failureOf(send(CustomersPatterns.setEmailStatus, { tenantId, actor: admin, id: c.id, address: 'other@example.com', status: 'valid' }))).toMatchObject({
        status: 404,
        code: ErrorCodes.emailNotFound,
      });
      expect(await failureOf(send(CustomersPatterns.setEmailStatus, { tenantId, actor: admin, id: c.id, address: c.email, status: 'great' }))).toMatchObject({
        status: 400,
        details: { errors: { status: expect.any(Array) } },
      });
    });
  });

  describe('custom attributes (C4)', () => {
    it('defines attributes, lists them in order and validates values per field', async () => {
      const tenantId = aTenant();
      const define = (input: object) => send(CustomersPatterns.createAttribute, { tenantId, actor: admin, input });
      await define({ key: 'level', label: 'Level', type: 'enum', options: ['bronze', 'gold'], order: 2 });
      await define({ key: 'club', label: 'Club', type: 'string', required: true, order: 1 });
      await define({ key: 'since', label: 'Member since', type: 'date', order: 3 });
      await define({ key: 'size', label: 'Shoe size', type: 'number' });

      const list = await send<Array<{ key: string; order: number }>>(CustomersPatterns.listAttributes, { tenantId, actor: admin });
      expect(list.map((d) => d.key)).toEqual(['club', 'level', 'since', 'size']);
      expect(list[3].order).toBe(4);

      expect(await failureOf(define({ key: 'club', label: 'Again', type: 'string' }))).toMatchObject({ status: 409, code: ErrorCodes.attributeExists });
      expect(await failureOf(define({ key: 'colour', label: 'Colour', type: 'enum' }))).toMatchObject({
        status: 400,
        details: { errors: { options: expect.any(Array) } },
      });

      const missing = await failureOf(createCustomer(client, tenantId, aCustomer({ attributes: { level: 'gold' } })));
      expect((missing.details as any).errors).toEqual({ 'attributes.club': ['is required'] });

      const wrong = await failureOf(
        createCustomer(client, tenantId, aCustomer({ attributes: { club: 'A', level: 'platinum', since: '2020-13-01', size: 'big', nope: 1 } })),
      );
      expect(wrong.status).toBe(400);
      expect(Object.keys((wrong.details as any).errors).sort()).toEqual(['attributes.level', 'attributes.nope', 'attributes.since', 'attributes.size']);

      const c = await createCustomer(client, tenantId, aCustomer({ attributes: { club: 'A', level: 'gold', since: '2020-02-29', size: 38 } }));
      expect(c.attributes).toEqual({ club: 'A', level: 'gold', since: '2020-02-29', size: 38 });
      const updated = await send(CustomersPatterns.update, { tenantId, actor: admin, id: c.id, input: { attributes: { level: 'bronze', size: null } } });
      expect(updated.attributes).toEqual({ club: 'A', level: 'bronze', since: '2020-02-29' });
      const events = await outbox(CustomerEvents.updated, c.id);
      expect(events.at(-1)!.envelope.data.changed).toEqual(['attributes']);
    });
  });

  describe('consents (C7)', () => {
    it('keeps the current status and the full history, newest first', async () => {
      const tenantId = aTenant();
      const c = await createCustomer(client, tenantId);
      const set = (input: object, actor: object = admin) => send<ConsentView>(CustomersPatterns.setConsent, { tenantId, actor, id: c.id, input });
      await set({ key: 'newsletter', status: 'given', source: 'booking' });
      await set({ key: 'newsletter', status: 'revoked' }, { type: 'customer', id: c.id });
      const latest = await set({ key: 'newsletter', status: 'given' });
      await set({ key: 'calls', status: 'not_captured' });

      expect(latest.status).toBe('given');
      expect(latest.source).toBe('admin');
      expect(latest.history.map((h) => [h.status, h.source])).toEqual([
        ['given', 'admin'],
        ['revoked', 'customer'],
        ['given', 'booking'],
      ]);
      const times = latest.history.map((h) => Date.parse(h.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);

      const page1 = await send<Page<ConsentView>>(CustomersPatterns.listConsents, { tenantId, actor: admin, id: c.id, query: { limit: 1 } });
      expect(page1.items.map((i) => i.key)).toEqual(['calls']);
      const page2 = await send<Page<ConsentView>>(CustomersPatterns.listConsents, { tenantId, actor: admin, id: c.id, query: { limit: 1, cursor: page1.nextCursor } });
      expect(page2.items.map((i) => i.key)).toEqual(['newsletter']);
      expect(page2.items[0].history).toHaveLength(3);
      expect(page2.nextCursor).toBeNull();

      const events = await outbox(CustomerEvents.updated, c.id);
      expect(events).toHaveLength(4);
      expect(events[0].envelope.data.changed).toEqual(['consents']);
      // Events carry the current status of each consent, for segments and sends.
      expect(events[1].envelope.data.customer.consents).toEqual({ newsletter: 'revoked' });
      expect(events[3].envelope.data.customer.consents).toEqual({ calls: 'not_captured', newsletter: 'given' });
      expect(await failureOf(set({ key: 'newsletter', status: 'maybe' }))).toMatchObject({ status: 400 });
    });
  });

  describe('tags (C8)', () => {
    it('adds and removes tags idempotently and lists customers by tag', async () => {
      const tenantId = aTenant();
      const a = await createCustomer(client, tenantId);
      const b = await createCustomer(client, tenantId, aCustomer({ tags: ['vip'] }));
      await createCustomer(client, tenantId);

      const tagged = await send(CustomersPatterns.addTag, { tenantId, actor: admin, id: a.id, tag: '  vip ' });
      expect(tagged.tags).toEqual(['vip']);
      await send(CustomersPatterns.addTag, { tenantId, actor: admin, id: a.id, tag: 'vip' });
      expect(await outbox(CustomerEvents.updated, a.id)).toHaveLength(1);

      const page1 = await send<Page<CustomerView>>(CustomersPatterns.listByTag, { tenantId, actor: admin, tag: 'vip', query: { limit: 1 } });
      const page2 = await send<Page<CustomerView>>(CustomersPatterns.listByTag, { tenantId, actor: admin, tag: 'vip', query: { limit: 1, cursor: page1.nextCursor } });
      // Newest registration first: b was registered after a.
      expect([...page1.items, ...page2.items].map((c) => c.id)).toEqual([b.id, a.id]);
      expect(page2.nextCursor).toBeNull();

      const untagged = await send(CustomersPatterns.removeTag, { tenantId, actor: admin, id: a.id, tag: 'vip' });
      expect(untagged.tags).toEqual([]);
      await send(CustomersPatterns.removeTag, { tenantId, actor: admin, id: a.id, tag: 'vip' });
      const left = await send<Page<CustomerView>>(CustomersPatterns.listByTag, { tenantId, actor: admin, tag: 'vip', query: {} });
      expect(left.items.map((c) => c.id)).toEqual([b.id]);

      expect(await failureOf(send(CustomersPatterns.addTag, { tenantId, actor: admin, id: a.id, tag: 'x'.repeat(65) }))).toMatchObject({
        status: 400,
        details: { errors: { tag: expect.any(Array) } },
      });
    });
  });

  describe('delete (C18)', () => {
    it('erases personal data, frees the email and enqueues customer.deleted in the same transaction', async () => {
      const tenantId = aTenant();
      const c = await createCustomer(client, tenantId, aCustomer({ phone: '+4915112345678', otherEmails: ['second@example.com'], city: 'Berlin', tags: ['vip'] }));
      await send(CustomersPatterns.setConsent, { tenantId, actor: admin, id: c.id, input: { key: 'newsletter', status: 'given' } });

      expect(await send(CustomersPatterns.delete, { tenantId, actor: admin, id: c.id })).toEqual({ id: c.id, deleted: true });

      const db = system.db('customers');
      const [row] = await query<any>(db, `SELECT * FROM customers WHERE tenant_id = $1 AND id = $2`, [tenantId, c.id]);
      expect(row).toMatchObject({ first_name: null, last_name: null, city: null, birth_date: null, attributes: {} });
      expect(row.deleted_at).not.toBeNull();
      expect(row.registered_at).not.toBeNull();
      for (const table of ['customer_emails', 'customer_phones', 'customer_tags', 'consents', 'consent_history']) {
        expect(await query(db, `SELECT 1 FROM ${table} WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, c.id])).toEqual([]);
      }

      const deleted = await outbox(CustomerEvents.deleted, c.id);
      expect(deleted).toHaveLength(1);
      expect(deleted[0].type).toBe('customers.customer.deleted');
      expect(deleted[0].envelope.data).toEqual({ customerId: c.id, emails: expect.arrayContaining([c.email, 'second@example.com']) });

      expect(await failureOf(send(CustomersPatterns.get, { tenantId, actor: admin, id: c.id }))).toMatchObject({ status: 404 });
      expect(await failureOf(send(CustomersPatterns.delete, { tenantId, actor: admin, id: c.id }))).toMatchObject({ status: 404 });
      await createCustomer(client, tenantId, aCustomer({ email: c.email! }));
    });
  });
});
