import type { ManualClock } from '../../../src/main/clock';
import type { Timers } from '../../../src/main/printing/queue/timers';

/** Timers driven by a ManualClock: `advance` moves time and fires what fell due, in order. */
export class ManualTimers implements Timers {
  private pending: { id: number; at: number; fn: () => void }[] = [];
  private next = 1;

  constructor(private readonly clock: ManualClock) {}

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.push({ id, at: this.clock.now() + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  get count(): number {
    return this.pending.length;
  }

  /** Moves the clock `ms` forward in `step`s, firing due timers and letting their work finish. */
  async advance(ms: number, step: number, settle: () => Promise<void>): Promise<void> {
    const end = this.clock.now() + ms;
    while (this.clock.now() < end) {
      this.clock.set(Math.min(this.clock.now() + step, end));
      const due = this.pending.filter((p) => p.at <= this.clock.now()).sort((a, b) => a.at - b.at);
      this.pending = this.pending.filter((p) => p.at > this.clock.now());
      for (const p of due) p.fn();
      await settle();
    }
  }
}
