import { DomainError } from '@app/contracts';
import { assembleProfile, SECTIONS, type ServicePart } from './profile-assembly';

const ID = '00000000-0000-4000-8000-000000000001';
const page = (items: unknown[] = []) => ({ items, nextCursor: null });
const tabsOf = (service: string) => Object.fromEntries(Object.entries(SECTIONS).filter(([, s]) => s.service === service && s.from === 'tab').map(([name]) => [name, page([name])]));

const parts = (): Record<'customers' | 'bookings' | 'loyalty' | 'marketing', ServicePart> => ({
  customers: {
    ok: true,
    value: {
      customer: { id: ID, kind: 'person', firstName: 'Ada', lastName: 'L', email: 'ada@example.com', warnings: ['missing_phone'], firstSeenAt: '2025-01-01T00:00:00.000Z' },
      attributes: [{ key: 'tier', label: 'Tier', type: 'string', value: 'gold' }],
      latestDetails: null,
      knownCustomersCount: 2,
      tabs: tabsOf('customers'),
    },
  },
  bookings: {
    ok: true,
    value: {
      summary: { totalEventsBooked: 3, totalEventsUpcoming: 1, nextUpcomingAttendance: null, lastAttendance: null, latestBooking: null, activePasses: 1, firstSeenAt: 'x' },
      tabs: { ...tabsOf('bookings'), groups: page([{ group: { id: 'g', name: 'Regulars', kind: 'manual', description: null }, memberUntil: null }]) },
    },
  },
  loyalty: { ok: true, value: { summary: { visitsSold: 10, visitsAvailable: 4, bonusBalance: 150, ltv: 9900, rfmSegment: 'champions', averageRating: 4.5, card: { id: 'c' } }, tabs: tabsOf('loyalty') } },
  marketing: { ok: true, value: { summary: { segments: [{ id: 's', name: 'VIP' }] }, tabs: tabsOf('marketing') } },
});

describe('assembleProfile', () => {
  it('puts the figures under their API.md names and every section with its link', () => {
    const { summary, sections } = assembleProfile(ID, parts());
    expect(summary).toMatchObject({
      customerId: ID,
      firstName: 'Ada',
      warnings: ['missing_phone'],
      firstSeenAt: '2025-01-01T00:00:00.000Z',
      attributes: [{ key: 'tier', value: 'gold' }],
      knownCustomers: 2,
      totalEventsBooked: 3,
      totalEventsUpcoming: 1,
      visitsSold: 10,
      visitsAvailable: 4,
      bonusBalance: 150,
      ltv: 9900,
      rfmSegment: 'champions',
      averageRating: 4.5,
      segments: [{ id: 's', name: 'VIP' }],
      groups: [{ id: 'g', name: 'Regulars', kind: 'manual', description: null, memberUntil: null }],
      unavailable: [],
    });
    expect(Object.keys(sections).sort()).toEqual(Object.keys(SECTIONS).sort());
    expect(sections.receipts).toEqual({ status: 'ok', data: page(['receipts']), link: `/v1/customers/${ID}/receipts` });
    expect(sections.customer).toMatchObject({ status: 'ok', link: `/v1/customers/${ID}` });
  });

  it('makes only a failed service’s sections unavailable, with the reason, and nulls its figures', () => {
    const p = parts();
    p.loyalty = { ok: false, error: new DomainError(503, 'service_unavailable', 'The loyalty service did not answer within 1000 ms') };
    const { summary, sections } = assembleProfile(ID, p);
    expect(summary.unavailable).toEqual(['loyalty']);
    expect(summary).toMatchObject({ visitsSold: null, ltv: null, card: null, totalEventsBooked: 3 });
    for (const name of ['loyaltySummary', 'loyaltyCard', 'loyaltyLedger', 'receipts', 'orders', 'salesSummary', 'stores', 'feedback']) {
      expect(sections[name]).toMatchObject({ status: 'unavailable', reason: { code: 'service_unavailable' } });
    }
    expect(sections.bookings.status).toBe('ok');
  });

  it('leaves out the sections a service did not give (the staff sections for a portal token)', () => {
    const p = parts();
    const customers = p.customers as { ok: true; value: { tabs: Record<string, unknown> } };
    delete customers.value.tabs.notes;
    delete customers.value.tabs.history;
    const { sections } = assembleProfile(ID, p);
    expect(sections.notes).toBeUndefined();
    expect(sections.history).toBeUndefined();
    expect(sections.consents.status).toBe('ok');
  });
});
