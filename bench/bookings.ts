/**
 * Bookings benchmark: `npm run bench:bookings`.
 *
 * Starts customers, bookings and the gateway on a private NATS server and fresh databases, creates
 * BENCH_ENTRIES schedule entries (a booking form with a field and a consent), then:
 *
 * 1. fixed rate: BENCH_RATE bookings/s for BENCH_DURATION_S (after BENCH_WARMUP_S), each by a lead
 *    booker for two attendees (the lead booker and a child without email, with answers); every
 *    other lead booker is returning. Latency of POST /v1/bookings as the client sees it. The
 *    default rate is one the event pipeline keeps up with on this 2-core machine, so the lag
 *    below is the pipeline's, not a queue that grows for as long as the load lasts.
 * 2. profile lag, during phase 1: BENCH_LAG_RATE more bookings/s by new lead bookers; for each, the
 *    time from its 201 until the lead booker's profile shows it through the API (their customer
 *    exists and GET /v1/customers/{id}/bookings lists the booking): the whole path booking →
 *    event → customers builds the profiles → event → bookings links them. Polled every 10 ms.
 * 3. throughput: as fast as answers come on BENCH_CONNECTIONS connections for BENCH_DURATION_S,
 *    then how long the event pipeline takes to catch up (every booking linked to its lead booker),
 *    and so the pipeline's own throughput: bookings made into linked profiles per second.
 *
 * Environment: BENCH_ENTRIES (50), BENCH_RATE (20), BENCH_LAG_RATE (5), BENCH_DURATION_S (20),
 * BENCH_WARMUP_S (3), BENCH_CONNECTIONS (20). Results: bench/results/bookings.json.
 */
import { randomUUID } from 'node:crypto';
import { query, signToken, TEST_JWT_SECRET, waitFor, type TestSystem } from '@app/testing';
import { drive, intEnv, latencySummary, log, logDriven, probe, runBench, withSystem, writeResults, type LoadRequest } from './support';

const TENANT = 'bench-bookings';
const settings = {
  entries: intEnv('BENCH_ENTRIES', 50),
  rate: intEnv('BENCH_RATE', 20),
  lagRate: intEnv('BENCH_LAG_RATE', 5),
  durationS: intEnv('BENCH_DURATION_S', 20),
  warmupS: intEnv('BENCH_WARMUP_S', 3),
  connections: intEnv('BENCH_CONNECTIONS', 20),
};

interface Entry {
  id: string;
  ticketId: string;
}

const run = randomUUID().slice(0, 6);
/** Every other booking is by a returning lead booker (one who booked before in this run). */
const leadEmail = (i: number) => `lead-${run}-${i % 2 === 0 ? i : Math.floor(i / 2)}@example.com`;

function booking(entries: Entry[], i: number, email = leadEmail(i)): LoadRequest {
  const entry = entries[i % entries.length];
  return {
    method: 'POST',
    path: '/v1/bookings',
    body: {
      scheduleEntryId: entry.id,
      leadBooker: { email, firstName: 'Lead', lastName: `Booker${i}` },
      attendees: [
        { ticketId: entry.ticketId, email, firstName: 'Lead', lastName: `Booker${i}`, fields: { age: 35 }, consents: { photos: true } },
        { ticketId: entry.ticketId, firstName: 'Kid', lastName: `Booker${i}`, fields: { age: 7 }, consents: { photos: i % 3 !== 0 } },
      ],
    },
  };
}

async function createEntries(url: string, token: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (let i = 0; i < settings.entries; i++) {
    const res = await fetch(`${url}/v1/schedule-entries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Bench class ${i}`,
        startsAt: new Date(Date.now() + (i + 1) * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + (i + 1) * 86_400_000 + 3_600_000).toISOString(),
        capacity: 100_000,
        tickets: [{ name: 'Standard', price: 1500 }],
        bookingForm: { fields: [{ key: 'age', label: 'Age', type: 'number', required: true }], consents: [{ key: 'photos', label: 'Photos' }] },
      }),
    });
    if (res.status !== 201) throw new Error(`creating a schedule entry: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { id: string; tickets: Array<{ id: string }> };
    entries.push({ id: body.id, ticketId: body.tickets[0].id });
  }
  return entries;
}

/**
 * Books as a new lead booker every 1/lagRate s during `durationS`, and measures for each booking
 * the time from its 201 until the lead booker's profile lists it.
 */
async function measureProfileLag(url: string, token: string, entries: Entry[], durationS: number): Promise<number[]> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const lags: Promise<number>[] = [];
  const end = Date.now() + durationS * 1000;
  for (let n = 0; Date.now() < end; n++) {
    const email = `lag-${run}-${n}@example.com`;
    const r = booking(entries, n, email);
    const res = await fetch(url + r.path, { method: 'POST', headers, body: JSON.stringify(r.body) });
    const booked = Date.now();
    if (res.status !== 201) throw new Error(`lag booking: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    lags.push(
      (async () => {
        let customerId: string | undefined;
        for (;;) {
          if (!customerId) {
            const c = await fetch(`${url}/v1/customers/by-email/${encodeURIComponent(email)}`, { headers });
            if (c.status === 200) customerId = ((await c.json()) as { id: string }).id;
          }
          if (customerId) {
            const tab = await fetch(`${url}/v1/customers/${customerId}/bookings?limit=1`, { headers });
            if (tab.status === 200 && ((await tab.json()) as { items: Array<{ bookingId: string }> }).items[0]?.bookingId === id) return Date.now() - booked;
          }
          if (Date.now() - booked > 60_000) throw new Error(`booking ${id} did not reach the profile within 60 s`);
          await new Promise((r) => setTimeout(r, 10));
        }
      })(),
    );
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 / settings.lagRate - (Date.now() - booked))));
  }
  return Promise.all(lags);
}

