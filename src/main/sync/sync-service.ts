import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { UserView } from '../../shared/domain';
import type { OutboundOrder } from '../../shared/packing/outbound-order';
import { AppError } from '../../shared/errors';
import { SYNC_STAGES, type SyncOverview, type SyncProgress, type SyncReport } from '../../shared/sync-views';
import type { Core, SyncApi } from '../core';
import { writeTransaction } from '../db/write';
import { emptyCounts } from '../outbox/outbox-queries';
import { runDailySync, type DailySyncDeps } from './daily-sync';
import type { DeliveryEngine } from './delivery-engine';
import type { PullSource } from './destination';
import { IntervalPull } from './interval-pull';
import { LateCancellations } from './late-cancellations';
import type { OutboundOrderSink } from './order-sink';
import { PullRunner } from './pull-runner';
import { Retention, type RetentionOptions } from './retention';
import { ReturnOrderUpserts, type ReturnOrderRecord } from './return-order-upserts';
import { SyncLock } from './sync-lock';
import { SyncRuns } from './sync-runs';
import { TrackingUpserts, type TrackingUpdateRecord } from './tracking-upserts';
import type { UnknownCodeTally } from './unknown-codes';
import { WebhookIntake, type WebhookAccount } from './webhook-intake';
import { WebhookRefetch, type RefetchAccount, type WebhookRefetchOptions } from './webhook-refetch';

/** How often the station pulls orders to pack while it runs, unless configured. */
export const DEFAULT_ORDERS_EVERY_MS = 5 * 60_000;

/** What the supervisor's side needs of the delivery engine. */
export type SyncEngine = Pick<
  DeliveryEngine,
  'drain' | 'start' | 'stop' | 'circuitState' | 'destinationNames' | 'wake'
>;

export interface SyncServiceOptions {
  /** Null when no destination is configured: the overview still shows what waits in the queue. */
  engine: SyncEngine | null;
  returnSources?: readonly PullSource<ReturnOrderRecord>[];
  trackingSources?: readonly PullSource<TrackingUpdateRecord>[];
  /** Orders to pack, pulled by the daily sync and, with startTrickle, every `ordersEveryMs`. */
  orderSources?: readonly PullSource<OutboundOrder>[];
  /** Where pulled and refetched orders go (the packing bench's order store). */
  orderSink?: OutboundOrderSink;
  ordersEveryMs?: number;
  /** Accounts whose webhooks name records to fetch again. */
  refetchAccounts?: readonly RefetchAccount[];
  refetch?: Pick<WebhookRefetchOptions, 'backoff' | 'maxAttempts' | 'idleRecheckMs'>;
  /** Deliver continuously in the background while the station runs (the app), or only on demand (CLI). */
  startTrickle: boolean;
  lock?: { staleAfterMs?: number; heartbeatMs?: number };
  /** How long the daily push keeps waiting for retries due soon (the engine's default otherwise). */
  drainMaxWaitMs?: number;
  /** Released after the engine stops (e.g. the sources' HTTP agents). */
  onClose?: () => Promise<void> | void;
  /** Housekeeping after each daily sync and, with startTrickle, on a timer. */
  retention?: RetentionOptions;
  /** Counts of work sent to backup lines since the last report, for the report. */
  backupLines?: DailySyncDeps['backupLines'];
  /** Counts of source codes mapped to `unknown` since the last report, for the report. */
  unknownCodes?: UnknownCodeTally;
  /** Why sync is off (the stored configuration cannot be used); the overview shows it. */
  configError?: string | null;
  /** Configured accounts, for webhooks the station server receives for them. */
  webhookAccounts?: readonly WebhookAccount[];
}

interface RunningSync {
  runId: string;
  controller: AbortController;
  progress: SyncProgress;
  done: Promise<SyncReport>;
}

/** Each attempt waits a whole write budget (db/write.ts) for another process's lock. */
const REPORT_WRITE_ATTEMPTS = 3;

