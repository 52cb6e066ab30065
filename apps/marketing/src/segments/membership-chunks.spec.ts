import { membershipChunks } from './membership-chunks';

describe('membership event chunks', () => {
  const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);

  it('makes no event for no change and one for a small change', () => {
    expect(membershipChunks([], [])).toEqual([]);
    expect(membershipChunks(['a'], [])).toEqual([{ added: ['a'], removed: [] }]);
  });

  it('splits at 1,000 ids per list without losing or repeating any', () => {
    const added = ids(2500, 'a');
    const removed = ids(1000, 'r');
    const chunks = membershipChunks(added, removed);
    expect(chunks).toHaveLength(3);
    expect(chunks.every((c) => c.added.length <= 1000 && c.removed.length <= 1000)).toBe(true);
    expect(chunks.flatMap((c) => c.added)).toEqual(added);
    expect(chunks.flatMap((c) => c.removed)).toEqual(removed);
    expect(membershipChunks(ids(1000, 'a'), [])).toHaveLength(1);
    expect(membershipChunks(ids(1001, 'a'), [])).toHaveLength(2);
  });
});
