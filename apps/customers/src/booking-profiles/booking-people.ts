import type { BookingCreatedV1, ConsentStatus, FieldAnswer } from '@app/contracts';

/** One person of a booking, with everything the booking says about them. */
export interface BookingPerson {
  /** The email, lower-cased, or null (e.g. a child booked by a parent). */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  isLead: boolean;
  /** Attendee ids this person holds (a person may hold several tickets, or none as lead booker). */
  attendeeIds: string[];
  fields: Record<string, FieldAnswer>;
  consents: Record<string, ConsentStatus>;
}

/**
 * The distinct people of a booking: the lead booker, then each attendee. An attendee with the
 * lead booker's email, or without an email and with the lead booker's name, is the lead booker;
 * attendees sharing an email (or, without one, a name) are one person. Later answers win.
 */
export function peopleOf(booking: BookingCreatedV1): BookingPerson[] {
  const lead = booking.leadBooker;
  const people: BookingPerson[] = [
    { email: lead.email.toLowerCase(), firstName: lead.firstName, lastName: lead.lastName, isLead: true, attendeeIds: [], fields: {}, consents: {} },
  ];
  const same = (a: string | null, b: string | null) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
  for (const a of booking.attendees) {
    const email = a.email?.toLowerCase() ?? null;
    const person = people.find((p) => (email ? p.email === email : (p.isLead || !p.email) && same(p.firstName, a.firstName) && same(p.lastName, a.lastName)));
    if (person) {
      person.attendeeIds.push(a.attendeeId);
      Object.assign(person.fields, a.fields);
      Object.assign(person.consents, a.consents);
      if (!person.isLead) {
        person.firstName = a.firstName;
        person.lastName = a.lastName;
      }
    } else {
      people.push({ email, firstName: a.firstName, lastName: a.lastName, isLead: false, attendeeIds: [a.attendeeId], fields: { ...a.fields }, consents: { ...a.consents } });
    }
  }
  return people;
}
