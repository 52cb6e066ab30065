import { Module } from '@nestjs/common';
import { AppointmentsController } from './appointments.controller';
import { AttachmentTransfer } from './attachment-transfer.service';
import { AttachmentsController } from './attachments.controller';
import { BrandsController } from './brands.controller';
import { ContactsController } from './contacts.controller';
import { LocationsController } from './locations.controller';
import { NotesController } from './notes.controller';
import { TasksController } from './tasks.controller';

/** HTTP edge of the B2B account sections of the customers service (C9-C15): validate, call, answer. Staff only (no portal tokens). */
@Module({
  controllers: [NotesController, TasksController, AppointmentsController, LocationsController, ContactsController, AttachmentsController, BrandsController],
  providers: [AttachmentTransfer],
})
export class AccountsModule {}
