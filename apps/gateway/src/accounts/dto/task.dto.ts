import { ApiProperty } from '@nestjs/swagger';
import { TASK_STATUSES, type CreateTaskInput, type TaskStatus, type UpdateTaskInput } from '@app/contracts';
import { PageQueryDto } from '../../http/page-query.dto';
import { ActorRefDto } from './common.dto';
import { DateField, EnumField, PatternField, QueryEnumFilter, QueryTextFilter, TextField } from './fields';

const USER_ID = /^[\x21-\x7e]{1,128}$/;
const USER_ID_MESSAGE = 'assignee must be a user id (1-128 visible characters)';

export class CreateTaskDto implements CreateTaskInput {
  @TextField(64, { required: true, example: 'Follow-up' }) category: string;
  @PatternField(USER_ID, USER_ID_MESSAGE, 128, { nullable: true, description: 'Staff user (token sub) to assign; leave out for none', example: 'user-42' })
  assignee?: string | null;
  @DateField({ required: true, example: '2025-06-30' }) dueDate: string;
  @TextField(4000, { required: true, example: 'Send the new price list' }) description: string;
  @EnumField(TASK_STATUSES, { description: 'Default open' }) status?: TaskStatus;
}

export class UpdateTaskDto implements UpdateTaskInput {
  @TextField(64) category?: string;
  @PatternField(USER_ID, USER_ID_MESSAGE, 128, { nullable: true }) assignee?: string | null;
  @DateField() dueDate?: string;
  @TextField(4000) description?: string;
  @EnumField(TASK_STATUSES, { description: 'done records who completed it and when; open clears that' }) status?: TaskStatus;
}

export class ListTasksQueryDto extends PageQueryDto {
  @QueryEnumFilter(TASK_STATUSES, 'Only open or only done tasks') status?: TaskStatus;
  @QueryTextFilter(128, 'Only tasks assigned to this user') assignee?: string;
  @QueryTextFilter(64, 'Only tasks of this category') category?: string;
}

export class TaskViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() category: string;
  @ApiProperty({ nullable: true, type: String }) assignee: string | null;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ type: ActorRefDto, nullable: true }) completedBy: ActorRefDto | null;
  @ApiProperty({ type: ActorRefDto }) createdBy: ActorRefDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskViewDto] }) items: TaskViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
