import { DomainError, type BookingForm } from '@app/contracts';
import { answerForm, isLeadBooker, readBookingRequest, type AttendeeRequest } from './booking-input';

const ID = '5b7c1f9e-0000-4000-8000-000000000001';
const errorsOf = (run: () => unknown): Record<string, string[]> => {
  try {
    run();
  } catch (e) {
    return ((e as DomainError).details as { errors: Record<string, string[]> }).errors;
  }
  throw new Error('expected a 400');
};

describe('readBookingRequest', () => {
  it('normalises emails and voucher codes', () => {
    const request = readBookingRequest({
      scheduleEntryId: ID,
      leadBooker: { email: ' Phoebe@Example.COM ', firstName: 'Phoebe', lastName: 'Buffay' },
      attendees: [{ ticketId: ID, firstName: 'Kid', lastName: 'Buffay' }],
      voucherCode: 'gift-10',
    });
    expect(request.leadBooker.email).toBe('phoebe@example.com');
    expect(request.attendees[0]).toMatchObject({ email: null, fields: {}, consents: {} });
    expect(request.voucherCode).toBe('GIFT-10');
  });

  it('reports every bad field with its path', () => {
    const errors = errorsOf(() =>
      readBookingRequest({ scheduleEntryId: 'x', leadBooker: { email: 'nope' }, attendees: [{ ticketId: ID, email: 'bad', firstName: '' }] }),
    );
    expect(Object.keys(errors).sort()).toEqual(
      ['attendees[0].email', 'attendees[0].firstName', 'attendees[0].lastName', 'leadBooker.email', 'leadBooker.firstName', 'leadBooker.lastName', 'scheduleEntryId'].sort(),
    );
  });

  it('needs one to fifty attendees', () => {
    const base = { scheduleEntryId: ID, leadBooker: { email: 'a@b.co', firstName: 'A', lastName: 'B' } };
    expect(errorsOf(() => readBookingRequest({ ...base, attendees: [] }))).toHaveProperty('attendees');
    const many = Array.from({ length: 51 }, () => ({ ticketId: ID, firstName: 'A', lastName: 'B' }));
    expect(errorsOf(() => readBookingRequest({ ...base, attendees: many }))).toHaveProperty('attendees');
  });
});

describe('answerForm', () => {
  const form: BookingForm = {
    fields: [
      { key: 'age', label: 'Age', type: 'number', required: true },
      { key: 'level', label: 'Level', type: 'select', required: false, options: ['beginner', 'advanced'] },
      { key: 'dob', label: 'Birthday', type: 'date', required: false },
    ],
    consents: [
      { key: 'photos', label: 'Photos may be taken' },
      { key: 'newsletter', label: 'Newsletter' },
    ],
  };
  const attendee = (over: Partial<AttendeeRequest> = {}): AttendeeRequest => ({ ticketId: ID, email: null, firstName: 'A', lastName: 'B', fields: { age: 7 }, consents: {}, ...over });

  it('keeps answers and records unanswered consents of an admin booking as not captured', () => {
    const [answered] = answerForm(form, [attendee({ fields: { age: 7, level: 'advanced' }, consents: { photos: true } })], 'admin');
    expect(answered.fields).toEqual({ age: 7, level: 'advanced' });
    expect(answered.consents).toEqual({ photos: 'given', newsletter: 'not_captured' });
  });

  it('needs every consent answered in a customer booking, false meaning revoked', () => {
    expect(errorsOf(() => answerForm(form, [attendee({ consents: { photos: false } })], 'customer'))).toEqual({
      'attendees[0].consents.newsletter': ['must be answered (true or false)'],
    });
    const [answered] = answerForm(form, [attendee({ consents: { photos: false, newsletter: true } })], 'customer');
    expect(answered.consents).toEqual({ photos: 'revoked', newsletter: 'given' });
  });

  it('refuses unknown keys, wrong types, missing required fields', () => {
    const errors = errorsOf(() =>
      answerForm(form, [attendee({ fields: { level: 'expert', shoe: 42, dob: '2020-02-30' }, consents: { sms: true, photos: 'yes' } })], 'admin'),
    );
    expect(Object.keys(errors).sort()).toEqual(
      ['attendees[0].consents.photos', 'attendees[0].consents.sms', 'attendees[0].fields.age', 'attendees[0].fields.dob', 'attendees[0].fields.level', 'attendees[0].fields.shoe'].sort(),
    );
  });
});

describe('isLeadBooker', () => {
  const lead = { email: 'p@example.com', firstName: 'Phoebe', lastName: 'Buffay' };
  it('matches by email, or by name without one', () => {
    expect(isLeadBooker({ email: 'p@example.com', firstName: 'X', lastName: 'Y' }, lead)).toBe(true);
    expect(isLeadBooker({ email: 'kid@example.com', firstName: 'Phoebe', lastName: 'Buffay' }, lead)).toBe(false);
    expect(isLeadBooker({ email: null, firstName: ' phoebe', lastName: 'BUFFAY' }, lead)).toBe(true);
    expect(isLeadBooker({ email: null, firstName: 'Frank', lastName: 'Buffay' }, lead)).toBe(false);
  });
});
