import { TASK_STATUSES, type Actor, type TaskStatus, type TaskView } from '@app/contracts';
import { actorFrom, actorRef, iso } from '../shared/actor-ref';
import { InputReader, type InputMode } from '../shared/input-reader';

/** Task rules (C10) as pure functions. */

export interface TaskFields {
  category?: string;
  assignee?: string | null;
  dueDate?: string;
  description?: string;
  status?: TaskStatus;
}

/** Staff user ids as tokens carry them (`sub`). */
const USER_ID = /^[\x21-\x7e]{1,128}$/;

export function readTaskInput(input: Record<string, unknown>, mode: InputMode): TaskFields {
  const r = new InputReader(input, mode, ['category', 'assignee', 'dueDate', 'description', 'status']);
  const fields: TaskFields = {
    category: r.text('category', { required: true, max: 64 }) ?? undefined,
    assignee: r.text('assignee', { max: 128, pattern: USER_ID, patternMessage: 'assignee must be a user id (1-128 visible characters)' }),
    dueDate: r.date('dueDate', { required: true }) ?? undefined,
    description: r.text('description', { required: true, max: 4000 }) ?? undefined,
    status: r.oneOf('status', TASK_STATUSES, { required: mode === 'update' }) ?? undefined,
  };
  r.done();
  return fields;
}

export interface Completion {
  completedAt: Date | null;
  completedBy: { type: string; id: string } | null;
}

/**
 * What a status means for the completion fields: done records when and by whom (kept when a
 * done task is edited), open clears them. Returns the event a change of status publishes.
 */
export function completionFor(
  before: { status: TaskStatus; completedAt: Date | null; completedBy: Completion['completedBy'] } | null,
  status: TaskStatus,
  actor: Actor,
  now: Date,
): Completion & { transition: 'completed' | 'reopened' | null } {
  if (status === 'open') return { completedAt: null, completedBy: null, transition: before?.status === 'done' ? 'reopened' : null };
  if (before?.status === 'done') return { completedAt: before.completedAt, completedBy: before.completedBy, transition: null };
  return { completedAt: now, completedBy: actorRef(actor), transition: before ? 'completed' : null };
}

export interface TaskRow {
  id: string;
  customer_id: string;
  category: string;
  assignee: string | null;
  due_date: string;
  description: string;
  status: TaskStatus;
  completed_at: Date | null;
  completed_by_type: string | null;
  completed_by_id: string | null;
  created_by_type: string;
  created_by_id: string;
  created_at: Date;
  updated_at: Date;
}

export function toTaskView(row: TaskRow): TaskView {
  return {
    id: row.id,
    customerId: row.customer_id,
    category: row.category,
    assignee: row.assignee,
    dueDate: row.due_date,
    description: row.description,
    status: row.status,
    completedAt: iso(row.completed_at),
    completedBy: actorFrom(row.completed_by_type, row.completed_by_id),
    createdBy: actorFrom(row.created_by_type, row.created_by_id)!,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
