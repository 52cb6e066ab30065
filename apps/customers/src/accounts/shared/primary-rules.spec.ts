import { primaryAfterCreate, primaryAfterDelete, primaryAfterSwitch } from './primary-rules';

describe('exactly one primary (C12, C13)', () => {
  const state = (ids: string[], primaryId: string | null) => ({ ids, primaryId });

  it('makes the first item primary, whatever was asked', () => {
    expect(primaryAfterCreate(state([], null), 'a', false)).toBe('a');
    expect(primaryAfterCreate(state([], null), 'a', true)).toBe('a');
  });

  it('keeps the primary when another item is added, unless the new one is asked to be primary', () => {
    expect(primaryAfterCreate(state(['a'], 'a'), 'b', false)).toBe('a');
    expect(primaryAfterCreate(state(['a', 'b'], 'a'), 'c', true)).toBe('c');
  });

  it('promotes the oldest remaining item when the primary is deleted', () => {
    expect(primaryAfterDelete(state(['a', 'b', 'c'], 'a'), 'a')).toBe('b');
    expect(primaryAfterDelete(state(['a', 'b', 'c'], 'b'), 'b')).toBe('a');
  });

  it('keeps the primary when another item is deleted', () => {
    expect(primaryAfterDelete(state(['a', 'b', 'c'], 'b'), 'c')).toBe('b');
  });

  it('leaves no primary when the last item goes', () => {
    expect(primaryAfterDelete(state(['a'], 'a'), 'a')).toBeNull();
  });

  it('repairs a state without a primary by promoting the oldest', () => {
    expect(primaryAfterDelete(state(['a', 'b', 'c'], null), 'c')).toBe('a');
    expect(primaryAfterCreate(state(['a'], null), 'b', false)).toBe('b');
  });

  it('switches to an item of the customer only', () => {
    expect(primaryAfterSwitch(state(['a', 'b'], 'a'), 'b')).toBe('b');
    expect(primaryAfterSwitch(state(['a', 'b'], 'a'), 'a')).toBe('a');
    expect(() => primaryAfterSwitch(state(['a', 'b'], 'a'), 'z')).toThrow();
  });
});
