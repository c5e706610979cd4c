import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { toAppError } from '../db/sqlite-errors';
import type { Logger } from '../logger';
import { DeliveryStore, type Contact, type Settlement, type SettleCounts } from '../outbox/delivery-store';
import type { Random } from '../random';
import { Backoff, type BackoffOptions } from './backoff';
import { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker';
import { deadline, linkSignals, onAbort } from './abort-links';
import { classifyTransportError, isTransportFailure } from './classify-http';
import { DEFAULT_LEASE_MS, leaseProblem } from './delivery-lease';
import { DeliveryError, type Destination, type DeliveryOutcome, type OutboundEvent } from './destination';
import { AppError } from '../../shared/errors';
import {
  DEFAULT_RATE_PLAN,
  ratePlan,
  TokenBucket,
  type BudgetFactory,
  type RequestBudget,
} from './token-bucket';

/**
 * Delivers the outbox: a background trickle while the app runs, and `drain()` for the daily sync.
 *
 * Public API (stable; the daily sync, the CLI and the benchmarks build on it):
 *   const engine = new DeliveryEngine({ db, clock, random, destinations, logger, owner?, leaseMs?, sleep?,
 *                                       subscribe?, backoff?, breaker?, maxMalformed?, idleRecheckMs? })
 *   engine.start()                 — one worker loop per destination; woken by `subscribe` (pass
 *                                    `(l) => core.outbox.onEnqueued(l)`), sleeps until the next retry is due
 *   await engine.stop()            — aborts in-flight requests, settles them as retries, hands leases back
 *   await engine.drain({ signal?, onProgress?, maxWaitMs? }) → DrainSummary
 *   engine.wake(name?)             — look again now (e.g. after a dead letter was retried)
 *   engine.circuitState(name) / engine.destinationNames() / engine.onSettled(listener) / engine.store
 *                                    (each settled batch with its delivered and dead event ids)
 *
 * Per destination: at most `limits.maxConcurrency` requests at once (never more than the declared
 * burst), a token bucket under the declared rate with room for requests that arrive late
 * (token-bucket.ts, ratePlan; each request takes its token as it leaves), batches of up to
 * `limits.maxBatchSize`, a circuit breaker, and Retry-After pauses the whole destination.
 * Results: delivered → delivered; per-event rejection, whole-request 4xx (single event) or a stored
 * payload failing its schema → dead with the reason; everything else → retried with backoff. A 401
 * refreshes credentials once and retries in the same attempt. A 2xx we cannot read is never taken as
 * delivered: it is retried, and after `maxMalformed` such answers in a row the event goes dead.
 * When a destination answers again after failures, every backed-off event becomes due at once.
 *
 * The station database may be locked by another process (a CLI sync, a backup, a DB browser):
 * every write goes through writeTransaction, which waits off the event loop, and a DB_LOCKED after
 * its budget means "try again shortly" — never a delivery failure (attempts, errors and backoff are
 * untouched), never a crash. Results that cannot be recorded yet are kept and recorded once the
 * lock is gone (while our leases last); a drain gives up after `lockPatienceMs` of a lock and
 * reports what is left.
 */
export interface DeliveryEngineOptions {
  db: Db;
  clock: Clock;
  random: Random;
  destinations: readonly Destination[];
  logger: Logger;
  /** Lease owner written on claimed rows; unique per process run. */
  owner?: string;
  /** How long a claim is ours; must exceed the longest request timeout. */
  leaseMs?: number;
  /** Sleeps `ms` or until `signal` aborts, resolving (never rejecting) either way. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Wake-up source: called with a listener, returns an unsubscribe (e.g. Outbox.onEnqueued). */
  subscribe?: (listener: (destination: string) => void) => () => void;
  backoff?: BackoffOptions;
  breaker?: CircuitBreakerOptions;
  maxMalformed?: number;
  /** Longest sleep of an idle worker (a safety net for changes nobody told us about). */
  idleRecheckMs?: number;
  /** Fraction of the declared rate the engine uses (0.9). */
  rateMargin?: number;
  /** How much later than its neighbours a request may arrive at the destination, ms (25). */
  arrivalJitterMs?: number;
  /** Where request budgets live: in memory by default; SharedRateLimits to share them across processes. */
  budgets?: BudgetFactory;
  store?: DeliveryStore;
  /** How long a drain keeps waiting for a station database another process keeps locked (30 s). */
  lockPatienceMs?: number;
  /**
   * Each destination's circuit memory across restarts: `load` answers since when it has been
   * down (null: reachable), `save` is told whenever that changes. The route supervisor fails
   * new work over on it (routes/route-book.ts).
   */
  circuitMemory?: {
    load(destination: string): number | null;
    save(destination: string, downSince: number | null): void;
  };
}

export interface SettledBatch {
  destination: string;
  delivered: number;
  failed: number;
  dead: number;
  error: string | null;
  /** The events this batch settled as delivered, and as dead: for work waiting on a delivery. */
  deliveredIds: readonly string[];
  deadIds: readonly string[];
}

export interface DrainProgress {
  total: number;
  delivered: number;
  failed: number;
  dead: number;
}

export interface DrainSummary extends DrainProgress {
  /** Pending or in flight when the drain ended. */
  remaining: number;
  aborted: boolean;
  durationMs: number;
  destinations: Array<{
    name: string;
    delivered: number;
    failed: number;
    dead: number;
    remaining: number;
    circuit: CircuitState;
    lastError: string | null;
  }>;
  /** Destinations with open events that no configured Destination serves. */
  unconfigured: string[];
  /** The drain stopped early because another process kept the station database locked. */
  databaseLocked: boolean;
}

export interface DrainOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DrainProgress) => void;
  /** Keep waiting for retries (and circuit probes) due within this long; 5 s by default. */
  maxWaitMs?: number;
}

