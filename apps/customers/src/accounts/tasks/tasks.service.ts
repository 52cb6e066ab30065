import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CustomerB2BEvents,
  CustomersB2BErrorCodes,
  CustomersB2BPatterns,
  notFound,
  TASK_STATUSES,
  type Deleted,
  type Page,
  type TaskCreatedV1,
  type TaskDeletedV1,
  type TaskUpdatedV1,
  type TaskView,
} from '@app/contracts';
import type { Caller } from '@app/common';
import { pageOf, pageRequest } from '../shared/account-page';
import { AccountStore } from '../shared/account-store.service';
import { actorRef } from '../shared/actor-ref';
import { changedFields, readFilters } from '../shared/input-reader';
import { completionFor, readTaskInput, toTaskView, type TaskRow } from './task-rules';
import { TasksRepository, type TaskFilter, type TaskRecord } from './tasks.repository';

const SORT = 'tasks:dueDate';
const taskNotFound = () => notFound('Task', CustomersB2BErrorCodes.taskNotFound);
const FILTERS = {
  status: { kind: 'oneOf', values: TASK_STATUSES },
  assignee: { kind: 'text', max: 128 },
  category: { kind: 'text', max: 64 },
} as const;

/** Tasks (C10): created from a customer's profile (the customer is the path's), open or done. */
@Injectable()
export class TasksService {
  constructor(
    private readonly store: AccountStore,
    private readonly repository: TasksRepository,
  ) {}

  async create(caller: Caller, customerId: string, input: Record<string, unknown>, idempotencyKey?: unknown): Promise<TaskView> {
    const fields = readTaskInput(input, 'create');
    const { tenantId } = caller;
    const record: TaskRecord = {
      category: fields.category!,
      assignee: fields.assignee ?? null,
      dueDate: fields.dueDate!,
      description: fields.description!,
      status: fields.status ?? 'open',
    };
    return this.store.write(
      caller,
      async (em) => {
        await this.store.lockCustomer(em, tenantId, customerId, 'share');
        const completion = completionFor(null, record.status, caller.actor, new Date());
        const task = toTaskView(await this.repository.insert(em, tenantId, customerId, randomUUID(), record, completion, actorRef(caller.actor)));
        await this.store.emit<TaskCreatedV1>(em, caller, CustomerB2BEvents.taskCreated, { customerId, item: task });
        return task;
      },
      { key: idempotencyKey, scope: `${CustomersB2BPatterns.createTask}:${customerId}`, request: input },
    );
  }

  /**
   * Changes a task. Setting status done records who completed it and publishes
   * customers.task.completed; open again publishes customers.task.reopened; other changes
   * customers.task.updated.
   */
  async update(caller: Caller, customerId: string, taskId: string, input: Record<string, unknown>): Promise<TaskView> {
    const changes = readTaskInput(input, 'update');
    const { tenantId } = caller;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      const row = await this.repository.lock(em, tenantId, customerId, taskId);
      if (!row) throw taskNotFound();
      const before = toTaskView(row);
      const record: TaskRecord = {
        category: changes.category ?? before.category,
        assignee: changes.assignee === undefined ? before.assignee : changes.assignee,
        dueDate: changes.dueDate ?? before.dueDate,
        description: changes.description ?? before.description,
        status: changes.status ?? before.status,
      };
      const completion = completionFor(completionOf(row), record.status, caller.actor, new Date());
      const changed = changedFields(before, { ...before, ...record });
      if (changed.length === 0) return before;
      const task = toTaskView(await this.repository.update(em, tenantId, taskId, record, completion));
      const type =
        completion.transition === 'completed'
          ? CustomerB2BEvents.taskCompleted
          : completion.transition === 'reopened'
            ? CustomerB2BEvents.taskReopened
            : CustomerB2BEvents.taskUpdated;
      await this.store.emit<TaskUpdatedV1>(em, caller, type, { customerId, item: task, changed });
      return task;
    });
  }

  async delete(caller: Caller, customerId: string, taskId: string): Promise<Deleted> {
    const { tenantId } = caller;
    return this.store.write(caller, async (em) => {
      await this.store.lockCustomer(em, tenantId, customerId, 'share');
      const row = await this.repository.lock(em, tenantId, customerId, taskId);
      if (!row) throw taskNotFound();
      await this.repository.delete(em, tenantId, taskId);
      await this.store.emit<TaskDeletedV1>(em, caller, CustomerB2BEvents.taskDeleted, { customerId, item: toTaskView(row) });
      return { id: taskId, deleted: true as const };
    });
  }

  /** A customer's tasks by due date; filters status (open/done), assignee, category. */
  async list(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<TaskView>> {
    const filter = readFilters(query, FILTERS) as TaskFilter;
    const request = pageRequest(query, SORT, 'date');
    const em = this.store.reader;
    const rows = await this.repository.page(em, caller.tenantId, customerId, filter, request);
    // Items exist only for live customers: only an empty page needs to ask whether the customer does.
    if (rows.length === 0) await this.store.assertCustomer(em, caller.tenantId, customerId);
    return pageOf(rows, request, SORT, (r) => ({ value: r.due_date, id: r.id }), toTaskView);
  }

  /** Every customer's tasks of the tenant by due date (e.g. `assignee=<me>&status=open`). */
  async listAll(caller: Caller, query: Record<string, unknown>): Promise<Page<TaskView>> {
    const filter = readFilters(query, FILTERS) as TaskFilter;
    const request = pageRequest(query, SORT, 'date');
    const rows = await this.repository.page(this.store.reader, caller.tenantId, null, filter, request);
    return pageOf(rows, request, SORT, (r) => ({ value: r.due_date, id: r.id }), toTaskView);
  }
}

const completionOf = (row: TaskRow) => ({
  status: row.status,
  completedAt: row.completed_at,
  completedBy: row.completed_by_type && row.completed_by_id ? { type: row.completed_by_type, id: row.completed_by_id } : null,
});
