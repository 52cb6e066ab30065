import { ProfileCopies, type HeldProfile } from './profile-copies';

const copy = (json: string): HeldProfile => ({ json, storedAs: {} as HeldProfile['storedAs'], confirmedAt: 1, validUntil: Infinity });

describe('ProfileCopies', () => {
  it('keeps at most its capacity of JSON, dropping the least recently read customer first', () => {
    const copies = new ProfileCopies(8);
    copies.set('a', 'staff', copy('AAA'));
    copies.set('b', 'staff', copy('BBB'));
    expect(copies.get('a', 'staff')?.json).toBe('AAA'); // a is now the most recently used
    copies.set('c', 'staff', copy('CCC'));
    expect([copies.get('a', 'staff')?.json, copies.get('b', 'staff'), copies.get('c', 'staff')?.json]).toEqual(['AAA', undefined, 'CCC']);
    expect(copies.size).toBe(2);
    copies.set('d', 'staff', copy('DDDDDDDD'));
    expect([copies.get('a', 'staff'), copies.get('c', 'staff'), copies.get('d', 'staff')?.json]).toEqual([undefined, undefined, 'DDDDDDDD']);
    expect(copies.size).toBe(1);
  });

  it('drops all of a customer’s variants together, and counts each variant', () => {
    const copies = new ProfileCopies(6);
    copies.set('a', 'staff', copy('A1'));
    copies.set('a', 'portal', copy('A2'));
    copies.set('b', 'staff', copy('B1'));
    expect(copies.size).toBe(3);
    copies.set('c', 'staff', copy('C1')); // a is the least recently read: both its copies go
    expect([copies.get('a', 'staff'), copies.get('a', 'portal'), copies.get('b', 'staff')?.json]).toEqual([undefined, undefined, 'B1']);
    expect(copies.size).toBe(2);
  });

  it('replaces and deletes a copy, and keeps none larger than its capacity', () => {
    const copies = new ProfileCopies(4);
    copies.set('a', 'staff', copy('A'));
    copies.set('a', 'staff', copy('A2'));
    expect(copies.get('a', 'staff')?.json).toBe('A2');
    copies.set('b', 'staff', copy('BB'));
    expect(copies.size).toBe(2); // 'A2' and 'BB' are 4 in all: the replaced copy no longer counts
    copies.delete('a', 'staff');
    expect(copies.get('a', 'staff')).toBeUndefined();
    copies.set('big', 'staff', copy('12345'));
    expect(copies.get('big', 'staff')).toBeUndefined();
    expect(new ProfileCopies(0).size).toBe(0);
  });

  it('unconfirms every variant of a customer that changed, and only theirs', () => {
    const copies = new ProfileCopies(100);
    copies.set('a', 'staff:5', copy('A1'));
    copies.set('a', 'portal:5', copy('A2'));
    copies.set('b', 'staff:5', copy('B1'));
    copies.changed('a');
    copies.changed('nobody');
    expect([copies.get('a', 'staff:5')?.confirmedAt, copies.get('a', 'portal:5')?.confirmedAt, copies.get('b', 'staff:5')?.confirmedAt]).toEqual([null, null, 1]);
  });
});
