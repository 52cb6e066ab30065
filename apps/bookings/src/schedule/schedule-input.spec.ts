import type { DomainError } from '@app/contracts';
import { readScheduleEntryInput } from './schedule-input';

const GROUP = '5b7c1f9e-0000-4000-8000-000000000009';
const valid = {
  title: 'Yoga',
  startsAt: '2030-01-01T10:00:00Z',
  endsAt: '2030-01-01T11:00:00Z',
  capacity: 10,
  tickets: [{ name: 'Standard', price: 1500 }, { name: 'Members', price: 0, exclusive: true, customerGroupId: GROUP }],
};
const errorsOf = (input: object) => {
  try {
    readScheduleEntryInput(input as Record<string, unknown>, 'EUR');
  } catch (e) {
    return Object.keys(((e as DomainError).details as { errors: object }).errors).sort();
  }
  throw new Error('expected a 400');
};

describe('readScheduleEntryInput', () => {
  it('reads tickets with the tenant currency and an empty form by default', () => {
    const entry = readScheduleEntryInput(valid, 'GBP');
    expect(entry.tickets).toEqual([
      { name: 'Standard', price: 1500, currency: 'GBP', customerGroupId: null },
      { name: 'Members', price: 0, currency: 'GBP', customerGroupId: GROUP },
    ]);
    expect(entry.bookingForm).toEqual({ fields: [], consents: [] });
  });

  it('needs a group for an exclusive ticket and an end after the start', () => {
    expect(errorsOf({ ...valid, endsAt: valid.startsAt, tickets: [{ name: 'X', price: 1, exclusive: true }] })).toEqual(['endsAt', 'tickets[0].customerGroupId']);
  });

  it('refuses duplicate form keys and select fields without options', () => {
    expect(
      errorsOf({
        ...valid,
        bookingForm: { fields: [{ key: 'age', label: 'Age', type: 'number' }, { key: 'level', label: 'L', type: 'select' }], consents: [{ key: 'age', label: 'Dup' }] },
      }),
    ).toEqual(['bookingForm.consents[0].key', 'bookingForm.fields[1].options']);
  });

  it('accepts zero capacity (an entry nobody can book yet) and refuses negatives', () => {
    expect(readScheduleEntryInput({ ...valid, capacity: 0 }, 'EUR').capacity).toBe(0);
    expect(errorsOf({ ...valid, capacity: -1 })).toEqual(['capacity']);
  });
});
