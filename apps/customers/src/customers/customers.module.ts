import { Module } from '@nestjs/common';
import { AttributesModule } from '../attributes/attributes.module';
import { DeletionsModule } from '../deletions/deletions.module';
import { CustomerChangesService } from './customer-changes.service';
import { CustomersController } from './customers.controller';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

@Module({
  imports: [AttributesModule, DeletionsModule],
  controllers: [CustomersController, TagsController],
  providers: [CustomersRepository, CustomerChangesService, CustomersService, TagsService],
  exports: [CustomersRepository, CustomerChangesService, CustomersService],
})
export class CustomersModule {}