/** A claim takes the requests that may leave within this long at the destination's pace. */
const CLAIM_AHEAD_MS = 20;
/** Pause before trying again after the database stayed locked for a whole write budget. */
const LOCKED_RETRY_MS = 250;
/** Retry times up to this far beyond the longest backoff are ours; beyond it the clock stepped back. */
const CLOCK_SLACK_MS = 1_000;

/** Another process held the station database's write lock for longer than a write waits. */
export function isDatabaseLocked(err: unknown): boolean {
  const mapped = toAppError(err);
  return mapped instanceof AppError && mapped.code === 'DB_LOCKED';
}

/**
 * Sleeps `ms` or until `signal` aborts. Any number of sleeps may share one signal: they hang on
 * one listener of it (abort-links.ts), not one each, and leave nothing behind when they end.
 */
export const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    const unsubscribe = onAbort(signal, done);
    function done(): void {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });

/** Lets a sleeping worker be woken; a wake with nobody asleep is remembered for the next wait. */
class Waker {
  private readonly waiters = new Set<AbortController>();
  private signalled = false;

  constructor(
    private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>,
    private readonly stop: AbortSignal,
  ) {}

  async wait(ms: number, extra?: AbortSignal): Promise<void> {
    if (this.signalled) {
      this.signalled = false;
      return;
    }
    const own = new AbortController();
    this.waiters.add(own);
    // Not AbortSignal.any: the stop signal lives as long as the engine and would keep every
    // combined signal (one per wait) alive.
    const link = linkSignals([own.signal, this.stop, extra]);
    try {
      await this.sleep(Math.max(1, ms), link.signal);
    } finally {
      link.dispose();
      this.waiters.delete(own);
    }
  }

  wake(): void {
    if (this.waiters.size === 0) this.signalled = true;
    for (const w of this.waiters) w.abort();
  }
}

interface PendingSettle {
  lane: Lane;
  settlement: Settlement;
  contact: Contact;
  failed: number;
  /** First good answer after transport failures. */
  recovered: boolean;
  error: string | null;
}

