import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type ServiceConfig } from '@app/platform';
import { AccountsModule } from './accounts/accounts.module';
import { AttributesModule } from './attributes/attributes.module';
import { BookingProfilesModule } from './booking-profiles/booking-profiles.module';
import { ConsentsModule } from './consents/consents.module';
import { CustomersSettingsModule, type CustomersSettings } from './customers-settings';
import { CustomersModule } from './customers/customers.module';
import { customersDatabase } from './database';
import { DeletionsModule } from './deletions/deletions.module';
import { EventsModule } from './events/events.module';
import { HistoryModule } from './history/history.module';
import { CustomerProfileModule } from './profile/customer-profile.module';
import { TenantSettingsModule } from './tenant-settings/tenant-settings.module';

/** The customers service: identity, contact data, attributes, consents, tags, tenant settings,
 * and the profiles that grow from bookings (latest details, known customers, booking consents). */
@Module({})
export class CustomersAppModule {
  static register(config: ServiceConfig, settings: CustomersSettings): DynamicModule {
    return {
      module: CustomersAppModule,
      imports: [
        PlatformModule.forService({ config, database: customersDatabase }),
        CustomersSettingsModule.forRoot(settings),
        AttributesModule,
        CustomersModule,
        ConsentsModule,
        TenantSettingsModule,
        BookingProfilesModule,
        HistoryModule,
        DeletionsModule,
        EventsModule,
        CustomerProfileModule,
        AccountsModule,
      ],
    };
  }
}
