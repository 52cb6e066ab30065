import { Module, type DynamicModule } from '@nestjs/common';
import { CustomerDirectoryConsumer, PlatformModule, TenantSettingsConsumer, type ServiceConfig } from '@app/platform';
import { loyaltyDatabase } from './database';
import { CustomerDeletionController } from './customer-deletion/customer-deletion.controller';

@Module({})
export class LoyaltyAppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: LoyaltyAppModule,
      imports: [PlatformModule.forService({ config, database: loyaltyDatabase, consumers: [CustomerDirectoryConsumer, TenantSettingsConsumer] })],
      controllers: [CustomerDeletionController],
    };
  }
}
