import { invalid, type BookingForm, type ConsentField, type FormField, type FormFieldType } from '@app/contracts';
import { InputReader } from '../common/input';

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const FIELD_TYPES: readonly FormFieldType[] = ['text', 'number', 'boolean', 'select', 'date'];

export interface TicketInput {
  name: string;
  price: number;
  currency: string;
  customerGroupId: string | null;
}
export interface ScheduleEntryInput {
  title: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  tickets: TicketInput[];
  bookingForm: BookingForm;
}

/** Checks a new schedule entry (B1); 400 with every bad field. Ticket currency defaults to the tenant's. */
export function readScheduleEntryInput(input: Record<string, unknown>, defaultCurrency: string): ScheduleEntryInput {
  const r = new InputReader();
  const title = r.text(input.title, 'title');
  const startsAt = r.instant(input.startsAt, 'startsAt');
  const endsAt = r.instant(input.endsAt, 'endsAt');
  if (startsAt && endsAt && endsAt <= startsAt) r.fail('endsAt', 'must be after startsAt');
  const capacity = r.int(input.capacity, 'capacity', 0, 100_000);
  const tickets = r.array(input.tickets, 'tickets', 1, 50).map((raw, i): TicketInput => {
    const t = r.object(raw, `tickets[${i}]`);
    const exclusive = r.bool(t.exclusive, `tickets[${i}].exclusive`, false);
    const groupId = r.uuid(t.customerGroupId, `tickets[${i}].customerGroupId`, { optional: !exclusive });
    if (!exclusive && groupId) r.fail(`tickets[${i}].customerGroupId`, 'is only for exclusive tickets');
    const currency = r.currency(t.currency, `tickets[${i}].currency`, defaultCurrency);
    return {
      name: r.text(t.name, `tickets[${i}].name`) ?? '',
      price: r.int(t.price, `tickets[${i}].price`, 0, 100_000_000) ?? 0,
      currency,
      customerGroupId: exclusive ? groupId : null,
    };
  });
  const bookingForm = readBookingForm(r, r.object(input.bookingForm, 'bookingForm', { optional: true }));
  if (!r.ok) throw invalid(r.errors);
  return { title: title!, startsAt: startsAt!, endsAt: endsAt!, capacity: capacity!, tickets, bookingForm };
}

function readBookingForm(r: InputReader, form: Record<string, unknown>): BookingForm {
  const keys = new Set<string>();
  const key = (value: unknown, path: string) => {
    if (typeof value !== 'string' || !KEY.test(value)) r.fail(path, 'must be a key of letters, digits and _ starting with a letter');
    else if (keys.has(value)) r.fail(path, `"${value}" is used twice in the form`);
    else keys.add(value);
    return String(value);
  };
  const fields = (form.fields === undefined ? [] : r.array(form.fields, 'bookingForm.fields', 0, 50)).map((raw, i): FormField => {
    const f = r.object(raw, `bookingForm.fields[${i}]`);
    const type = r.oneOf(f.type, `bookingForm.fields[${i}].type`, FIELD_TYPES) ?? 'text';
    const field: FormField = {
      key: key(f.key, `bookingForm.fields[${i}].key`),
      label: r.text(f.label, `bookingForm.fields[${i}].label`) ?? '',
      type,
      required: r.bool(f.required, `bookingForm.fields[${i}].required`, false),
    };
    if (type === 'select') {
      const options = r.array(f.options, `bookingForm.fields[${i}].options`, 1, 100);
      if (!options.every((o) => typeof o === 'string' && o.length > 0 && o.length <= 200)) r.fail(`bookingForm.fields[${i}].options`, 'must be texts');
      field.options = options as string[];
    }
    return field;
  });
  const consents = (form.consents === undefined ? [] : r.array(form.consents, 'bookingForm.consents', 0, 20)).map((raw, i): ConsentField => {
    const c = r.object(raw, `bookingForm.consents[${i}]`);
    return { key: key(c.key, `bookingForm.consents[${i}].key`), label: r.text(c.label, `bookingForm.consents[${i}].label`) ?? '' };
  });
  for (const extra of Object.keys(form).filter((k) => k !== 'fields' && k !== 'consents')) r.fail(`bookingForm.${extra}`, 'is not part of a booking form');
  return { fields, consents };
}
