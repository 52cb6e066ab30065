import { projectionMigrations, type ServiceDatabaseOptions } from '@app/platform';
import { CreateMarketing1700000005000 } from './migrations/1700000005000-create-marketing';
import { MarketingProfileChanges1700000008000 } from './migrations/1700000008000-profile-changes';

export const marketingDatabase: ServiceDatabaseOptions = {
  entities: [],
  migrations: [...projectionMigrations, CreateMarketing1700000005000, MarketingProfileChanges1700000008000],
};
