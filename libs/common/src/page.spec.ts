import { DomainError } from '@app/contracts';
import { allPages, decodeCursor, encodeCursor, pageLimit } from './page';

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

describe('allPages', () => {
  /** A list of `items` served `size` at a time, the cursor being the next index; records the cursors asked for. */
  function pagedList(items: string[], size: number) {
    const asked: Array<string | undefined> = [];
    const page = async (cursor: string | undefined) => {
      asked.push(cursor);
      const from = cursor === undefined ? 0 : Number(cursor);
      const end = from + size;
      return { items: items.slice(from, end), nextCursor: end < items.length ? String(end) : null };
    };
    return { page, asked };
  }

  it('reads one page when it has no next cursor', async () => {
    const list = pagedList(['a', 'b'], 5);
    expect(await allPages(list.page)).toEqual(['a', 'b']);
    expect(list.asked).toEqual([undefined]);
  });

  it('follows each next cursor and keeps the items in order', async () => {
    const list = pagedList(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 3);
    expect(await allPages(list.page)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(list.asked).toEqual([undefined, '3', '6']);
  });

  it('stops after a full last page whose next cursor is null', async () => {
    const list = pagedList(['a', 'b', 'c', 'd'], 2);
    expect(await allPages(list.page)).toEqual(['a', 'b', 'c', 'd']);
    expect(list.asked).toEqual([undefined, '2']);
  });

  it('answers an empty list with no items', async () => {
    const list = pagedList([], 20);
    expect(await allPages(list.page)).toEqual([]);
    expect(list.asked).toEqual([undefined]);
  });

  it('fails as the page read fails', async () => {
    let calls = 0;
    const failing = async () => {
      calls += 1;
      if (calls === 2) throw new Error('page 2 unavailable');
      return { items: [1], nextCursor: 'next' };
    };
    await expect(allPages(failing)).rejects.toThrow('page 2 unavailable');
    expect(calls).toBe(2);
  });
});
