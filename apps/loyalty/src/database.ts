import { projectionMigrations, type ServiceDatabaseOptions } from '@app/platform';

export const loyaltyDatabase: ServiceDatabaseOptions = {
  entities: [],
  migrations: [...projectionMigrations],
};
