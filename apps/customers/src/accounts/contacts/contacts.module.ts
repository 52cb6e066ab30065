import { Module } from '@nestjs/common';
import { AccountSharedModule } from '../shared/account-shared.module';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';

@Module({ imports: [AccountSharedModule], controllers: [ContactsController], providers: [ContactsService, ContactsRepository], exports: [ContactsService] })
export class ContactsModule {}
