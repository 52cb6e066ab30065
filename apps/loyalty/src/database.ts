import { projectionMigrations, type ServiceDatabaseOptions } from '@app/platform';
import { CreateLoyalty1700000004000 } from './migrations/1700000004000-create-loyalty';
import { LoyaltyProfileChanges1700000008000 } from './migrations/1700000008000-profile-changes';

/** Data access is plain SQL in the repositories (conditional updates, RETURNING, arrays); no entities. */
export const loyaltyDatabase: ServiceDatabaseOptions = {
  entities: [],
  migrations: [...projectionMigrations, CreateLoyalty1700000004000, LoyaltyProfileChanges1700000008000],
};
