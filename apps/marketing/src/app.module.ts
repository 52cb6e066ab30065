import { Module, type DynamicModule } from '@nestjs/common';
import { CustomerDirectoryConsumer, PlatformModule, TenantSettingsConsumer, type ServiceConfig } from '@app/platform';
import { marketingDatabase } from './database';

@Module({})
export class MarketingAppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: MarketingAppModule,
      imports: [PlatformModule.forService({ config, database: marketingDatabase, consumers: [CustomerDirectoryConsumer, TenantSettingsConsumer] })],
    };
  }
}
