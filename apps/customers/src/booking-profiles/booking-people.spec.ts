import type { BookedAttendeeV1, BookingCreatedV1 } from '@app/contracts';
import { peopleOf } from './booking-people';

const attendee = (over: Partial<BookedAttendeeV1>): BookedAttendeeV1 => ({
  attendeeId: 'a',
  customerId: null,
  email: null,
  firstName: 'X',
  lastName: 'Y',
  ticketId: 't',
  ticketName: 'Adult',
  fields: {},
  consents: {},
  ...over,
});
const booking = (attendees: BookedAttendeeV1[]): BookingCreatedV1 => ({
  bookingId: 'b',
  scheduleEntry: { id: 'e', title: 'Swim', startsAt: '2030-01-01T10:00:00Z', endsAt: '2030-01-01T11:00:00Z' },
  bookedAt: '2025-01-01T10:00:00Z',
  channel: 'admin',
  leadBooker: { customerId: null, email: 'Phoebe@Example.com', firstName: 'Phoebe', lastName: 'Buffay' },
  attendees,
  total: { amount: 0, currency: 'EUR' },
});

describe('peopleOf', () => {
  it('makes the lead booker one person with their own attendee entry', () => {
    const people = peopleOf(
      booking([
        attendee({ attendeeId: 'a1', email: 'phoebe@example.com', firstName: 'Phoebe', lastName: 'Buffay', fields: { age: 30 }, consents: { photos: 'given' } }),
        attendee({ attendeeId: 'a2', firstName: 'Frank', lastName: 'Buffay' }),
        attendee({ attendeeId: 'a3', firstName: 'Leslie', lastName: 'Buffay', email: 'leslie@example.com' }),
      ]),
    );
    expect(people.map((p) => [p.email, p.firstName, p.isLead, p.attendeeIds])).toEqual([
      ['phoebe@example.com', 'Phoebe', true, ['a1']],
      [null, 'Frank', false, ['a2']],
      ['leslie@example.com', 'Leslie', false, ['a3']],
    ]);
    expect(people[0]).toMatchObject({ fields: { age: 30 }, consents: { photos: 'given' } });
  });

  it('treats an attendee without email named like the lead booker as the lead booker', () => {
    const people = peopleOf(booking([attendee({ attendeeId: 'a1', firstName: ' phoebe', lastName: 'BUFFAY' })]));
    expect(people).toHaveLength(1);
    expect(people[0].attendeeIds).toEqual(['a1']);
  });

  it('joins two tickets of one person', () => {
    const people = peopleOf(booking([attendee({ attendeeId: 'a1', firstName: 'Kid', lastName: 'B' }), attendee({ attendeeId: 'a2', firstName: 'Kid', lastName: 'B' })]));
    expect(people[1].attendeeIds).toEqual(['a1', 'a2']);
  });
});
