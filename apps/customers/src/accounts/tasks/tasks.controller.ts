import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomersB2BErrorCodes, CustomersB2BPatterns } from '@app/contracts';
import { callerOf, customerIdOf, idOf, objectOf } from '@app/common';
import { TasksService } from './tasks.service';

type Message = Record<string, unknown>;
const taskIdOf = (value: unknown) => idOf(value, 'Task', CustomersB2BErrorCodes.taskNotFound);

/** Tasks (C10) over NATS; shapes in CustomersB2BPatterns. */
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @MessagePattern(CustomersB2BPatterns.createTask)
  create(@Payload() message: Message) {
    return this.tasks.create(callerOf(message), customerIdOf(message.id), objectOf(message.input, 'input'), message.idempotencyKey);
  }

  @MessagePattern(CustomersB2BPatterns.updateTask)
  update(@Payload() message: Message) {
    return this.tasks.update(callerOf(message), customerIdOf(message.id), taskIdOf(message.itemId), objectOf(message.input, 'input'));
  }

  @MessagePattern(CustomersB2BPatterns.deleteTask)
  delete(@Payload() message: Message) {
    return this.tasks.delete(callerOf(message), customerIdOf(message.id), taskIdOf(message.itemId));
  }

  @MessagePattern(CustomersB2BPatterns.listTasks)
  list(@Payload() message: Message) {
    return this.tasks.list(callerOf(message), customerIdOf(message.id), objectOf(message.query, 'query', false));
  }

  @MessagePattern(CustomersB2BPatterns.listTenantTasks)
  listAll(@Payload() message: Message) {
    return this.tasks.listAll(callerOf(message), objectOf(message.query, 'query', false));
  }
}
