import { DomainError } from '@app/contracts';
import { decodeCursor, encodeCursor, pageLimit } from './page';

describe('cursor', () => {
  const position = { value: '2024-05-01T10:00:00.123456Z', id: '5b7c1f9e-0000-4000-8000-000000000001' };

  it('round-trips and is url-safe', () => {
    const cursor = encodeCursor('-registeredAt', position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, '-registeredAt')).toEqual(position);
  });

  it('keeps unicode sort values', () => {
    const p = { value: 'müller änne', id: position.id };
    expect(decodeCursor(encodeCursor('name', p), 'name')).toEqual(p);
  });

  it('means the first page when absent', () => {
    expect(decodeCursor(undefined, 'name')).toBeNull();
    expect(decodeCursor('', 'name')).toBeNull();
  });

  it('refuses a cursor of another sort or a malformed one as a 400 on cursor', () => {
    const cursor = encodeCursor('name', position);
    for (const bad of [() => decodeCursor(cursor, '-name'), () => decodeCursor('not a cursor!', 'name'), () => decodeCursor('e30', 'name')]) {
      try {
        bad();
        throw new Error('expected a DomainError');
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).status).toBe(400);
        expect((e as DomainError).details).toEqual({ errors: { cursor: expect.any(Array) } });
      }
    }
  });
});

describe('pageLimit', () => {
  it('defaults to 20 and caps at 100', () => {
    expect(pageLimit(undefined)).toBe(20);
    expect(pageLimit(5)).toBe(5);
    expect(pageLimit('7')).toBe(7);
    expect(pageLimit(500)).toBe(100);
    expect(() => pageLimit(0)).toThrow(DomainError);
    expect(() => pageLimit(2.5)).toThrow(DomainError);
  });
});
