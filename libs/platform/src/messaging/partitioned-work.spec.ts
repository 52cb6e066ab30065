import { PartitionedWork } from './partitioned-work';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PartitionedWork', () => {
  // An item waiting behind its key holds a place too: the limit bounds what is taken from the stream.
  it('runs one key in order and different keys at once, never more than the limit', async () => {
    const work = new PartitionedWork(3, (e) => {
      throw e;
    });
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const item = (key: string, n: number, ms: number) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${key}${n}`);
      await tick(ms);
      log.push(`end ${key}${n}`);
      running--;
    };
    await work.add('a', item('a', 1, 30));
    await work.add('b', item('b', 1, 5));
    await work.add('c', item('c', 1, 5));
    await work.add('d', item('d', 1, 5));
    await work.add('a', item('a', 2, 1));
    await work.drain();
    expect(most).toBe(3);
    // a2 starts only after a1 ended, though it was short and added early.
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    // b1 ran while a1 was still running.
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
    expect(log.filter((l) => l.startsWith('end'))).toHaveLength(5);
  });

  it('keeps going after a failing item and reports it', async () => {
    const errors: unknown[] = [];
    const work = new PartitionedWork(2, (e) => errors.push(e));
    const done: string[] = [];
    await work.add('a', async () => {
      throw new Error('boom');
    });
    await work.add('a', async () => void done.push('a2'));
    await work.drain();
    expect(done).toEqual(['a2']);
    expect(errors).toHaveLength(1);
  });

  it('with a limit of one is strictly sequential', async () => {
    const work = new PartitionedWork(1, () => undefined);
    const order: number[] = [];
    for (let i = 0; i < 5; i++) await work.add(`k${i}`, async () => void (await tick(5 - i), order.push(i)));
    await work.drain();
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});
