import type { Logger } from '../logger';

/**
 * A pull run on a timer while the station runs (the pack queue must not wait for the daily sync
 * to see a new order). One run at a time; a tick that finds the daily sync running is skipped,
 * since the daily sync reads the same cursor. Timers are real time: the pull itself reads the
 * injected clock for its window.
 *
 * Public API: new IntervalPull({ everyMs, run, skip, logger }).start() / runNow() / whenIdle() / stop()
 */
export interface IntervalPullOptions {
  everyMs: number;
  /** One pull of every source; failures are the pull's to report (each page is saved as it goes). */
  run: (signal: AbortSignal) => Promise<void>;
  /** True while a tick must not start (the daily sync is running). */
  skip: () => boolean;
  logger: Logger;
}

export class IntervalPull {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: IntervalPullOptions) {}

  start(): void {
    if (this.stopped || this.timer) return;
    this.timer = setInterval(() => void this.runNow(), this.options.everyMs);
    this.timer.unref();
    // A station just started has been away: pull at once rather than after a whole interval.
    void this.runNow();
  }

  /** One pull now unless one runs already or the daily sync runs; resolves when it ends. */
  runNow(): Promise<void> {
    if (this.stopped || this.options.skip()) return Promise.resolve();
    this.current ??= this.options
      .run(this.controller.signal)
      .catch((err: unknown) => {
        if (!this.controller.signal.aborted)
          this.options.logger.error('interval pull failed', { error: err });
      })
      .finally(() => {
        this.current = null;
      });
    return this.current;
  }

  async whenIdle(): Promise<void> {
    await this.current;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.controller.abort();
    await this.current;
  }
}
