import { Module } from '@nestjs/common';
import { AppointmentsModule } from './appointments/appointments.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { BrandsModule } from './brands/brands.module';
import { ContactsModule } from './contacts/contacts.module';
import { LocationsModule } from './locations/locations.module';
import { NotesModule } from './notes/notes.module';
import { TasksModule } from './tasks/tasks.module';

/** The B2B account sections of a customer (C9-C15). */
const SECTIONS = [NotesModule, TasksModule, AppointmentsModule, LocationsModule, ContactsModule, AttachmentsModule, BrandsModule];

@Module({ imports: SECTIONS, exports: SECTIONS })
export class AccountsModule {}
