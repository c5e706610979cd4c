import type { ScaleReading } from '../../shared/scales/scale-reading';
import {
  DEFAULT_STABILITY_POLICY,
  StableWeightTracker,
  TYPED_STABILITY_POLICY,
  type StabilityPolicy,
  type WeighState,
} from '../../shared/scales/stable-weight';
import type { Clock } from '../clock';
import { systemTimers, type Timers } from '../printing/queue/timers';
import type { Scale, ScaleEvent } from './scale';

/**
 * Runs the weighing policy on one scale: every reading goes through the StableWeightTracker, a
 * timer notices a scale that stopped talking (unplugged, switched itself off after idling), and a
 * closed transport is unplugged at once. Listeners hear each change of state; `waitForStable`
 * is what the packing flow awaits before it takes a weight.
 */
export interface ScaleMonitorOptions {
  scale: Scale;
  clock: Clock;
  timers?: Timers;
  policy?: Partial<StabilityPolicy>;
  /** How often the silence check runs (default a quarter of unpluggedAfterMs). */
  checkEveryMs?: number;
}

export interface MonitorSnapshot {
  state: WeighState;
  lastFault: Extract<ScaleEvent, { type: 'fault' }> | null;
  closed: boolean;
}

export class ScaleMonitor {
  private readonly tracker: StableWeightTracker;
  private readonly timers: Timers;
  private readonly listeners = new Set<(snapshot: MonitorSnapshot) => void>();
  private readonly unsubscribe: () => void;
  private snapshotValue: MonitorSnapshot;
  private lastReading: ScaleReading | null = null;
  private timer: unknown = null;
  private closed = false;
  private stopped = false;

  constructor(private readonly options: ScaleMonitorOptions) {
    const base = options.scale.kind === 'typed' ? TYPED_STABILITY_POLICY : DEFAULT_STABILITY_POLICY;
    this.tracker = new StableWeightTracker({ ...base, ...options.policy }, options.clock.now());
    this.timers = options.timers ?? systemTimers;
    this.snapshotValue = { state: this.tracker.state(options.clock.now()), lastFault: null, closed: false };
    this.unsubscribe = options.scale.subscribe((event) => this.event(event));
    this.scheduleCheck();
  }

  snapshot(): MonitorSnapshot {
    return this.snapshotValue;
  }

  onChange(listener: (snapshot: MonitorSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the first accepted weight (now, if the current one is accepted); rejects when
   * `signal` aborts. The caller decides what a zero or negative weight means — this only waits.
   */
  waitForStable(signal?: AbortSignal): Promise<Extract<WeighState, { kind: 'stable' }>> {
    const now = this.snapshotValue.state;
    if (now.kind === 'stable') return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const off = this.onChange((s) => {
        if (s.state.kind !== 'stable') return;
        off();
        signal?.removeEventListener('abort', abort);
        resolve(s.state);
      });
      const abort = () => {
        off();
        reject(
          signal?.reason instanceof Error ? signal.reason : new Error('waiting for a weight was cancelled'),
        );
      };
      if (signal?.aborted) abort();
      else signal?.addEventListener('abort', abort, { once: true });
    });
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    this.timers.clearTimeout(this.timer);
    this.listeners.clear();
  }

  private event(event: ScaleEvent): void {
    if (event.type === 'reading') {
      this.lastReading = event.reading;
      this.publish(this.tracker.push(event.reading), this.snapshotValue.lastFault);
    } else if (event.type === 'fault') {
      this.publish(this.snapshotValue.state, event);
    } else {
      this.closed = true;
      this.publish(this.unpluggedState(event.at), this.snapshotValue.lastFault);
    }
  }

  private unpluggedState(now: number): WeighState {
    const lastAt = this.lastReading?.at ?? null;
    return { kind: 'unplugged', lastReadingAt: lastAt, silentMs: lastAt === null ? 0 : now - lastAt };
  }

  private scheduleCheck(): void {
    const silence = this.tracker.policy.unpluggedAfterMs;
    if (this.stopped || silence === null) return;
    const every = this.options.checkEveryMs ?? Math.max(20, Math.floor(silence / 4));
    this.timer = this.timers.setTimeout(() => {
      if (this.stopped) return;
      const now = this.options.clock.now();
      const state = this.closed ? this.unpluggedState(now) : this.tracker.state(now);
      if (state.kind !== this.snapshotValue.state.kind) this.publish(state, this.snapshotValue.lastFault);
      this.scheduleCheck();
    }, every);
  }

  private publish(state: WeighState, lastFault: MonitorSnapshot['lastFault']): void {
    this.snapshotValue = { state, lastFault, closed: this.closed };
    for (const listener of [...this.listeners]) listener(this.snapshotValue);
  }
}
