import { DomainError } from '@app/contracts';
import { changedFields, InputReader, readFilters } from './input-reader';

const errorsOf = (fn: () => unknown): Record<string, string[]> => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).status).toBe(400);
    return ((e as DomainError).details as { errors: Record<string, string[]> }).errors;
  }
  throw new Error('expected a 400');
};

describe('InputReader', () => {
  it('on create: required fields must be given, absent optional ones are null, text is trimmed', () => {
    const r = new InputReader({ text: '  hello ', year: 2025 }, 'create', ['text', 'year', 'season', 'type']);
    expect(r.text('text', { required: true, max: 10 })).toBe('hello');
    expect(r.int('year', { min: 1900, max: 2999 })).toBe(2025);
    expect(r.text('season', { max: 32 })).toBeNull();
    expect(r.text('type', { required: true, max: 10 })).toBeUndefined();
    expect(r.errors).toEqual({ type: ['type is required'] });
  });

  it('on update: absent means unchanged, null clears an optional field and is refused for a required one', () => {
    const r = new InputReader({ season: null, text: null }, 'update', ['text', 'season', 'year']);
    expect(r.text('season', { max: 32 })).toBeNull();
    expect(r.int('year', { min: 1900, max: 2999 })).toBeUndefined();
    expect(r.text('text', { required: true, max: 10 })).toBeUndefined();
    expect(r.errors).toEqual({ text: ['text is required'] });
  });

  it('names every bad field at once, including unknown ones', () => {
    const errors = errorsOf(() => {
      const r = new InputReader({ text: 'x'.repeat(11), year: 1899, when: 'soon', extra: 1, flag: 'yes' }, 'create', ['text', 'year', 'when', 'flag']);
      r.text('text', { max: 10 });
      r.int('year', { min: 1900, max: 2999 });
      r.timestamp('when');
      r.bool('flag');
      r.done();
    });
    expect(Object.keys(errors).sort()).toEqual(['extra', 'flag', 'text', 'when', 'year']);
  });

  it('takes the limits inclusively', () => {
    const r = new InputReader({ a: 'x'.repeat(10), b: 1900, c: 2999 }, 'create', ['a', 'b', 'c']);
    expect(r.text('a', { max: 10 })).toHaveLength(10);
    expect(r.int('b', { min: 1900, max: 2999 })).toBe(1900);
    expect(r.int('c', { min: 1900, max: 2999 })).toBe(2999);
    expect(r.hasErrors).toBe(false);
  });

  it('reads timestamps with a zone as UTC and refuses ones without', () => {
    const r = new InputReader({ a: '2025-03-01T10:00:00+02:00', b: '2025-03-01T10:00:00', c: '2025-02-30T10:00:00Z' }, 'create', ['a', 'b', 'c']);
    expect(r.timestamp('a')).toBe('2025-03-01T08:00:00.000Z');
    expect(r.timestamp('b')).toBeUndefined();
    expect(r.errors.b).toBeDefined();
    expect(r.date('c')).toBeUndefined();
  });

  it('refuses control characters in text', () => {
    const r = new InputReader({ a: 'bad\u0000name' }, 'create', ['a']);
    expect(r.text('a', { max: 100 })).toBeUndefined();
  });
});

describe('readFilters', () => {
  const spec = { year: { kind: 'int', min: 1900, max: 2999 }, status: { kind: 'oneOf', values: ['open', 'done'] }, canEmail: { kind: 'bool' } } as const;

  it('reads query-string text and ignores the page fields and empty values', () => {
    expect(readFilters({ year: '2025', status: 'open', canEmail: 'true', limit: '5', cursor: 'x', season: undefined }, { ...spec, season: { kind: 'text', max: 5 } })).toEqual({
      year: 2025,
      status: 'open',
      canEmail: true,
    });
    expect(readFilters({ year: '' }, spec)).toEqual({});
  });

  it('refuses unknown filters and bad values', () => {
    expect(Object.keys(errorsOf(() => readFilters({ year: '20x5', status: 'closed', canEmail: 'maybe', colour: 'red' }, spec))).sort()).toEqual([
      'canEmail',
      'colour',
      'status',
      'year',
    ]);
  });
});

describe('changedFields', () => {
  it('names the fields that differ, deeply, ignoring bookkeeping', () => {
    const before = { a: 1, b: { x: 1 }, c: [1], updatedAt: '1' };
    expect(changedFields(before, { a: 1, b: { x: 2 }, c: [1], updatedAt: '2' })).toEqual(['b']);
    expect(changedFields(before, { ...before, updatedAt: '3' })).toEqual([]);
  });
});
