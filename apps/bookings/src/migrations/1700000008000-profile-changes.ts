import type { MigrationInterface } from 'typeorm';
import { allOf, customerColumns, customersVia, profileChangesMigration, tenantWide, type CustomersOfRows } from '@app/platform';

/** The customers a booking's rows show in: its lead booker and attendees (customer_bookings), and those named on the row. */
const customersOfBooking = (bookingColumn: string, ...ownColumns: string[]) =>
  allOf(customersVia('customer_bookings', 'booking_id', bookingColumn), customerColumns(...ownColumns));

/** A pass's rows show in its holder's profile. */
const holderOfPass = customersVia('passes', 'id', 'pass_id');

/** Which profiles a write to each table the bookings part reads changes (see ProfileDocuments). */
export const BOOKINGS_PROFILE_TABLES: Record<string, CustomersOfRows> = {
  customer_bookings: customerColumns('customer_id'),
  bookings: customersOfBooking('id', 'lead_customer_id'),
  booking_attendees: customersOfBooking('booking_id', 'customer_id'),
  passes: customerColumns('customer_id'),
  pass_uses: holderOfPass,
  pass_adjustments: holderOfPass,
  group_members: customerColumns('customer_id'),
  memberships: customerColumns('customer_id'),
  vouchers: customerColumns('purchased_by', 'redeemed_by'),
  customer_refs: customerColumns('customer_id'),
  customer_ref_emails: customerColumns('customer_id'),
  pass_products: tenantWide,
  tenant_settings: tenantWide,
};

/** Tenant-wide tables of which profiles show only some columns (not, say, a schedule entry's seat count). */
export const BOOKINGS_PROFILE_COLUMNS: Record<string, string[]> = {
  schedule_entries: ['title', 'starts_at', 'ends_at'],
  tickets: ['name'],
  customer_groups: ['name', 'description', 'kind'],
};

const changes = profileChangesMigration(BOOKINGS_PROFILE_TABLES, BOOKINGS_PROFILE_COLUMNS);

export class BookingsProfileChanges1700000008000 implements MigrationInterface {
  name = 'BookingsProfileChanges1700000008000';
  up = changes.up;
  down = changes.down;
}
