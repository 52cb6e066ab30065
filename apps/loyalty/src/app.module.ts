import { Module, type DynamicModule } from '@nestjs/common';
import { CustomerDirectoryConsumer, PlatformModule, type ServiceConfig } from '@app/platform';
import { loyaltyDatabase } from './database';

@Module({})
export class LoyaltyAppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: LoyaltyAppModule,
      imports: [PlatformModule.forService({ config, database: loyaltyDatabase, consumers: [CustomerDirectoryConsumer] })],
    };
  }
}
