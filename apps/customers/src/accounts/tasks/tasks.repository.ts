import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorRef, TaskStatus } from '@app/contracts';
import type { PageRequest } from '../shared/account-page';
import { rowOf } from '../shared/sql';
import type { Completion, TaskRow } from './task-rules';

/** The columns of a task row (dates as text: node-postgres would turn a date into local midnight). */
const COLUMNS = `id, customer_id, category, assignee, to_char(due_date, 'YYYY-MM-DD') AS due_date, description, status,
  completed_at, completed_by_type, completed_by_id, created_by_type, created_by_id, created_at, updated_at`;

export interface TaskRecord {
  category: string;
  assignee: string | null;
  dueDate: string;
  description: string;
  status: TaskStatus;
}

export interface TaskFilter {
  status?: TaskStatus;
  assignee?: string;
  category?: string;
}

@Injectable()
export class TasksRepository {
  async insert(em: EntityManager, tenantId: string, customerId: string, id: string, task: TaskRecord, completion: Completion, creator: ActorRef): Promise<TaskRow> {
    return (await rowOf<TaskRow>(
      em,
      `INSERT INTO customer_tasks (tenant_id, id, customer_id, category, assignee, due_date, description, status,
              completed_at, completed_by_type, completed_by_id, created_by_type, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
      [
        tenantId, id, customerId, task.category, task.assignee, task.dueDate, task.description, task.status,
        completion.completedAt, completion.completedBy?.type ?? null, completion.completedBy?.id ?? null, creator.type, creator.id,
      ],
    ))!;
  }

  async lock(em: EntityManager, tenantId: string, customerId: string, id: string): Promise<TaskRow | null> {
    return rowOf<TaskRow>(em, `SELECT ${COLUMNS} FROM customer_tasks WHERE tenant_id = $1 AND customer_id = $2 AND id = $3 FOR UPDATE`, [
      tenantId,
      customerId,
      id,
    ]);
  }

  async update(em: EntityManager, tenantId: string, id: string, task: TaskRecord, completion: Completion): Promise<TaskRow> {
    return (await rowOf<TaskRow>(
      em,
      `UPDATE customer_tasks SET category = $3, assignee = $4, due_date = $5, description = $6, status = $7,
              completed_at = $8, completed_by_type = $9, completed_by_id = $10, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [
        tenantId, id, task.category, task.assignee, task.dueDate, task.description, task.status,
        completion.completedAt, completion.completedBy?.type ?? null, completion.completedBy?.id ?? null,
      ],
    ))!;
  }

  async delete(em: EntityManager, tenantId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM customer_tasks WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  /** By due date (then id), `limit + 1` rows after the cursor; one customer's, or the tenant's when customerId is null. */
  async page(em: EntityManager, tenantId: string, customerId: string | null, filter: TaskFilter, page: PageRequest): Promise<TaskRow[]> {
    const params: unknown[] = [tenantId];
    const where = ['tenant_id = $1'];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (customerId) where.push(`customer_id = ${param(customerId)}`);
    if (filter.status) where.push(`status = ${param(filter.status)}`);
    if (filter.assignee) where.push(`assignee = ${param(filter.assignee)}`);
    if (filter.category) where.push(`category = ${param(filter.category)}`);
    if (page.after) where.push(`(due_date, id) > (${param(page.after.value)}::date, ${param(page.after.id)}::uuid)`);
    return em.query(`SELECT ${COLUMNS} FROM customer_tasks WHERE ${where.join(' AND ')} ORDER BY due_date, id LIMIT ${param(page.limit + 1)}`, params);
  }
}
