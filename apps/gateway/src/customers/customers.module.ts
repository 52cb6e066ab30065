import { Module } from '@nestjs/common';
import { AttributesController } from './attributes.controller';
import { ConsentsController } from './consents.controller';
import { CustomerDeletion } from './customer-deletion.service';
import { CustomerTagsController } from './customer-tags.controller';
import { CustomersController } from './customers.controller';
import { HistoryController } from './history.controller';

/** HTTP edge of the customers service: validate, call one RPC, answer. */
@Module({
  controllers: [CustomersController, CustomerTagsController, AttributesController, ConsentsController, HistoryController],
  providers: [CustomerDeletion],
})
export class CustomersModule {}
