import { performance } from 'node:perf_hooks';
import { AppError } from '../../shared/errors';
import { SYNC_STAGES, type SyncProgress, type SyncReport } from '../../shared/sync-views';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { Logger } from '../logger';
import type { OutboxQueries } from '../outbox/outbox-queries';
import type { SettingsStore } from '../settings/settings-store';
import { describeError } from './describe-error';
import type { DeliveryEngine } from './delivery-engine';
import type { OutboundOrder } from '../../shared/packing/outbound-order';
import type { PullSource } from './destination';
import type { OutboundOrderSink } from './order-sink';
import type { PullResult, PullRunner } from './pull-runner';
import type { ReturnOrderRecord, ReturnOrderUpserts } from './return-order-upserts';
import { destinationLines, failureLines, runStatus, snapshotCounts, trackingExceptions } from './sync-report';
import type { Retention, RetentionResult } from './retention';
import type { TrackingUpdateRecord, TrackingUpserts } from './tracking-upserts';

/** What the daily sync needs of the delivery engine. */
export type DrainingEngine = Pick<DeliveryEngine, 'drain'>;

export interface DailySyncDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: SettingsStore;
  outboxQueries: OutboxQueries;
  pullRunner: PullRunner;
  returnUpserts: ReturnOrderUpserts;
  trackingUpserts: TrackingUpserts;
  returnSources: readonly PullSource<ReturnOrderRecord>[];
  trackingSources: readonly PullSource<TrackingUpdateRecord>[];
  /** Orders to pack, by update time; written through `orderSink` (the packing bench's store). */
  orderSources?: readonly PullSource<OutboundOrder>[];
  orderSink?: OutboundOrderSink;
  /** Resolves once no interval pull of orders runs in this process (one cursor, one reader). */
  ordersIdle?: () => Promise<void>;
  /** Fetches what webhooks named and is due (sync/webhook-refetch.ts), before the pulls. */
  refetch?: (signal: AbortSignal) => Promise<{ failed: number; lastError: string | null }>;
  engine: DrainingEngine | null;
  /** Housekeeping run after the push (expired tracking updates, archived deliveries). */
  retention?: Pick<Retention, 'run' | 'pendingTracking'>;
  /**
   * Takes the count of new work sent to backup lines since the last report (routes/route-book.ts,
   * handed in so sync needs to know nothing of routes).
   */
  backupLines?: () => Promise<NonNullable<SyncReport['backupLines']>>;
  /** Takes the counts of source codes mapped to `unknown` since the last report (unknown-codes.ts). */
  unknownCodes?: () => Promise<NonNullable<SyncReport['unknownCodes']>>;
  /** Orders cancelled after their handover since the last report, taken for this one. */
  lateCancellations?: () => Promise<NonNullable<SyncReport['lateCancellations']>>;
  /** Destinations the engine can deliver to. */
  destinationNames: readonly string[];
  drainMaxWaitMs?: number;
}

export interface DailySyncRun {
  runId: string;
  trigger: 'ui' | 'cli';
  startedAt: number;
  signal: AbortSignal;
  onProgress: (progress: SyncProgress) => void;
}

/** Forward jumps smaller than this are ordinary NTP adjustments, not worth a line in the report. */
const CLOCK_JUMP_TOLERANCE_MS = 60_000;
const CLOCK_BACKWARDS_TOLERANCE_MS = 1_000;

const STAGE_WORDS: Record<SyncProgress['stage'], string> = {
  pull_returns: 'the pull of return orders',
  pull_orders: 'the pull of orders to pack',
  pull_tracking: 'the pull of tracking updates',
  push: 'the push of queued events',
  report: 'the report',
};

/**
 * The supervisor's daily sync: fetch what webhooks named, pull new return orders, pull orders to
 * pack, pull tracking updates, push everything
 * pending, then write the report. Each stage catches its own failure into the report and the next
 * stage still runs (tracking can be pulled while the platform is down); every write is a short
 * transaction, so clerks keep scanning throughout. Cancelling stops at the next page or batch.
 */
