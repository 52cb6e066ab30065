import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@app/contracts';
import { signToken, waitFor, type TestSystem } from '@app/testing';

/** Helpers for end-to-end tests of bookings through the gateway. */
export function bookingsKit(system: () => TestSystem, tenant: string = `bk-${randomUUID().slice(0, 8)}`) {
  const as = (role: Role, extra: { cid?: string } = {}) => `Bearer ${signToken({ tenant, role, ...extra })}`;
  const api = () => request(system().gatewayUrl);
  const email = (name: string) => `${name}-${randomUUID().slice(0, 6)}@example.com`;
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

  async function ok<T = any>(res: request.Response | Promise<request.Response>, status = 200): Promise<T> {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** An entry tomorrow with a standard ticket (and exclusive ones for the given groups). */
  async function anEntry(over: Record<string, unknown> = {}, exclusiveFor: string[] = []) {
    return ok(
      api()
        .post('/v1/schedule-entries')
        .set('Authorization', as('staff'))
        .send({
          title: `Class ${randomUUID().slice(0, 4)}`,
          startsAt: hours(24),
          endsAt: hours(25),
          capacity: 20,
          tickets: [{ name: 'Standard', price: 1500 }, ...exclusiveFor.map((g, i) => ({ name: `Members ${i}`, price: 0, exclusive: true, customerGroupId: g }))],
          ...over,
        }),
      201,
    );
  }

  const lead = (address = email('lead'), firstName = 'Lead', lastName = 'Booker') => ({ email: address, firstName, lastName });

  function book(body: Record<string, unknown>, role: Role = 'staff', headers: Record<string, string> = {}) {
    let req = api().post('/v1/bookings').set('Authorization', as(role));
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(body);
  }

  /** The customer the customers service made (or matched) for an email, once it has. */
  async function customerByEmail(address: string, timeoutMs = 15_000) {
    return waitFor(async () => {
      const res = await api().get(`/v1/customers/by-email/${encodeURIComponent(address)}`).set('Authorization', as('viewer'));
      return res.status === 200 ? res.body : undefined;
    }, timeoutMs, `customer ${address}`);
  }

  async function createCustomer(body: Record<string, unknown> = {}) {
    return ok(api().post('/v1/customers').set('Authorization', as('admin')).send({ firstName: 'Cus', lastName: 'Tomer', email: email('c'), ...body }), 201);
  }

  /** Waits until bookings knows a customer created through the API (its directory follows events). */
  async function untilBookingsKnows(customerId: string) {
    await waitFor(async () => {
      const res = await api().get(`/v1/customers/${customerId}/booking-summary`).set('Authorization', as('viewer'));
      return res.status === 200;
    });
  }

  return { tenant, as, api, email, hours, ok, anEntry, lead, book, customerByEmail, createCustomer, untilBookingsKnows };
}
