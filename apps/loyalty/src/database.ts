import { CreateCustomerRefs1700000000100, CustomerRefEntity, type ServiceDatabaseOptions } from '@app/platform';

export const loyaltyDatabase: ServiceDatabaseOptions = {
  entities: [CustomerRefEntity],
  migrations: [CreateCustomerRefs1700000000100],
};