/** The SyncApi of core.ts: overview, the daily sync run in the background, cancel, reports. */
export class SyncService implements SyncApi {
  private readonly lock: SyncLock;
  private readonly runs: SyncRuns;
  private readonly pullRunner: PullRunner;
  private readonly returnUpserts: ReturnOrderUpserts;
  private readonly trackingUpserts: TrackingUpserts;
  readonly retention: Retention;
  /** `POST /webhooks/<connector>/<account>` on the station server ends here. */
  readonly webhooks: WebhookIntake;
  /** What webhooks named, fetched after their answer; worked in the background with startTrickle. */
  readonly refetch: WebhookRefetch;
  /** The orders pull on a timer while the station runs. */
  readonly orderPulls: IntervalPull;
  private readonly lateCancellations: LateCancellations;
  private readonly destinationStatus;
  private running: RunningSync | null = null;
  /** A start waiting for the write lock: a second start meanwhile is refused like a running one. */
  private starting = false;
  private closed = false;

  constructor(
    private readonly core: Core,
    private readonly options: SyncServiceOptions,
  ) {
    this.lock = new SyncLock({ db: core.db, clock: core.clock, ...options.lock });
    this.runs = new SyncRuns(core.db, core.clock);
    this.pullRunner = new PullRunner(core.db, core.clock);
    this.returnUpserts = new ReturnOrderUpserts(core.db, core.clock, core.newId);
    this.trackingUpserts = new TrackingUpserts(core.db, core.clock, core.newId);
    this.retention = new Retention(core.db, core.clock, core.logger, options.retention);
    this.lateCancellations = new LateCancellations(core.db, core.clock);
    this.refetch = new WebhookRefetch({
      db: core.db,
      clock: core.clock,
      random: core.random,
      logger: core.logger,
      accounts: options.refetchAccounts ?? [],
      returnUpserts: this.returnUpserts,
      ...(options.orderSink ? { orders: options.orderSink } : {}),
      ...options.refetch,
    });
    this.orderPulls = new IntervalPull({
      everyMs: options.ordersEveryMs ?? DEFAULT_ORDERS_EVERY_MS,
      run: (signal) => this.pullOrders(signal),
      skip: () => this.running !== null || this.starting || this.closed,
      logger: core.logger,
    });
    this.webhooks = new WebhookIntake({
      db: core.db,
      clock: core.clock,
      newId: core.newId,
      logger: core.logger,
      accounts: options.webhookAccounts ?? [],
      trackingUpserts: this.trackingUpserts,
      returnUpserts: this.returnUpserts,
      refetch: this.refetch,
      ...(options.orderSink ? { orders: options.orderSink } : {}),
      lateCancellations: this.lateCancellations,
      ...(options.unknownCodes ? { unknownCodes: options.unknownCodes } : {}),
    });
    // The Sync screen polls the overview every half second while a sync runs.
    this.destinationStatus = core.db.prepare<
      [],
      { name: string; last_success_at: number | null; last_error: string | null }
    >('SELECT name, last_success_at, last_error FROM destination_status');
    if (options.startTrickle) {
      options.engine?.start();
      this.retention.start();
      this.refetch.start();
      if (options.orderSink && (options.orderSources?.length ?? 0) > 0) this.orderPulls.start();
    }
  }

  overview(): SyncOverview {
    const engine = this.options.engine;
    const configured = new Set(engine?.destinationNames() ?? []);
    const counts = this.core.outboxQueries.countsByDestination();
    // "Delivered" on the screen is every delivery, also those the retention step has archived.
    for (const [name, delivered] of this.core.outboxQueries.deliveredEver()) {
      const c = counts.get(name) ?? emptyCounts();
      c.delivered = delivered;
      counts.set(name, c);
    }
    const contact = new Map(this.destinationStatus.all().map((r) => [r.name, r]));
    const names = [...new Set([...configured, ...counts.keys()])].sort();
    return {
      destinations: names.map((name) => ({
        name,
        counts: counts.get(name) ?? emptyCounts(),
        circuit: engine?.circuitState(name) ?? 'closed',
        lastSuccessAt: contact.get(name)?.last_success_at ?? null,
        lastError: configured.has(name)
          ? (contact.get(name)?.last_error ?? null)
          : 'not configured on this station',
      })),
      running: this.running ? { ...this.running.progress } : null,
      configError: this.options.configError ?? null,
    };
  }

