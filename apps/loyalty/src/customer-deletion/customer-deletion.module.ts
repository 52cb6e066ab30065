import { Global, Module } from '@nestjs/common';
import { CUSTOMER_DIRECTORY_LISTENER } from '@app/platform';
import { CardsModule } from '../cards/cards.module';
import { CustomerDeletionController } from './customer-deletion.controller';
import { CustomerErasure } from './customer-erasure.listener';

/**
 * L9 and C18. Global, so that the platform's CustomerDirectoryConsumer (in the global
 * PlatformModule) finds this service's listener under CUSTOMER_DIRECTORY_LISTENER.
 */
@Global()
@Module({
  imports: [CardsModule],
  controllers: [CustomerDeletionController],
  providers: [CustomerErasure, { provide: CUSTOMER_DIRECTORY_LISTENER, useExisting: CustomerErasure }],
  exports: [CUSTOMER_DIRECTORY_LISTENER],
})
export class CustomerDeletionModule {}
