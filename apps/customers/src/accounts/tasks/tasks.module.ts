import { Module } from '@nestjs/common';
import { AccountSharedModule } from '../shared/account-shared.module';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({ imports: [AccountSharedModule], controllers: [TasksController], providers: [TasksService, TasksRepository], exports: [TasksService] })
export class TasksModule {}
