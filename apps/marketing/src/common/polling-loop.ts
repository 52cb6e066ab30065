import { Logger } from '@nestjs/common';

/**
 * A background loop: runs `tick` again at once while it reports more work, else after
 * `intervalMs`; `kick()` wakes it early (after a commit that created work). A failing tick is
 * logged and retried after the interval. `stop()` waits for the running tick.
 */
export class PollingLoop {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    name: string,
    private readonly intervalMs: number,
    private readonly tick: () => Promise<boolean>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.run().finally(() => (this.running = null));
    }, delayMs);
  }

  private async run(): Promise<void> {
    let more = false;
    this.again = false;
    try {
      more = await this.tick();
    } catch (e) {
      this.logger.warn(`${e?.message ?? e}`);
    }
    this.schedule(more || this.again ? 0 : this.intervalMs);
  }
}
