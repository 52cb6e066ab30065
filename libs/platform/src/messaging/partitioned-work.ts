/**
 * Runs work items at most `concurrency` at a time, but items with the same key one after the
 * other, in the order they were added. `add` resolves when there is room for the next item, so a
 * loop that awaits it never holds more than `concurrency` items. Framework-free (unit-tested).
 */
export class PartitionedWork {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly concurrency: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  async add(key: string, work: () => Promise<void>): Promise<void> {
    const task: Promise<void> = (this.tails.get(key) ?? Promise.resolve())
      .then(work)
      .catch(this.onError)
      .finally(() => {
        this.inFlight.delete(task);
        if (this.tails.get(key) === task) this.tails.delete(key);
      });
    this.tails.set(key, task);
    this.inFlight.add(task);
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
  }

  /** Waits for everything added so far. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}