interface PendingSettleEntry {
  entry: PendingSettle;
  resolve: () => void;
  reject: (err: unknown) => void;
  /** When the request finished (performance.now()). */
  since: number;
}

interface Lane {
  destination: Destination;
  bucket: RequestBudget;
  /** The bucket's refill rate: how many requests may leave in the next few ms. */
  ratePerSecond: number;
  /**
   * Requests open at once: the declared concurrency, but never more than the declared burst, so
   * that requests held up together on the way (or at a destination that stalls) can never arrive
   * as more than the destination accepts at once.
   */
  maxConcurrency: number;
  breaker: CircuitBreaker;
  waker: Waker;
  inFlight: number;
  /** Retry-After from the destination: no request before this. */
  pausedUntil: number;
  /** A transport failure since the last good answer: the next good answer resets backoff. */
  failing: boolean;
  /** Claims of one event each still to make, to find which event of a refused batch is bad. */
  isolate: number;
  malformed: Map<string, number>;
  lastError: string | null;
}

export class DeliveryEngine {
  readonly store: DeliveryStore;
  readonly owner: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly leaseMs: number;
  private readonly backoff: Backoff;
  private readonly maxMalformed: number;
  private readonly idleRecheckMs: number;
  private readonly lockPatienceMs: number;
  /** The furthest ahead this engine ever schedules a retry (longest backoff or Retry-After). */
  private readonly maxAheadMs: number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly lanes = new Map<string, Lane>();
  private readonly settledListeners = new Set<(batch: SettledBatch) => void>();
  private readonly requests = new Set<Promise<void>>();
  private readonly pendingSettles: PendingSettleEntry[] = [];
  private flushScheduled = false;
  private flushing = false;
  private stopController = new AbortController();
  private loops: Promise<void>[] = [];
  private unsubscribe: (() => void) | null = null;
  private running = false;
  /** A drain lane gave up on a locked database (reported in the drain's summary). */
  private lockedOut = new Set<string>();

  constructor(private readonly options: DeliveryEngineOptions) {
    this.clock = options.clock;
    this.logger = options.logger;
    this.store = options.store ?? new DeliveryStore(options.db, options.clock);
    this.owner = options.owner ?? `engine-${process.pid}-${hex(options.random.bytes(6))}`;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.backoff = new Backoff(options.random, options.backoff);
    this.maxMalformed = options.maxMalformed ?? 10;
    this.idleRecheckMs = options.idleRecheckMs ?? 30_000;
    this.lockPatienceMs = options.lockPatienceMs ?? 30_000;
    this.maxAheadMs = this.backoff.longestMs + CLOCK_SLACK_MS;
    this.sleep = options.sleep ?? defaultSleep;
    const plan = {
      margin: options.rateMargin ?? DEFAULT_RATE_PLAN.margin,
      arrivalJitterMs: options.arrivalJitterMs ?? DEFAULT_RATE_PLAN.arrivalJitterMs,
    };
    const budgets: BudgetFactory = options.budgets ?? ((_name, o) => new TokenBucket(options.clock, o));
    for (const destination of options.destinations) {
      if (this.lanes.has(destination.name))
        throw new Error(`destination ${destination.name} configured twice`);
      const limits = destination.limits;
      const tooSlow = leaseProblem(destination.name, limits.requestTimeoutMs, this.leaseMs);
      if (tooSlow) throw new Error(tooSlow);
      // Evenly spaced, a little under the declared rate, with room for requests that arrive late
      // next to ones that do not (token-bucket.ts, ratePlan).
      const budget = ratePlan(limits, plan);
      this.lanes.set(destination.name, {
        destination,
        bucket: budgets(destination.name, budget),
        ratePerSecond: budget.ratePerSecond,
        maxConcurrency: Math.max(1, Math.min(limits.maxConcurrency, Math.floor(limits.burst))),
        breaker: new CircuitBreaker(options.clock, {
          ...options.breaker,
          downSince: options.circuitMemory?.load(destination.name) ?? null,
          onDownChange: (since) => options.circuitMemory?.save(destination.name, since),
        }),
        waker: new Waker(this.sleep, this.stopController.signal),
        inFlight: 0,
        pausedUntil: 0,
        failing: false,
        isolate: 0,
        malformed: new Map(),
        lastError: null,
      });
    }
  }

