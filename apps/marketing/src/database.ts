import { CreateCustomerRefs1700000000100, CustomerRefEntity, type ServiceDatabaseOptions } from '@app/platform';

export const marketingDatabase: ServiceDatabaseOptions = {
  entities: [CustomerRefEntity],
  migrations: [CreateCustomerRefs1700000000100],
};
