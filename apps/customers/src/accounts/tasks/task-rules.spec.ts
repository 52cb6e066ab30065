import { completionFor, readTaskInput } from './task-rules';

describe('task completion (C10)', () => {
  const actor = { type: 'user' as const, id: 'u1', role: 'staff' as const };
  const now = new Date('2025-06-01T10:00:00Z');
  const earlier = new Date('2025-05-01T10:00:00Z');

  it('records who completed a task and when', () => {
    expect(completionFor({ status: 'open', completedAt: null, completedBy: null }, 'done', actor, now)).toEqual({
      completedAt: now,
      completedBy: { type: 'user', id: 'u1' },
      transition: 'completed',
    });
  });

  it('keeps the completion when a done task is edited, and clears it when reopened', () => {
    const done = { status: 'done' as const, completedAt: earlier, completedBy: { type: 'user', id: 'u9' } };
    expect(completionFor(done, 'done', actor, now)).toEqual({ completedAt: earlier, completedBy: { type: 'user', id: 'u9' }, transition: null });
    expect(completionFor(done, 'open', actor, now)).toEqual({ completedAt: null, completedBy: null, transition: 'reopened' });
  });

  it('creates a task already done without a transition event', () => {
    expect(completionFor(null, 'done', actor, now)).toMatchObject({ completedAt: now, transition: null });
    expect(completionFor(null, 'open', actor, now)).toEqual({ completedAt: null, completedBy: null, transition: null });
  });

  it('needs category, due date and description; the assignee is optional', () => {
    expect(readTaskInput({ category: 'Follow-up', dueDate: '2025-06-30', description: 'Send the catalogue' }, 'create')).toEqual({
      category: 'Follow-up',
      assignee: null,
      dueDate: '2025-06-30',
      description: 'Send the catalogue',
      status: undefined,
    });
    expect(() => readTaskInput({ category: 'x', dueDate: '2025-02-30', description: 'y' }, 'create')).toThrow();
    expect(() => readTaskInput({ status: null }, 'update')).toThrow();
  });
});
