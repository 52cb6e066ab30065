import { Module, type DynamicModule } from '@nestjs/common';
import { CustomerDirectoryConsumer, PlatformModule, TenantSettingsConsumer, type ServiceConfig } from '@app/platform';
import { bookingsDatabase } from './database';

@Module({})
export class BookingsAppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: BookingsAppModule,
      imports: [PlatformModule.forService({ config, database: bookingsDatabase, consumers: [CustomerDirectoryConsumer, TenantSettingsConsumer] })],
    };
  }
}
