import { randomUUID } from 'node:crypto';
import { CustomersPatterns, LoyaltyEvents, type FeedbackReceivedV1 } from '@app/contracts';
import { publishEvent, query, RpcTestClient, TestSystem, waitFor } from '@app/testing';
import { admin, aTenant, createCustomer } from './customers-test-kit';

/**
 * The timeline and a deletion at the same moment: events about a customer keep arriving while the
 * customer is deleted; once every event is handled, nothing of the customer may be left in it.
 */
describe('history while the customer is deleted', () => {
  let system: TestSystem;
  let client: RpcTestClient;

  beforeAll(async () => {
    system = await TestSystem.start({ apps: ['customers'] });
    client = await RpcTestClient.connect(system.nats.url);
  });

  afterAll(async () => {
    await client?.close();
    await system?.stop();
  });

  it('keeps no entry of a deleted customer, whatever the order', async () => {
    const tenantId = aTenant();
    const handled = async () =>
      (await query<{ n: number }>(system.db('customers'), `SELECT count(*)::int AS n FROM inbox_events WHERE consumer = 'customers-loyalty'`))[0].n;
    for (let round = 0; round < 5; round++) {
      const customer = await createCustomer(client, tenantId);
      const before = await handled();
      const events = 60;
      const publishing = (async () => {
        for (let i = 0; i < events; i++) {
          await publishEvent<FeedbackReceivedV1>(client.connection, {
            type: LoyaltyEvents.feedbackReceived,
            tenantId,
            data: { feedbackId: randomUUID(), customerId: customer.id, rating: 5, comment: `visit ${i}`, at: new Date().toISOString() },
          });
        }
      })();
      await waitFor(async () => (await handled()) >= before + 10, 15_000, 'some events handled');
      await client.send(CustomersPatterns.delete, { tenantId, actor: admin, id: customer.id });
      await publishing;
      await waitFor(async () => (await handled()) >= before + events, 30_000, 'every event handled');
      const left = await query(system.db('customers'), `SELECT 1 FROM customer_history WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customer.id]);
      expect(left).toEqual([]);
    }
  });
});
