import { CreateTenantSettings1700000000400, type ServiceDatabaseOptions } from '@app/platform';
import { accountMigrations } from './accounts/accounts.database';
import { AttributeDefinitionEntity } from './attributes/attribute-definition.entity';
import { ConsentHistoryEntity } from './consents/consent-history.entity';
import { ConsentEntity } from './consents/consent.entity';
import { CustomerEmailEntity } from './customers/customer-email.entity';
import { CustomerPhoneEntity } from './customers/customer-phone.entity';
import { CustomerTagEntity } from './customers/customer-tag.entity';
import { CustomerEntity } from './customers/customer.entity';
import { CreateCustomers1700000001000 } from './migrations/1700000001000-create-customers';
import { CreateBookingProfiles1700000003000 } from './migrations/1700000003000-booking-profiles';
import { CreateHistoryDeletionsSegments1700000007000 } from './migrations/1700000007000-history-deletions-segments';
import { CustomersProfileChanges1700000008000 } from './migrations/1700000008000-profile-changes';

export const customersDatabase: ServiceDatabaseOptions = {
  entities: [
    CustomerEntity,
    CustomerEmailEntity,
    CustomerPhoneEntity,
    CustomerTagEntity,
    AttributeDefinitionEntity,
    ConsentEntity,
    ConsentHistoryEntity,
  ],
  migrations: [CreateTenantSettings1700000000400, CreateCustomers1700000001000, CreateBookingProfiles1700000003000, ...accountMigrations, CreateHistoryDeletionsSegments1700000007000, CustomersProfileChanges1700000008000],
};
