import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersB2BPatterns as P, type Deleted, type Page, type TaskView } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { DeletedDto } from './dto/common.dto';
import { CreateTaskDto, ListTasksQueryDto, TaskPageDto, TaskViewDto, UpdateTaskDto } from './dto/task.dto';

/** C10: tasks created from a customer's profile (the customer is filled in from the path). */
@ApiTags('tasks')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller()
export class TasksController {
  constructor(private readonly rpc: RpcGateway) {}

  @Get('tasks')
  @ApiOperation({ summary: 'Tasks of every customer, by due date (e.g. ?assignee=<me>&status=open)' })
  @ApiOkResponse({ type: TaskPageDto })
  listAll(@Caller() caller: CallContext, @Query() query: ListTasksQueryDto): Promise<Page<TaskView>> {
    return this.rpc.send(P.listTenantTasks, caller, { query });
  }

  @Get('customers/:id/tasks')
  @ApiOperation({ summary: 'The customer’s tasks by due date (tab); filter status open/done, assignee, category' })
  @ApiOkResponse({ type: TaskPageDto })
  list(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: ListTasksQueryDto): Promise<Page<TaskView>> {
    return this.rpc.send(P.listTasks, caller, { id, query });
  }

  @Post('customers/:id/tasks')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Add a task for the customer' })
  @ApiCreatedResponse({ type: TaskViewDto })
  create(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Body() input: CreateTaskDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<TaskView> {
    return this.rpc.send(P.createTask, caller, { id, input, idempotencyKey });
  }

  @Patch('customers/:id/tasks/:itemId')
  @ApiOperation({ summary: 'Change a task; status done records who completed it and when, open reopens it' })
  @ApiOkResponse({ type: TaskViewDto })
  update(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Param('itemId', ParseUuidPipe) itemId: string,
    @Body() input: UpdateTaskDto,
  ): Promise<TaskView> {
    return this.rpc.send(P.updateTask, caller, { id, itemId, input });
  }

  @Delete('customers/:id/tasks/:itemId')
  @ApiOperation({ summary: 'Delete a task' })
  @ApiOkResponse({ type: DeletedDto })
  delete(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Param('itemId', ParseUuidPipe) itemId: string): Promise<Deleted> {
    return this.rpc.send(P.deleteTask, caller, { id, itemId });
  }
}
