import {
  BookingEvents,
  CustomerB2BEvents,
  CustomerEvents,
  LoyaltyEvents,
  MarketingEvents,
  TenantEvents,
  type EventEnvelope,
} from '@app/contracts';
import { bookingCancelledFor, HISTORY_CATEGORIES, historyOf, historyTypes } from './history-entries';

const C1 = '00000000-0000-4000-8000-000000000001';
const C2 = '00000000-0000-4000-8000-000000000002';
const event = <T>(type: string, data: T): EventEnvelope<T> => ({
  id: 'e1',
  type,
  version: 1,
  occurredAt: '2025-05-01T10:00:00.000Z',
  tenantId: 't',
  actor: { type: 'user', id: 'u1', role: 'staff' },
  data,
});
const entry = { id: 'e', title: 'Yoga', startsAt: '2025-06-01T08:00:00.000Z', endsAt: '2025-06-01T09:00:00.000Z' };

/** Event types deliberately not in the timeline: about no single customer, or not a change a person would look for. */
const NOT_IN_TIMELINE = new Set<string>([
  CustomerEvents.deleted, // the customer's timeline is erased with them; the deletion audit records it
  CustomerEvents.bookingProfilesLinked, // bookkeeping between services
  TenantEvents.settingsChanged,
  CustomerB2BEvents.noteTypeCreated,
  CustomerB2BEvents.noteTypeDeleted,
  CustomerB2BEvents.brandCreated,
  CustomerB2BEvents.brandUpdated,
  CustomerB2BEvents.brandDeleted,
  CustomerB2BEvents.salesRepCreated,
  CustomerB2BEvents.salesRepUpdated,
  CustomerB2BEvents.salesRepDeleted,
  BookingEvents.bookingCancelled, // mapped with the booking's customers by bookingCancelledFor
  BookingEvents.customerStatsChanged, // figures, not events
  BookingEvents.customerErased,
  LoyaltyEvents.metricsChanged,
  LoyaltyEvents.customerErased,
  MarketingEvents.customerErased,
]);

