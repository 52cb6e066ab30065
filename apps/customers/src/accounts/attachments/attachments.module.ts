import { Module } from '@nestjs/common';
import { AccountSharedModule } from '../shared/account-shared.module';
import { ATTACHMENT_SETTINGS, readAttachmentSettings } from './attachment-settings';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

@Module({
  imports: [AccountSharedModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsService, AttachmentsRepository, { provide: ATTACHMENT_SETTINGS, useFactory: () => readAttachmentSettings() }],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
