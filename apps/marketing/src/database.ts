import { projectionMigrations, type ServiceDatabaseOptions } from '@app/platform';

export const marketingDatabase: ServiceDatabaseOptions = {
  entities: [],
  migrations: [...projectionMigrations],
};