/** Seconds until every booking is linked to its lead booker (the last step of the event pipeline). */
async function drainSeconds(system: TestSystem): Promise<number> {
  const began = Date.now();
  await waitFor(
    async () => {
      const [row] = await query<{ n: number }>(system.db('bookings'), `SELECT count(*)::int AS n FROM bookings WHERE tenant_id = $1 AND lead_customer_id IS NULL`, [TENANT]);
      return row.n === 0;
    },
    600_000,
    'every booking to be linked to its lead booker',
  );
  return (Date.now() - began) / 1000;
}

runBench(() =>
  withSystem({ apps: ['customers', 'bookings', 'gateway'] }, async (system) => {
    const url = system.gatewayUrl;
    const token = signToken({ tenant: TENANT, role: 'admin', secret: TEST_JWT_SECRET, expiresIn: 24 * 3600 });
    const entries = await createEntries(url, token);
    log(`Created ${entries.length} schedule entries in tenant "${TENANT}"`);
    log(`  sample: POST /v1/bookings → ${await probe(url, token, booking(entries, 1_000_000))}`);
    let i = 0;
    const next = () => booking(entries, i++);

    if (settings.warmupS > 0) {
      log(`\nwarm-up ${settings.warmupS} s at ${settings.rate} bookings/s`);
      await drive({ url, token, request: next, durationS: settings.warmupS, connections: settings.connections, rate: settings.rate });
    }
    log(`\nfixed rate: ${settings.rate} bookings/s for ${settings.durationS} s, with ${settings.lagRate}/s more measuring the profile lag`);
    const [fixed, lags] = await Promise.all([
      drive({ url, token, request: next, durationS: settings.durationS, connections: settings.connections, rate: settings.rate }),
      measureProfileLag(url, token, entries, settings.durationS),
    ]);
    logDriven(fixed);
    const lag = latencySummary(lags);
    log(`  profile lag (201 → the lead booker's bookings tab lists it; ${lags.length} bookings): p50 ${lag.p50} ms · p95 ${lag.p95} ms · p99 ${lag.p99} ms · max ${lag.max} ms`);
    const fixedDrain = await drainSeconds(system);

    log(`\nthroughput: as fast as answers come, ${settings.connections} connections, ${settings.durationS} s`);
    const fastest = await drive({ url, token, request: next, durationS: settings.durationS, connections: settings.connections });
    logDriven(fastest);
    log('  waiting for the event pipeline to link every booking to its lead booker…');
    const drain = await drainSeconds(system);
    const [{ n: bookings }] = await query<{ n: number }>(system.db('bookings'), `SELECT count(*)::int AS n FROM bookings WHERE tenant_id = $1`, [TENANT]);
    const [{ n: customers }] = await query<{ n: number }>(system.db('customers'), `SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1`, [TENANT]);
    const pipelinePerSecond = Math.round((fastest.ok / (fastest.durationS + drain)) * 10) / 10;
    log(`  caught up ${drain.toFixed(1)} s after the load stopped: the pipeline made ${pipelinePerSecond} bookings/s into linked profiles; ${bookings} bookings, ${customers} customer profiles`);

    writeResults('bookings', {
      settings,
      fixedRate: { ...fixed, profileLagMs: lag, profileLagSamples: lags.length, pipelineBehindAfterS: fixedDrain },
      throughput: { ...fastest, pipelineCatchUpS: drain, pipelineBookingsPerSecond: pipelinePerSecond },
      totals: { bookings, customers },
    });
  }),
);