  async startDaily(trigger: 'ui' | 'cli', by: UserView): Promise<{ runId: string }> {
    return { runId: (await this.begin(trigger, by)).runId };
  }

  /** Runs one daily sync to its end (the CLI); `signal` cancels it like the screen's button. */
  async runDaily(
    trigger: 'ui' | 'cli',
    by: UserView,
    options: { signal?: AbortSignal; onProgress?: (p: SyncProgress) => void } = {},
  ): Promise<SyncReport> {
    const run = await this.begin(trigger, by, options.onProgress);
    const cancel = (): void => run.controller.abort();
    if (options.signal?.aborted) cancel();
    options.signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await run.done;
    } finally {
      options.signal?.removeEventListener('abort', cancel);
    }
  }

  cancel(): { runId: string } {
    const run = this.running;
    if (!run) throw new AppError('SYNC_NOT_RUNNING');
    run.progress.cancelRequested = true;
    run.controller.abort();
    return { runId: run.runId };
  }

  reports(limit: number): SyncReport[] {
    const holder = this.lock.current()?.holder ?? '';
    return this.runs.list(limit, (id) => id === this.running?.runId || holder.endsWith(`run ${id}`));
  }

  /** Resolves once no daily sync runs in this process (at once when none does). */
  async whenIdle(): Promise<void> {
    while (this.running || this.starting) {
      const run = this.running;
      if (run) await run.done.catch(() => undefined);
      else await new Promise<void>((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A dead letter sent again: look at its destination now rather than at the next idle check. */
  wake(destination: string): void {
    this.options.engine?.wake(destination);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const run = this.running;
    if (run) {
      run.controller.abort();
      await run.done.catch(() => undefined);
    }
    await this.orderPulls.stop();
    await this.refetch.stop();
    await this.retention.stop();
    await this.options.engine?.stop();
    await this.options.onClose?.();
  }

  private async begin(
    trigger: 'ui' | 'cli',
    by: UserView,
    onProgress?: (p: SyncProgress) => void,
  ): Promise<RunningSync> {
    if (this.closed) throw new AppError('INTERNAL', { reason: 'sync is closed' });
    if (this.running || this.starting) {
      throw new AppError('SYNC_ALREADY_RUNNING', {
        holder: 'this station',
        runId: this.running?.runId ?? null,
      });
    }
    this.starting = true;
    try {
      return await this.beginLocked(trigger, by, onProgress);
    } finally {
      this.starting = false;
    }
  }

  private async beginLocked(
    trigger: 'ui' | 'cli',
    by: UserView,
    onProgress?: (p: SyncProgress) => void,
  ): Promise<RunningSync> {
    const { core } = this;
    const runId = core.newId();
    const startedAt = core.clock.now();
    const holder = `${os.hostname()} pid ${process.pid} ${trigger} run ${runId}`;
    // The lock, the run's row and its audit line in one transaction that waits for another
    // program's write lock off the event loop (DB_LOCKED after the write budget).
    await writeTransaction(core.db, () => {
      this.lock.claim(holder);
      this.runs.begin(runId, trigger, by.id, startedAt);
      core.audit.record({
        userId: by.id,
        action: 'sync.daily.start',
        entityType: 'sync_run',
        entityId: runId,
        details: { trigger },
      });
    });
    const handle = this.lock.hold(holder);
    const controller = new AbortController();
    // A heartbeat that finds the lock taken over means another process now syncs: stop at once.
    handle.lost.addEventListener('abort', () => controller.abort(), { once: true });
    const state: Omit<RunningSync, 'done'> = {
      runId,
      controller,
      progress: {
        runId,
        stage: 'pull_returns',
        stageIndex: 0,
        stageCount: SYNC_STAGES.length,
        done: 0,
        total: 0,
        startedAt,
        cancelRequested: false,
      },
    };
    const done = this.execute(state, trigger, startedAt, onProgress).finally(async () => {
      await handle.release();
      if (this.running?.runId === runId) this.running = null;
    });
    const run: RunningSync = Object.assign(state, { done });
    this.running = run;
    return run;
  }

  private async execute(
    run: Omit<RunningSync, 'done'>,
    trigger: 'ui' | 'cli',
    startedAt: number,
    onProgress?: (p: SyncProgress) => void,
  ): Promise<SyncReport> {
    const { core, options } = this;
    // Let startDaily return its runId before the first page is requested.
    await Promise.resolve();
    const written = await runDailySync(
      {
        db: core.db,
        clock: core.clock,
        logger: core.logger,
        settings: core.settings,
        outboxQueries: core.outboxQueries,
        pullRunner: this.pullRunner,
        returnUpserts: this.returnUpserts,
        trackingUpserts: this.trackingUpserts,
        returnSources: options.returnSources ?? [],
        trackingSources: options.trackingSources ?? [],
        orderSources: options.orderSources ?? [],
        ...(options.orderSink ? { orderSink: options.orderSink } : {}),
        ordersIdle: () => this.orderPulls.whenIdle(),
        refetch: (signal) => this.refetch.runDue(signal),
        engine: options.engine,
        retention: this.retention,
        ...(options.backupLines ? { backupLines: options.backupLines } : {}),
        ...(options.unknownCodes ? { unknownCodes: () => options.unknownCodes!.take() } : {}),
        lateCancellations: () => this.lateCancellations.take(),
        destinationNames: options.engine?.destinationNames() ?? [],
        ...(options.drainMaxWaitMs !== undefined ? { drainMaxWaitMs: options.drainMaxWaitMs } : {}),
      },
      {
        runId: run.runId,
        trigger,
        startedAt,
        signal: run.controller.signal,
        onProgress: (p) => {
          run.progress = { ...p, cancelRequested: run.controller.signal.aborted };
          onProgress?.(run.progress);
        },
      },
    ).catch((err: unknown): SyncReport => {
      core.logger.error('daily sync failed', { runId: run.runId, error: err });
      return {
        id: run.runId,
        trigger,
        status: 'failed',
        startedAt,
        finishedAt: core.clock.now(),
        durationMs: null,
        destinations: [],
        pulls: [],
        failures: [],
        exceptions: [],
        errors: [`the sync stopped on an unexpected error: ${(err as Error).message ?? String(err)}`],
      };
    });
    // A carrier may echo a key in an error body: no known secret reaches the stored report.
    const report = core.knownSecrets.redactDeep(written);
    await this.store(report);
    core.logger.info('daily sync finished', { runId: run.runId, status: report.status });
    return report;
  }

  /** Every orders source once, page by page (each page and its cursor in one transaction). */
  private async pullOrders(signal: AbortSignal): Promise<void> {
    const sink = this.options.orderSink;
    if (!sink) return;
    for (const source of this.options.orderSources ?? []) {
      if (signal.aborted) return;
      const result = await this.pullRunner.run(source, {
        signal,
        apply: (items) => sink.applyIn(this.core.db, items),
      });
      if (result.error && !signal.aborted) {
        this.core.logger.warn('the orders pull stopped; it resumes at its cursor', {
          source: source.name,
          error: result.error,
        });
      }
    }
  }

  /** The report is the supervisor's only view of the run: keep trying while the file is busy. */
  private async store(report: SyncReport): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await writeTransaction(this.core.db, () => this.runs.finish(report));
        return;
      } catch (err) {
        if (attempt >= REPORT_WRITE_ATTEMPTS) {
          this.core.logger.error('could not store the sync report', { runId: report.id, error: err });
          report.errors.push('this report could not be saved: the station database stayed locked');
          return;
        }
        await sleep(200 * attempt);
      }
    }
  }
}