  destinationNames(): string[] {
    return [...this.lanes.keys()];
  }

  circuitState(name: string): CircuitState | null {
    return this.lanes.get(name)?.breaker.state ?? null;
  }

  /** Since when a destination has been unreachable (its circuit first opened), or null. */
  circuitDownSince(name: string): number | null {
    return this.lanes.get(name)?.breaker.downSince ?? null;
  }

  /** Told after every batch is settled (also for events a claim found invalid). */
  onSettled(listener: (batch: SettledBatch) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  wake(name?: string): void {
    if (name === undefined) for (const lane of this.lanes.values()) lane.waker.wake();
    else this.lanes.get(name)?.waker.wake();
  }

  start(): void {
    if (this.running) return;
    if (this.stopController.signal.aborted) this.renewStopSignal();
    this.running = true;
    this.unsubscribe = this.options.subscribe?.((name) => this.wake(name)) ?? null;
    this.loops = [...this.lanes.values()].map((lane) => this.pump(lane, 'background'));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.stopController.abort();
    await Promise.allSettled(this.loops);
    await Promise.allSettled([...this.requests]);
    this.loops = [];
    this.running = false;
    try {
      await this.store.releaseLeases(this.owner);
    } catch (err) {
      // The leases expire on their own; nothing is lost by leaving them.
      this.logger.warn('could not release delivery leases', { error: err });
    }
  }

  async drain(options: DrainOptions = {}): Promise<DrainSummary> {
    const startedAt = this.clock.now();
    if (this.stopController.signal.aborted) this.renewStopSignal();
    this.lockedOut.clear();
    const withWork = this.store.destinationsWithWork();
    const names = withWork.filter((n) => this.lanes.has(n));
    const unconfigured = withWork.filter((n) => !this.lanes.has(n));
    const perDestination = new Map(names.map((n) => [n, { delivered: 0, failed: 0, dead: 0 }]));
    let total = 0;
    for (const name of names) {
      try {
        await this.store.resetBackoff(name);
      } catch (err) {
        // A locked database: the backed-off events wait their turn, the drain still runs.
        this.logger.warn('could not reset backoff', { destination: name, error: err });
      }
      this.lanes.get(name)?.breaker.forceProbe();
      total += this.store.openCount(name);
    }
    const progress: DrainProgress = { total, delivered: 0, failed: 0, dead: 0 };
    const stopListening = this.onSettled((batch) => {
      const counts = perDestination.get(batch.destination);
      if (!counts) return;
      counts.delivered += batch.delivered;
      counts.failed += batch.failed;
      counts.dead += batch.dead;
      progress.delivered += batch.delivered;
      progress.failed += batch.failed;
      progress.dead += batch.dead;
      // Clerks keep scanning during a drain; what they add is delivered too.
      progress.total = Math.max(progress.total, progress.delivered + progress.dead);
      options.onProgress?.({ ...progress });
    });
    const link = linkSignals([this.stopController.signal, options.signal]);
    const signal = link.signal;
    try {
      options.onProgress?.({ ...progress });
      await Promise.all(
        names.map((name) => {
          const lane = this.lanes.get(name);
          return lane ? this.pump(lane, 'drain', signal, options.maxWaitMs ?? 5_000) : Promise.resolve();
        }),
      );
    } finally {
      stopListening();
      link.dispose();
    }
    const destinations = names.map((name) => {
      const counts = perDestination.get(name) ?? { delivered: 0, failed: 0, dead: 0 };
      const lane = this.lanes.get(name);
      return {
        name,
        ...counts,
        remaining: this.store.openCount(name),
        circuit: lane?.breaker.state ?? ('closed' as const),
        lastError: lane?.lastError ?? null,
      };
    });
    return {
      ...progress,
      remaining: destinations.reduce((sum, d) => sum + d.remaining, 0),
      aborted: signal.aborted,
      durationMs: Math.max(0, this.clock.now() - startedAt),
      destinations,
      unconfigured,
      databaseLocked: names.some((n) => this.lockedOut.has(n)),
    };
  }

  private renewStopSignal(): void {
    this.stopController = new AbortController();
    for (const lane of this.lanes.values()) {
      lane.waker = new Waker(this.sleep, this.stopController.signal);
    }
  }

  /**
   * One destination's loop. In 'background' it runs until stop(); in 'drain' it returns once nothing
   * is claimable now (or within maxWaitMs) and its requests have finished.
   */
  private async pump(
    lane: Lane,
    mode: 'background' | 'drain',
    signal: AbortSignal = this.stopController.signal,
    maxWaitMs = 0,
  ): Promise<void> {
    const { destination } = lane;
    const limits = destination.limits;
    let errors = 0;
    let lockedSince: number | null = null;
    while (!signal.aborted) {
      try {
        const now = this.clock.now();
        const gate = Math.max(
          lane.pausedUntil,
          lane.breaker.state === 'open' ? lane.breaker.nextProbeAt() : 0,
        );
        if (gate > now) {
          // A pause further ahead than any Retry-After we honour was set before the clock stepped
          // back: drop it and look again at once, rather than sleeping on it.
          if (lane.pausedUntil - now > this.maxAheadMs) {
            lane.pausedUntil = 0;
            continue;
          }
          if (mode === 'drain' && lane.inFlight === 0 && gate - now > maxWaitMs) return;
          await lane.waker.wait(Math.min(gate - now, this.idleRecheckMs), signal);
          continue;
        }
        if (lane.inFlight >= lane.maxConcurrency || !lane.breaker.canRequest()) {
          await lane.waker.wait(this.idleRecheckMs, signal);
          continue;
        }
        const tokenWait = lane.bucket.waitMs();
        if (tokenWait > 0) {
          await this.sleep(tokenWait, signal);
          continue;
        }
        const probing = lane.breaker.state === 'half_open';
        const single = probing || lane.isolate > 0;
        const batchLimit = single ? 1 : limits.maxBatchSize;
        // One claim for the requests that may leave in the next few ms (free slots, the budget's
        // pace): fewer commits. Each request takes its token only as it leaves (send), so a claim
        // that is slow to commit cannot make requests counted earlier leave together later.
        const soon = 1 + Math.floor((lane.ratePerSecond * CLAIM_AHEAD_MS) / 1000);
        const requests = single ? 1 : Math.max(1, Math.min(lane.maxConcurrency - lane.inFlight, soon));
        const invalid: string[] = [];
        const events = await this.store.claim(destination.name, {
          limit: requests * batchLimit,
          owner: this.owner,
          leaseMs: this.leaseMs,
          now,
          ignoreBackoff: probing,
          maxAheadMs: this.maxAheadMs,
          onInvalid: (event, reason) => {
            invalid.push(event.id);
            this.logger.warn('outbox event fails its schema; dead-lettered', { id: event.id, reason });
          },
        });
        errors = 0;
        lockedSince = null;
        if (invalid.length > 0) {
          this.emit({
            destination: destination.name,
            delivered: 0,
            failed: 0,
            dead: invalid.length,
            error: null,
            deliveredIds: [],
            deadIds: invalid,
          });
        }
        if (events.length === 0) {
          if (invalid.length > 0) continue;
          if (lane.inFlight > 0) {
            await lane.waker.wait(this.idleRecheckMs, signal);
            continue;
          }
          const due = this.store.nextDueAt(destination.name, { maxAheadMs: this.maxAheadMs });
          const wait = due === null ? Infinity : Math.max(due - this.clock.now(), 1);
          if (mode === 'drain' && wait > maxWaitMs) return;
          await lane.waker.wait(Math.min(wait, this.idleRecheckMs), signal);
          continue;
        }
        // A claim holds at most one event per ordering key, so its batches may travel side by side.
        for (let i = 0; i < events.length; i += batchLimit) {
          if (lane.isolate > 0) lane.isolate -= 1;
          lane.breaker.beginRequest();
          lane.inFlight += 1;
          const request = this.send(lane, events.slice(i, i + batchLimit)).finally(() => {
            lane.inFlight -= 1;
            this.requests.delete(request);
            lane.waker.wake();
          });
          this.requests.add(request);
        }
        // Let the requests just started reach their sockets before the next claim's commit holds
        // the event loop: a request must leave when its token was taken, not a commit later.
        await new Promise((resolve) => setImmediate(resolve));
      } catch (err) {
        if (isDatabaseLocked(err)) {
          // Not a failure of ours or the destination's: the tokens are still ours, the events untouched.
          if (lockedSince === null) {
            lockedSince = performance.now();
            this.logger.warn('station database locked by another process; delivery waits', {
              destination: destination.name,
            });
          }
          if (mode === 'drain' && performance.now() - lockedSince > this.lockPatienceMs) {
            this.lockedOut.add(destination.name);
            break;
          }
          await lane.waker.wait(LOCKED_RETRY_MS, signal);
          continue;
        }
        // Anything else must not kill the loop either; a drain gives up after a few tries in a
        // row and reports what is left.
        this.logger.error('delivery loop error', { destination: destination.name, error: err });
        errors += 1;
        if (mode === 'drain' && errors >= 5) break;
        await lane.waker.wait(1_000, signal);
      }
    }
    if (mode === 'drain') {
      while (lane.inFlight > 0 && !this.stopController.signal.aborted)
        await lane.waker.wait(this.idleRecheckMs);
    }
  }

  private async send(lane: Lane, events: OutboundEvent[]): Promise<void> {
    const { destination } = lane;
    let outcomes: DeliveryOutcome[] | null = null;
    let failure: DeliveryError | null = null;
    let refreshed = false;
    const stop = this.stopController.signal;
    // Whatever must happen before a request can leave (an OAuth token) happens before its token
    // is taken: requests counted apart must not wait for the same thing and then leave together.
    if (destination.prepare) {
      const timeout = deadline(destination.limits.requestTimeoutMs);
      const link = linkSignals([timeout.signal, stop]);
      try {
        await destination.prepare(link.signal);
      } catch (err) {
        failure = this.toDeliveryError(err, timeout.signal);
      } finally {
        link.dispose();
        timeout.dispose();
      }
    }
    // The token is taken as the request leaves; a stop while waiting for it sends nothing.
    while (failure === null && lane.bucket.takeUpTo(1) === 0 && !stop.aborted) {
      await this.sleep(Math.max(1, lane.bucket.waitMs()), stop);
    }
    if (failure === null && stop.aborted) {
      failure = new DeliveryError('network', 'stopped before it was sent');
    }
    for (; failure === null;) {
      // Each request's own timer and link to the stop signal, released as soon as it is answered
      // (AbortSignal.timeout/any would be kept alive by the long-lived stop signal).
      const timeout = deadline(destination.limits.requestTimeoutMs);
      const link = linkSignals([timeout.signal, this.stopController.signal]);
      try {
        outcomes = await destination.deliver(events, link.signal);
        break;
      } catch (err) {
        failure = this.toDeliveryError(err, timeout.signal);
        if (failure.kind === 'auth' && !refreshed && destination.refreshCredentials) {
          refreshed = true;
          const refreshTimeout = deadline(destination.limits.requestTimeoutMs);
          const refreshLink = linkSignals([refreshTimeout.signal, this.stopController.signal]);
          try {
            await destination.refreshCredentials(refreshLink.signal);
            while (lane.bucket.takeUpTo(1) === 0 && !this.stopController.signal.aborted) {
              await this.sleep(Math.max(1, lane.bucket.waitMs()), this.stopController.signal);
            }
            failure = null;
            continue;
          } catch (refreshErr) {
            failure = this.toDeliveryError(refreshErr, timeout.signal);
          } finally {
            refreshLink.dispose();
            refreshTimeout.dispose();
          }
        }
        break;
      } finally {
        link.dispose();
        timeout.dispose();
      }
    }
    try {
      await this.commit(this.settlementOf(lane, events, outcomes, failure));
    } catch (err) {
      // The leases run out and the events are sent again; the idempotency keys make that safe.
      this.logger.error('could not record delivery results', { destination: destination.name, error: err });
    }
  }

  /**
   * Group commit: results of requests that finish while an earlier commit is being written (or in
   * the same turn of the event loop) go into one transaction, so many small requests do not each
   * pay for a durable commit. One commit at a time; while another process holds the write lock the
   * results wait (and gather) until it is gone.
   */
  private commit(entry: PendingSettle): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pendingSettles.push({ entry, resolve, reject, since: performance.now() });
      if (this.flushScheduled || this.flushing) return;
      this.flushScheduled = true;
      setImmediate(() => void this.flushAll());
    });
  }

  private async flushAll(): Promise<void> {
    this.flushScheduled = false;
    this.flushing = true;
    try {
      while (this.pendingSettles.length > 0) await this.flush(this.pendingSettles.splice(0));
    } finally {
      this.flushing = false;
    }
  }

  private async flush(batch: PendingSettleEntry[]): Promise<void> {
    let results: SettleCounts[];
    let warned = false;
    for (;;) {
      try {
        results = await this.store.settleMany(
          this.owner,
          batch.map(({ entry }) => ({
            destination: entry.lane.destination.name,
            settlement: entry.settlement,
            contact: entry.contact,
          })),
        );
        break;
      } catch (err) {
        // Locked by another process: keep the results while our leases last (after that the
        // events are someone else's to send again) and unless we are stopping.
        const oldest = Math.min(...batch.map((b) => b.since));
        if (
          isDatabaseLocked(err) &&
          !this.stopController.signal.aborted &&
          performance.now() - oldest < this.leaseMs
        ) {
          if (!warned) {
            warned = true;
            this.logger.warn('station database locked by another process; delivery results wait');
          }
          await this.sleep(LOCKED_RETRY_MS, this.stopController.signal);
          batch.push(...this.pendingSettles.splice(0));
          continue;
        }
        for (const b of batch) b.reject(err);
        return;
      }
    }
    for (const [i, { entry, resolve }] of batch.entries()) {
      const name = entry.lane.destination.name;
      if (entry.recovered) {
        try {
          // The destination is back: whatever backed off while it was away goes now.
          await this.store.resetBackoff(name);
        } catch (err) {
          this.logger.warn('could not reset backoff', { destination: name, error: err });
        }
        entry.lane.waker.wake();
      }
      this.emit({
        destination: name,
        delivered: results[i]?.delivered ?? 0,
        failed: entry.failed,
        dead: results[i]?.dead ?? 0,
        error: entry.error,
        deliveredIds: entry.settlement.delivered,
        deadIds: entry.settlement.dead.map((d) => d.id),
      });
      resolve();
    }
  }

  private toDeliveryError(err: unknown, timeout: AbortSignal): DeliveryError {
    if (err instanceof DeliveryError) return err;
    if (this.stopController.signal.aborted) return new DeliveryError('network', 'stopped before an answer');
    if (timeout.aborted) return new DeliveryError('timeout', 'no answer in time');
    const message = err instanceof Error ? err.message : String(err);
    return new DeliveryError(classifyTransportError(err), message || 'request failed');
  }

  /** Turns a request's result into what the store records and what the lane learns from it. */
  private settlementOf(
    lane: Lane,
    events: OutboundEvent[],
    outcomes: DeliveryOutcome[] | null,
    failure: DeliveryError | null,
  ): PendingSettle {
    const name = lane.destination.name;
    const now = this.clock.now();
    const settlement: Settlement = { delivered: [], retry: [], dead: [] };
    const stopped = failure !== null && this.stopController.signal.aborted;
    let contact: Contact = { ok: true };
    let failed = 0;
    let recovered = false;

    const retry = (
      event: OutboundEvent,
      kind: DeliveryError['kind'],
      reason: string,
      retryAfterMs?: number,
    ) => {
      if (kind === 'malformed') {
        const count = (lane.malformed.get(event.id) ?? 0) + 1;
        if (count >= this.maxMalformed) {
          lane.malformed.delete(event.id);
          settlement.dead.push({
            id: event.id,
            kind,
            reason: `${count} unreadable answers in a row: ${reason}`,
          });
          return;
        }
        lane.malformed.set(event.id, count);
      } else {
        lane.malformed.delete(event.id);
      }
      failed += 1;
      const delay = stopped ? 0 : this.backoff.delayMs(event.attempts, retryAfterMs);
      settlement.retry.push({ id: event.id, kind, reason, nextAttemptAt: now + delay });
    };

    if (failure) {
      const reason = failure.details.status
        ? `HTTP ${failure.details.status}: ${failure.message}`
        : failure.message;
      if (stopped) {
        lane.breaker.abandonRequest();
        contact = null;
      } else if (isTransportFailure(failure.kind)) {
        lane.breaker.recordFailure();
        lane.failing = true;
        contact = { ok: false, error: `${failure.kind}: ${reason}` };
      } else {
        lane.breaker.recordSuccess();
        contact = { ok: false, error: `${failure.kind}: ${reason}` };
      }
      if (failure.kind === 'throttled' && !stopped) {
        lane.bucket.drain();
        const pause = failure.details.retryAfterMs ?? this.backoff.baseMs;
        lane.pausedUntil = Math.max(lane.pausedUntil, now + Math.min(pause, this.backoff.maxRetryAfterMs));
      }
      if (failure.kind === 'rejected' && events.length > 1) {
        // One bad event must not take its batch-mates down with it: resend them one by one.
        lane.isolate = Math.max(lane.isolate, events.length);
        for (const event of events) retry(event, 'rejected', reason, 0);
      } else {
        for (const event of events) {
          if (failure.kind === 'rejected') {
            lane.malformed.delete(event.id);
            settlement.dead.push({ id: event.id, kind: 'rejected', reason });
          } else retry(event, failure.kind, reason, failure.details.retryAfterMs);
        }
      }
      lane.lastError = contact ? contact.error.slice(0, 500) : lane.lastError;
      if (!stopped) {
        this.logger.warn('delivery failed', {
          destination: name,
          kind: failure.kind,
          reason,
          events: events.length,
        });
      }
    } else {
      lane.breaker.recordSuccess();
      const byId = new Map<string, DeliveryOutcome | null>();
      // An answer naming an event twice contradicts itself (or may): believe neither result.
      for (const o of outcomes ?? []) byId.set(o.id, byId.has(o.id) ? null : o);
      for (const event of events) {
        const outcome = byId.get(event.id);
        if (outcome === null) retry(event, 'malformed', 'the answer has more than one result for this event');
        else if (!outcome) retry(event, 'malformed', 'the answer has no result for this event');
        else if (outcome.status === 'delivered') {
          lane.malformed.delete(event.id);
          settlement.delivered.push(event.id);
        } else if (outcome.status === 'rejected') {
          lane.malformed.delete(event.id);
          settlement.dead.push({ id: event.id, kind: 'rejected', reason: outcome.reason });
        } else retry(event, outcome.kind, outcome.reason, outcome.retryAfterMs);
      }
      if (lane.failing) {
        lane.failing = false;
        recovered = true;
      }
    }
    return { lane, settlement, contact, failed, recovered, error: failure ? failure.message : null };
  }

  private emit(batch: SettledBatch): void {
    for (const listener of this.settledListeners) {
      try {
        listener(batch);
      } catch (err) {
        this.logger.error('settled listener failed', { error: err });
      }
    }
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