export async function runDailySync(deps: DailySyncDeps, run: DailySyncRun): Promise<SyncReport> {
  const { db, clock } = deps;
  const monoStart = performance.now();
  const errors: string[] = [];
  const pulls: PullResult[] = [];
  let stage: SyncProgress['stage'] = 'pull_returns';
  const progress = (done: number, total: number): void =>
    run.onProgress({
      runId: run.runId,
      stage,
      stageIndex: SYNC_STAGES.indexOf(stage),
      stageCount: SYNC_STAGES.length,
      done,
      total: Math.max(done, total),
      startedAt: run.startedAt,
      cancelRequested: run.signal.aborted,
    });

  let cancelledDuring: SyncProgress['stage'] | null = null;
  const onAbort = (): void => {
    cancelledDuring ??= stage;
  };
  run.signal.addEventListener('abort', onAbort, { once: true });
  if (run.signal.aborted) onAbort();

  const before = snapshotCounts(deps.outboxQueries);
  let held = 0;
  // Held by the page being written; counted once its transaction has committed (onPage).
  let heldInPage = 0;

  const pullAll = async <T>(
    sources: readonly PullSource<T>[],
    apply: (name: string, items: T[]) => number,
  ) => {
    let fetchedBefore = 0;
    for (const source of sources) {
      if (run.signal.aborted) break;
      const result = await deps.pullRunner.run(source, {
        signal: run.signal,
        apply: (items) => apply(source.name, items),
        onPage: (p) => {
          held += heldInPage;
          heldInPage = 0;
          progress(fetchedBefore + p.fetched, fetchedBefore + p.fetched + (p.hasMore ? p.pageSize : 0));
        },
      });
      heldInPage = 0;
      fetchedBefore += result.fetched;
      pulls.push(result);
      if (result.error && !run.signal.aborted) errors.push(`pull ${source.name}: ${result.error}`);
    }
  };

  progress(0, 0);
  if (deps.refetch && !run.signal.aborted) {
    try {
      const pass = await deps.refetch(run.signal);
      if (pass.failed > 0 && !run.signal.aborted) {
        errors.push(
          `webhook refetch: ${pass.failed} records named by webhooks could not be fetched (${pass.lastError ?? 'unknown'}); retried later`,
        );
      }
    } catch (err) {
      if (!run.signal.aborted) errors.push(`webhook refetch: ${describeError(err)}`);
    }
  }
  await pullAll(deps.returnSources, (_name, items) => deps.returnUpserts.apply(items));

  stage = 'pull_orders';
  progress(0, 0);
  const sink = deps.orderSink;
  if (sink && (deps.orderSources?.length ?? 0) > 0) {
    await deps.ordersIdle?.();
    await pullAll(deps.orderSources ?? [], (_name, items) => sink.applyIn(db, items));
  }

  stage = 'pull_tracking';
  progress(0, 0);
  await pullAll(deps.trackingSources, (name, items) => {
    const applied = deps.trackingUpserts.apply(name, items);
    heldInPage = applied.held;
    return applied.inserted;
  });

  stage = 'push';
  progress(0, 0);
  if (!run.signal.aborted) {
    if (deps.engine) {
      try {
        const summary = await deps.engine.drain({
          signal: run.signal,
          onProgress: (p) => progress(p.delivered + p.dead, p.total),
          ...(deps.drainMaxWaitMs !== undefined ? { maxWaitMs: deps.drainMaxWaitMs } : {}),
        });
        if (summary.databaseLocked) {
          errors.push(`push: ${describeError(new AppError('DB_LOCKED'))}`);
        }
        for (const d of summary.destinations) {
          // Nothing got through at all: say so plainly, the failures list says what waits.
          if (d.remaining > 0 && d.delivered === 0 && d.circuit !== 'closed' && d.lastError) {
            errors.push(
              `push ${d.name}: unreachable (${d.lastError}); ${d.remaining} events wait for the next try`,
            );
          }
        }
      } catch (err) {
        if (!run.signal.aborted) errors.push(`push: ${describeError(err)}`);
      }
    }
    for (const [name, counts] of deps.outboxQueries.countsByDestination()) {
      const waiting = counts.pending + counts.in_flight;
      if (waiting > 0 && !deps.destinationNames.includes(name)) {
        errors.push(`push ${name}: no destination is configured for it; ${waiting} events wait in the queue`);
      }
    }
  }

  let retention: RetentionResult | null = null;
  if (deps.retention && !run.signal.aborted) {
    try {
      retention = await deps.retention.run(run.signal);
    } catch (err) {
      if (!run.signal.aborted) errors.push(`retention: ${describeError(err)}`);
    }
  }

  stage = 'report';
  progress(0, 1);
  const now = clock.now();
  const elapsedMs = Math.round(performance.now() - monoStart);
  const clockMoved = now - run.startedAt;
  if (clockMoved < -CLOCK_BACKWARDS_TOLERANCE_MS) {
    errors.push(
      `the system clock moved backwards by ${Math.round(-clockMoved / 1000)} s during the sync; times in this report may be off`,
    );
  } else if (clockMoved - elapsedMs > CLOCK_JUMP_TOLERANCE_MS) {
    errors.push(
      `the system clock jumped forward by ${Math.round((clockMoved - elapsedMs) / 1000)} s during the sync; times in this report may be off`,
    );
  }
  run.signal.removeEventListener('abort', onAbort);
  const cancelled = cancelledDuring !== null;
  if (cancelledDuring)
    errors.push(`cancelled during ${STAGE_WORDS[cancelledDuring]}; the rest comes next time`);

  const body: Omit<SyncReport, 'status'> = {
    id: run.runId,
    trigger: run.trigger,
    startedAt: run.startedAt,
    finishedAt: now,
    durationMs: elapsedMs,
    destinations: [],
    pulls: pulls.map((p) => ({ source: p.source, fetched: p.fetched, upserted: p.upserted, error: p.error })),
    failures: [],
    exceptions: [],
    errors,
  };
  if (retention) body.archivedEvents = retention.archived;
  if (deps.retention) {
    try {
      // Applied since the last report, whichever way the parcel came (a pull, a scan, a seed).
      const applied = await deps.retention.pendingTracking.takeAppliedCount();
      body.pendingTracking = {
        held,
        applied,
        expired: retention?.pendingExpired ?? 0,
        waiting: deps.retention.pendingTracking.counts().waiting,
      };
    } catch (err) {
      errors.push(`report: ${describeError(err)}`);
    }
  }
  if (deps.unknownCodes) {
    try {
      body.unknownCodes = await deps.unknownCodes();
    } catch (err) {
      errors.push(`report: ${describeError(err)}`);
    }
  }
  if (deps.lateCancellations) {
    try {
      body.lateCancellations = await deps.lateCancellations();
    } catch (err) {
      errors.push(`report: ${describeError(err)}`);
    }
  }
  if (deps.backupLines) {
    try {
      body.backupLines = await deps.backupLines();
    } catch (err) {
      errors.push(`report: ${describeError(err)}`);
    }
  }
  try {
    body.destinations = destinationLines(
      before,
      snapshotCounts(deps.outboxQueries),
      db,
      deps.destinationNames,
    );
    body.failures = failureLines(db);
    body.exceptions = trackingExceptions(db, now, deps.settings.get().staleTrackingHours);
  } catch (err) {
    errors.push(`report: ${describeError(err)}`);
  }
  const report: SyncReport = { ...body, status: runStatus(body, cancelled) };
  progress(1, 1);
  return report;
}
