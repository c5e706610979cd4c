import { setTimeout as timerSleep } from 'node:timers/promises';

/** Wall-clock time in ms since the epoch. Injected everywhere so tests can move time at will. */
export interface Clock {
  now(): number;
  /**
   * Waits `ms` as this clock counts time. Absent: real time (a timer). A clock whose time does
   * not pass by itself must have one, or whatever waits on it (a request budget refilling) would
   * wait forever.
   */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Waits `ms` on `clock`: its own wait when it has one, else real time. Rejects when `signal` aborts. */
export async function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (clock.sleep) return clock.sleep(ms, signal);
  await timerSleep(ms, undefined, signal ? { signal } : undefined);
}

/**
 * A clock a test sets by hand; it can also jump backwards, as real clocks do after an NTP fix.
 * A wait on it (`sleep`) is virtual: the clock moves forward by the wait and the waiter goes on
 * at the next turn of the event loop, so a paced pull in a manual-clock test ends at once, with
 * the clock showing the time the pacing took, instead of hanging on a budget that never refills.
 */
export class ManualClock implements Clock {
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  set(t: number): void {
    this.t = t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.t += Math.max(0, ms);
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
  }
}
