import { projectionMigrations, type ServiceDatabaseOptions } from '@app/platform';
import { CreateBookings1700000002000 } from './migrations/1700000002000-create-bookings';
import { BookingsProfileChanges1700000008000 } from './migrations/1700000008000-profile-changes';

export const bookingsDatabase: ServiceDatabaseOptions = {
  entities: [],
  migrations: [...projectionMigrations, CreateBookings1700000002000, BookingsProfileChanges1700000008000],
};
