import { projectionMigrations, type ServiceDatabaseOptions } from '@app/platform';

export const bookingsDatabase: ServiceDatabaseOptions = {
  entities: [],
  migrations: [...projectionMigrations],
};
