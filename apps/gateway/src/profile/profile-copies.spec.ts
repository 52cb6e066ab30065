import { ProfileCopies, type HeldProfile } from './profile-copies';

const copy = (json: string): HeldProfile => ({ json, parts: {} as HeldProfile['parts'] });

describe('ProfileCopies', () => {
  it('keeps at most its capacity, dropping the least recently used first', () => {
    const copies = new ProfileCopies(2);
    copies.set('a', copy('A'));
    copies.set('b', copy('B'));
    expect(copies.get('a')?.json).toBe('A'); // a is now the most recently used
    copies.set('c', copy('C'));
    expect([copies.get('a')?.json, copies.get('b'), copies.get('c')?.json]).toEqual(['A', undefined, 'C']);
    expect(copies.size).toBe(2);
  });

  it('replaces and deletes a copy, and keeps none with capacity 0', () => {
    const copies = new ProfileCopies(2);
    copies.set('a', copy('A'));
    copies.set('a', copy('A2'));
    expect(copies.get('a')?.json).toBe('A2');
    copies.delete('a');
    expect(copies.get('a')).toBeUndefined();
    const none = new ProfileCopies(0);
    none.set('a', copy('A'));
    expect(none.get('a')).toBeUndefined();
  });
});
