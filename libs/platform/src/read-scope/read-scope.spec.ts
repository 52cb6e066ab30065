import { readOnce, withinReadScope } from './read-scope';

describe('read scope', () => {
  it('runs a keyed read once inside a scope and shares its answer, also a refusal', async () => {
    let reads = 0;
    const read = (answer: string) => () => {
      reads++;
      return Promise.resolve(answer);
    };
    const answers = await withinReadScope(() => Promise.all([readOnce('a', read('first')), readOnce('a', read('second')), readOnce('b', read('other'))]));
    expect(answers).toEqual(['first', 'first', 'other']);
    expect(reads).toBe(2);

    let refusals = 0;
    const refuse = () => {
      refusals++;
      return Promise.reject(new Error('not live'));
    };
    await withinReadScope(async () => {
      await expect(readOnce('live', refuse)).rejects.toThrow('not live');
      await expect(readOnce('live', refuse)).rejects.toThrow('not live');
    });
    expect(refusals).toBe(1);
  });

  it('reads every time outside a scope, and scopes do not share', async () => {
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    expect([await readOnce('k', read), await readOnce('k', read)]).toEqual([1, 2]);
    expect(await withinReadScope(() => readOnce('k', read))).toBe(3);
    expect(await withinReadScope(() => readOnce('k', read))).toBe(4);
  });
});
