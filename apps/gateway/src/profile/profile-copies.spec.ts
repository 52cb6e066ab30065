import { ProfileCopies, type HeldProfile } from './profile-copies';

const copy = (json: string): HeldProfile => ({ json, storedAs: {} as HeldProfile['storedAs'] });

describe('ProfileCopies', () => {
  it('keeps at most its capacity of JSON, dropping the least recently used first', () => {
    const copies = new ProfileCopies(8);
    copies.set('a', copy('AAA'));
    copies.set('b', copy('BBB'));
    expect(copies.get('a')?.json).toBe('AAA'); // a is now the most recently used
    copies.set('c', copy('CCC'));
    expect([copies.get('a')?.json, copies.get('b'), copies.get('c')?.json]).toEqual(['AAA', undefined, 'CCC']);
    expect(copies.size).toBe(2);
    copies.set('d', copy('DDDDDDDD'));
    expect([copies.get('a'), copies.get('c'), copies.get('d')?.json]).toEqual([undefined, undefined, 'DDDDDDDD']);
  });

  it('replaces and deletes a copy, and keeps none larger than its capacity', () => {
    const copies = new ProfileCopies(4);
    copies.set('a', copy('A'));
    copies.set('a', copy('A2'));
    expect(copies.get('a')?.json).toBe('A2');
    copies.set('b', copy('BB'));
    expect(copies.size).toBe(2); // 'A2' and 'BB' are 4 in all: the replaced copy no longer counts
    copies.delete('a');
    expect(copies.get('a')).toBeUndefined();
    copies.set('big', copy('12345'));
    expect(copies.get('big')).toBeUndefined();
    expect(new ProfileCopies(0).size).toBe(0);
  });
});
