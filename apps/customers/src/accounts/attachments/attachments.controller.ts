import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomersB2BErrorCodes, CustomersB2BPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { AttachmentsService } from './attachments.service';

type Message = Record<string, unknown>;
const attachmentIdOf = (value: unknown) => idOf(value, 'Attachment', CustomersB2BErrorCodes.attachmentNotFound);
const uploadIdOf = (value: unknown) => idOf(value, 'Upload', CustomersB2BErrorCodes.uploadNotFound);

/** Attachments (C14) over NATS: chunked upload and download; shapes in CustomersB2BPatterns. */
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @MessagePattern(CustomersB2BPatterns.beginUpload)
  begin(@Payload() message: Message) {
    return this.attachments.begin(callerOf(message), customerIdOf(message.id), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.appendUploadChunk)
  appendChunk(@Payload() message: Message) {
    return this.attachments.appendChunk(callerOf(message), customerIdOf(message.id), uploadIdOf(message.uploadId), message.index, message.data);
  }

  @MessagePattern(CustomersB2BPatterns.completeUpload)
  complete(@Payload() message: Message) {
    return this.attachments.complete(callerOf(message), customerIdOf(message.id), uploadIdOf(message.uploadId), {
      chunks: message.chunks,
      bytes: message.bytes,
      sha256: message.sha256,
    });
  }

  @MessagePattern(CustomersB2BPatterns.abortUpload)
  abort(@Payload() message: Message) {
    return this.attachments.abort(callerOf(message), customerIdOf(message.id), uploadIdOf(message.uploadId));
  }

  @MessagePattern(CustomersB2BPatterns.getAttachment)
  get(@Payload() message: Message) {
    return this.attachments.get(callerOf(message), customerIdOf(message.id), attachmentIdOf(message.itemId));
  }

  @MessagePattern(CustomersB2BPatterns.readAttachmentChunk)
  readChunk(@Payload() message: Message) {
    return this.attachments.readChunk(callerOf(message), customerIdOf(message.id), attachmentIdOf(message.itemId), message.index);
  }

  @MessagePattern(CustomersB2BPatterns.updateAttachment)
  update(@Payload() message: Message) {
    return this.attachments.rename(callerOf(message), customerIdOf(message.id), attachmentIdOf(message.itemId), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.deleteAttachment)
  delete(@Payload() message: Message) {
    return this.attachments.delete(callerOf(message), customerIdOf(message.id), attachmentIdOf(message.itemId));
  }

  @MessagePattern(CustomersB2BPatterns.listAttachments)
  list(@Payload() message: Message) {
    return this.attachments.list(callerOf(message), customerIdOf(message.id), objectOf(message.query, 'query', false));
  }
}