describe('historyOf', () => {
  it('covers every event type of every service, or leaves it out on purpose', () => {
    const all = [CustomerEvents, CustomerB2BEvents, TenantEvents, BookingEvents, LoyaltyEvents, MarketingEvents].flatMap((m) => Object.values(m));
    const mapped = new Set(historyTypes());
    expect(all.filter((type) => !mapped.has(type) && !NOT_IN_TIMELINE.has(type))).toEqual([]);
  });

  it('splits a profile change into profile, consent and tag entries', () => {
    const drafts = historyOf(
      event(CustomerEvents.updated, {
        customer: { id: C1, tags: ['vip'], consents: { newsletter: 'given', photos: 'not_captured' } },
        changed: ['city', 'lastName', 'consents', 'tags', 'latestDetails'],
      }),
    );
    expect(drafts).toEqual([
      { customerId: C1, category: 'profile', name: 'Profile changed', description: 'Changed city, last name' },
      { customerId: C1, category: 'consent', name: 'Consents changed', description: 'Now newsletter: given, photos: not captured' },
      { customerId: C1, category: 'tag', name: 'Tags changed', description: 'Tags: vip' },
    ]);
    expect(historyOf(event(CustomerEvents.updated, { customer: { id: C1, tags: [], consents: {} }, changed: ['latestDetails'] }))).toEqual([]);
  });

  it('tells the lead booker and each other attendee about a booking, once each', () => {
    const drafts = historyOf(
      event(BookingEvents.bookingCreated, {
        bookingId: 'b1',
        scheduleEntry: entry,
        bookedAt: '2025-05-01T09:00:00.000Z',
        channel: 'admin',
        leadBooker: { customerId: C1, email: 'p@example.com', firstName: 'Phoebe', lastName: 'Buffay' },
        attendees: [
          { attendeeId: 'a1', customerId: C1, email: 'p@example.com', firstName: 'Phoebe', lastName: 'Buffay', ticketId: 't', ticketName: 'Adult', fields: {}, consents: {} },
          { attendeeId: 'a2', customerId: C2, email: null, firstName: 'Frank', lastName: 'Buffay', ticketId: 't', ticketName: 'Child', fields: {}, consents: {} },
          { attendeeId: 'a3', customerId: C2, email: null, firstName: 'Frank', lastName: 'Buffay', ticketId: 't', ticketName: 'Child', fields: {}, consents: {} },
        ],
        total: { amount: 4500, currency: 'EUR' },
      }),
    );
    expect(drafts.map((d) => [d.customerId, d.name, d.description, d.at])).toEqual([
      [C1, 'Booked Yoga', '3 attendees on 2025-06-01, total 45.00 EUR', '2025-05-01T09:00:00.000Z'],
      [C2, 'Booked for Yoga', 'By Phoebe Buffay on 2025-06-01', '2025-05-01T09:00:00.000Z'],
    ]);
    expect(
      bookingCancelledFor(
        event(BookingEvents.bookingCancelled, { bookingId: 'b1', scheduleEntry: entry, cancelledAt: '2025-05-02T00:00:00.000Z', leadBooker: {} as never, attendees: [] }),
        [C1, C2],
      ).map((d) => [d.customerId, d.name]),
    ).toEqual([
      [C1, 'Booking cancelled: Yoga'],
      [C2, 'Booking cancelled: Yoga'],
    ]);
  });

  it('words ledger operations by kind and reason', () => {
    const ledger = (over: object) =>
      historyOf(
        event(LoyaltyEvents.ledgerRecorded, {
          entryId: 'l',
          cardId: 'card-0000',
          customerId: C1,
          kind: 'visits',
          operation: 'add',
          value: 1,
          purchaseAmount: null,
          currency: 'EUR',
          comment: null,
          at: '2025-05-01T10:00:00.000Z',
          ...over,
        }),
      )[0];
    expect(ledger({ value: 3, purchaseAmount: 1299 })).toMatchObject({ category: 'loyalty', name: 'Added 3 visits', description: 'purchase 12.99 EUR' });
    expect(ledger({ operation: 'subtract', reason: 'use' }).name).toBe('Used 1 visit');
    expect(ledger({ operation: 'subtract', reason: 'correction' }).name).toBe('Subtracted 1 visit');
    expect(ledger({ kind: 'bonus', operation: 'subtract', value: 50 }).name).toBe('Spent 50 bonus points');
  });

  it('records each mailing recipient with the outcome and why', () => {
    const drafts = historyOf(
      event(MarketingEvents.mailingSent, {
        mailingId: 'm1',
        name: 'Spring sale',
        kind: 'mass',
        channel: 'email',
        category: 'promotions',
        recipients: [
          { customerId: C1, outcome: 'sent', reason: null, at: '2025-05-01T10:00:00.000Z' },
          { customerId: C2, outcome: 'excluded', reason: 'invalid_email', at: '2025-05-01T10:00:00.000Z' },
        ],
      }),
    );
    expect(drafts.map((d) => [d.customerId, d.name, d.description])).toEqual([
      [C1, 'EMAIL sent: Spring sale', 'Mass mailing, email, promotions'],
      [C2, 'Not sent: Spring sale', 'Mass mailing, email, promotions; invalid email'],
    ]);
  });

  it('makes one entry per web event and per customer entering or leaving a segment', () => {
    const web = historyOf(
      event(MarketingEvents.activityTracked, {
        customerId: C1,
        events: [
          { type: 'product_view', at: '2025-05-01T10:00:00.000Z', url: null, product: 'Mat', category: 'yoga' },
          { type: 'cart_add', at: '2025-05-01T10:01:00.000Z', url: null, product: 'Mat', category: null },
        ],
      }),
    );
    expect(web.map((d) => [d.category, d.name, d.description, d.at])).toEqual([
      ['web', 'Viewed a product', 'Mat · yoga', '2025-05-01T10:00:00.000Z'],
      ['web', 'Added to cart', 'Mat', '2025-05-01T10:01:00.000Z'],
    ]);
    const segment = historyOf(event(MarketingEvents.segmentMembershipChanged, { segmentId: 's', segmentName: 'Regulars', added: [C1], removed: [C2] }));
    expect(segment.map((d) => [d.customerId, d.name])).toEqual([
      [C1, 'Entered segment Regulars'],
      [C2, 'Left segment Regulars'],
    ]);
  });

  it('uses only the documented categories', () => {
    const drafts = historyOf(event(LoyaltyEvents.feedbackReceived, { feedbackId: 'f', customerId: C1, rating: 4, comment: 'Lovely', at: '2025-05-01T10:00:00.000Z' }));
    expect(drafts).toEqual([expect.objectContaining({ category: 'feedback', name: 'Rated 4/5', description: 'Lovely' })]);
    expect(HISTORY_CATEGORIES).toContain(drafts[0].category);
  });
});
