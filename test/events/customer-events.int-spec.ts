import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { CustomersPatterns, CustomerEvents, customerErasedEvent, eventSubject, type CustomerView, type EventEnvelope, type TenantSettings } from '@app/contracts';
import { query, RpcTestClient, TestSystem, waitFor } from '@app/testing';

/**
 * Outbox → JetStream → inbox across real processes: the customers service publishes, the other
 * three keep their customer projections; a consumer that was stopped catches up, a redelivered
 * event changes nothing, an event of unknown version goes to the dead-letter stream.
 */
describe('customer events from outbox to every consumer', () => {
  const tenantId = 'events-tenant';
  const actor = { type: 'user' as const, id: 'u-1', role: 'admin' as const };
  const consumers = ['bookings', 'loyalty', 'marketing'] as const;
  let system: TestSystem;
  let rpc: RpcTestClient;

  beforeAll(async () => {
    system = await TestSystem.start({ apps: ['customers', 'bookings', 'loyalty', 'marketing'] });
    rpc = await RpcTestClient.connect(system.nats.url);
  });

  afterAll(async () => {
    await rpc?.close();
    await system?.stop();
  });

  const create = (input: object) => rpc.send<CustomerView>(CustomersPatterns.create, { tenantId, actor, input });
  const ref = async (service: (typeof consumers)[number], customerId: string) =>
    (await query(system.db(service), `SELECT * FROM customer_refs WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]))[0];

  it('projects a new customer into every consuming service', async () => {
    const ada = await create({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
    for (const service of consumers) {
      const row = await waitFor(() => ref(service, ada.id), 15_000, `${service} projection`);
      expect(row).toMatchObject({ email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' });
    }
  });

  it('knows a customer by every address, and follows an address that moves', async () => {
    const mia = await create({ firstName: 'Mia', email: 'mia@example.com', otherEmails: ['mia@work.example.com'] });
    const emails = async (customerId: string) =>
      (await query<{ email: string }>(system.db('loyalty'), `SELECT email FROM customer_ref_emails WHERE tenant_id = $1 AND customer_id = $2 ORDER BY email`, [tenantId, customerId])).map((r) => r.email);
    await waitFor(async () => (await emails(mia.id)).length === 2, 15_000, 'both addresses');
    expect(await emails(mia.id)).toEqual(['mia@example.com', 'mia@work.example.com']);
    await rpc.send(CustomersPatterns.setEmailStatus, { tenantId, actor, id: mia.id, address: 'mia@example.com', status: 'invalid' });
    await rpc.send(CustomersPatterns.update, { tenantId, actor, id: mia.id, input: { email: 'mia@new.example.com' } });
    await waitFor(async () => (await emails(mia.id)).includes('mia@new.example.com'), 15_000, 'new address');
    expect(await emails(mia.id)).toEqual(['mia@new.example.com', 'mia@work.example.com']);
  });

  it('gives every service the tenant settings when they change', async () => {
    const settings = await rpc.send<TenantSettings>(CustomersPatterns.updateSettings, { tenantId, actor, input: { timeZone: 'Europe/Berlin', interestWindowDays: 7 } });
    expect(settings).toMatchObject({ timeZone: 'Europe/Berlin', interestWindowDays: 7, currency: 'EUR' });
    await rpc.send(CustomersPatterns.updateSettings, { tenantId, actor, input: { currency: 'GBP' } });
    for (const service of consumers) {
      const row = await waitFor(async () => {
        const [r] = await query<{ settings: TenantSettings }>(system.db(service), `SELECT settings FROM tenant_settings WHERE tenant_id = $1`, [tenantId]);
        return r?.settings.currency === 'GBP' ? r : undefined;
      }, 15_000, `${service} settings`);
      expect(row.settings).toMatchObject({ timeZone: 'Europe/Berlin', interestWindowDays: 7, currency: 'GBP' });
    }
    expect(await rpc.send(CustomersPatterns.getSettings, { tenantId, actor })).toMatchObject({ currency: 'GBP' });
  });

  it('delivers what was published while a consumer was stopped, once', async () => {
    const grace = await create({ firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' });
    await waitFor(() => ref('bookings', grace.id), 15_000, 'bookings projection');

    await system.app('bookings').stop();
    await rpc.send(CustomersPatterns.update, { tenantId, actor, id: grace.id, input: { lastName: 'Murray Hopper' } });
    const alan = await create({ firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com' });
    // Published by the relay while bookings is down.
    await waitFor(async () => {
      const rows = await query(system.db('customers'), `SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL`);
      return rows[0].n === 0;
    }, 10_000, 'outbox drained');

    await system.app('bookings').start();
    const updated = await waitFor(async () => {
      const row = await ref('bookings', grace.id);
      return row?.last_name === 'Murray Hopper' ? row : undefined;
    }, 15_000, 'update after restart');
    expect(updated.email).toBe('grace@example.com');
    await waitFor(() => ref('bookings', alan.id), 15_000, 'new customer after restart');

    const published = await query<{ id: string }>(system.db('customers'), `SELECT id FROM outbox_events WHERE type LIKE 'customers.customer.%'`);
    const processed = await query<{ event_id: string; n: number }>(
      system.db('bookings'),
      `SELECT event_id, count(*)::int AS n FROM inbox_events WHERE consumer = 'bookings-customers' GROUP BY event_id`,
    );
    expect(processed.every((p) => p.n === 1)).toBe(true);
    expect(new Set(processed.map((p) => p.event_id))).toEqual(new Set(published.map((p) => p.id)));
  });

  it('ignores a redelivered event that was processed before', async () => {
    const [row] = await query<{ envelope: EventEnvelope; id: string }>(
      system.db('customers'),
      `SELECT id, envelope FROM outbox_events WHERE type = $1 ORDER BY seq LIMIT 1`,
      [CustomerEvents.created],
    );
    const nc = rpc.connection;
    const js = jetstream(nc);
    // A new Nats-Msg-Id gets past the stream's dedupe window: only the inbox can stop it now.
    const ack = await js.publish(eventSubject(CustomerEvents.created), JSON.stringify(row.envelope), { msgID: randomUUID() });
    const jsm = await jetstreamManager(nc);
    for (const service of consumers) {
      await waitFor(async () => {
        const info = await jsm.consumers.info('CUSTOMERS', `${service}-customers`);
        return info.ack_floor.stream_seq >= ack.seq;
      }, 15_000, `${service} to ack the duplicate`);
      const inbox = await query<{ n: number }>(system.db(service), `SELECT count(*)::int AS n FROM inbox_events WHERE event_id = $1`, [row.id]);
      expect(inbox[0].n).toBe(1);
    }
  });

  it('sends an event of unknown version to the dead-letter stream', async () => {
    const js = jetstream(rpc.connection);
    const poison: EventEnvelope = {
      id: randomUUID(),
      type: CustomerEvents.updated,
      version: 99,
      occurredAt: new Date().toISOString(),
      tenantId,
      actor,
      data: {},
    };
    await js.publish(eventSubject(CustomerEvents.updated), JSON.stringify(poison), { msgID: poison.id });
    const jsm = await jetstreamManager(rpc.connection);
    const dead = await waitFor(async () => {
      const msg = await jsm.streams.getMessage('DEADLETTER', { last_by_subj: `deadletter.bookings-customers.${CustomerEvents.updated}` }).catch(() => null);
      return msg ?? undefined;
    }, 15_000, 'dead letter');
    expect(dead.json<EventEnvelope>().id).toBe(poison.id);
    expect(dead.header.get('x-dead-letter-reason')).toMatch(/unknown version 99/);
  });

  it('erases the projection when the customer is deleted', async () => {
    const linus = await create({ firstName: 'Linus', lastName: 'Torvalds', email: 'linus@example.com' });
    await waitFor(() => ref('marketing', linus.id), 15_000, 'projection');
    await rpc.send(CustomersPatterns.delete, { tenantId, actor, id: linus.id });
    for (const service of consumers) {
      const row = await waitFor(async () => {
        const r = await ref(service, linus.id);
        return r?.deleted_at ? r : undefined;
      }, 15_000, `${service} erasure`);
      expect(row).toMatchObject({ email: null, first_name: null, last_name: null });
      // Each service confirms its erasure with an event of its own.
      const confirmations = await waitFor(async () => {
        const rows = await query(system.db(service), `SELECT envelope FROM outbox_events WHERE type = $1 AND envelope->'data'->>'customerId' = $2`, [
          customerErasedEvent(service),
          linus.id,
        ]);
        return rows.length ? rows : undefined;
      }, 15_000, `${service} confirmation`);
      expect(confirmations).toHaveLength(1);
    }
  });
});
