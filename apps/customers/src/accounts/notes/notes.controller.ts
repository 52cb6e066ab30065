import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomersB2BErrorCodes, CustomersB2BPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { NotesService } from './notes.service';

type Message = Record<string, unknown>;
const noteIdOf = (value: unknown) => idOf(value, 'Note', CustomersB2BErrorCodes.noteNotFound);

/** Notes (C9) and note types over NATS; shapes in CustomersB2BPatterns. */
@Controller()
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @MessagePattern(CustomersB2BPatterns.listNoteTypes)
  listTypes(@Payload() message: Message) {
    return this.notes.listTypes(callerOf(message));
  }

  @MessagePattern(CustomersB2BPatterns.createNoteType)
  createType(@Payload() message: Message) {
    return this.notes.createType(callerOf(message), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.deleteNoteType)
  deleteType(@Payload() message: Message) {
    return this.notes.deleteType(callerOf(message), message.key);
  }

  @MessagePattern(CustomersB2BPatterns.createNote)
  create(@Payload() message: Message) {
    return this.notes.create(callerOf(message), customerIdOf(message.id), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  @MessagePattern(CustomersB2BPatterns.updateNote)
  update(@Payload() message: Message) {
    return this.notes.update(callerOf(message), customerIdOf(message.id), noteIdOf(message.itemId), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.deleteNote)
  delete(@Payload() message: Message) {
    return this.notes.delete(callerOf(message), customerIdOf(message.id), noteIdOf(message.itemId));
  }

  @MessagePattern(CustomersB2BPatterns.listNotes)
  list(@Payload() message: Message) {
    return this.notes.list(callerOf(message), customerIdOf(message.id), objectOf(message.query, 'query', false));
  }
}
