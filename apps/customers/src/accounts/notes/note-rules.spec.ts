import { DomainError } from '@app/contracts';
import { assertMayChangeNote, readNoteInput, readNoteTypeInput } from './note-rules';

describe('who may change a note (C9)', () => {
  const author = { type: 'user' as const, id: 'u1' };
  const statusOf = (fn: () => void) => {
    try {
      fn();
      return 200;
    } catch (e) {
      return (e as DomainError).status;
    }
  };

  it('lets the author, owners, admins and the system change it', () => {
    expect(statusOf(() => assertMayChangeNote({ type: 'user', id: 'u1', role: 'staff' }, author))).toBe(200);
    expect(statusOf(() => assertMayChangeNote({ type: 'user', id: 'u2', role: 'admin' }, author))).toBe(200);
    expect(statusOf(() => assertMayChangeNote({ type: 'user', id: 'u3', role: 'owner' }, author))).toBe(200);
    expect(statusOf(() => assertMayChangeNote({ type: 'system', id: 'import' }, author))).toBe(200);
  });

  it('refuses other staff with 403 not_note_author', () => {
    try {
      assertMayChangeNote({ type: 'user', id: 'u2', role: 'staff' }, author);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toMatchObject({ status: 403, code: 'not_note_author' });
    }
    expect(statusOf(() => assertMayChangeNote({ type: 'customer', id: 'u1' }, author))).toBe(403);
  });
});

describe('note input', () => {
  it('needs a type key and text; season, year and call status are optional', () => {
    expect(readNoteInput({ type: 'call', text: 'Asked us to call back', callStatus: 'call_back', season: 'FW', year: 2025 }, 'create')).toEqual({
      type: 'call',
      text: 'Asked us to call back',
      callStatus: 'call_back',
      season: 'FW',
      year: 2025,
    });
    expect(() => readNoteInput({ text: 'x' }, 'create')).toThrow(DomainError);
    expect(() => readNoteInput({ type: 'call', text: 'x', callStatus: 'maybe' }, 'create')).toThrow(DomainError);
  });

  it('reads note types with lower-case keys', () => {
    expect(readNoteTypeInput({ key: 'phone_call', label: 'Phone call' })).toEqual({ key: 'phone_call', label: 'Phone call', position: 0 });
    expect(() => readNoteTypeInput({ key: 'Phone Call', label: 'x' })).toThrow(DomainError);
  });
});
