import { AppError, type AppErrorShape } from '../../shared/errors';
import type { Dispatch } from '../api/dispatch';
import type { Logger } from '../logger';
import { CoreClient, type CoreClientOptions } from './core-client';
import type { HostExit, HostSpawner, SpawnedHost } from './host-spawner';
import type { SecretCipher } from '../secrets/secret-cipher';
import { PROTOCOL_VERSION, hostMessageSchema, typeOf, versionOf, type HostInit } from './protocol';
import { answerSecretRequest } from './secret-answers';
import { DEFAULT_RESTART_POLICY, restartDecision, type RestartPolicy } from './restart-policy';

export type CoreStatus =
  | { state: 'starting' }
  | { state: 'running'; pid: number; generation: number; restarts: number }
  | {
      state: 'restarting';
      /** The how-many-th restart within the restart window. */
      attempt: number;
      retryInMs: number;
      reason: CoreEndReason;
    }
  /** Start-up failed, or restarts gave up: the app shows its dialog; calls answer TRANSPORT_FAILED. */
  | { state: 'failed'; reason: CoreEndReason | 'crash_loop'; error: AppErrorShape | null; message: string }
  | { state: 'stopped' };

/** crashed: the process ended unasked; unresponsive: it stopped answering pings and was killed; start_failed: it said fatal. */
export type CoreEndReason = 'crashed' | 'unresponsive' | 'start_failed' | 'start_timeout';

export interface CoreSupervisorOptions {
  spawner: HostSpawner;
  init: Omit<HostInit, 'v' | 't'>;
  logger: Logger;
  restart?: Partial<RestartPolicy>;
  /** Pings to the host; one unanswered for `unresponsiveMs` (a stuck event loop) gets it killed and restarted. */
  heartbeat?: { everyMs?: number; unresponsiveMs?: number };
  /**
   * How long a host may take to say ready: a schema upgrade and its backup run first, which on a
   * large database and a slow disk takes minutes (default 5).
   */
  startTimeoutMs?: number;
  /** How long a stopping host may take to close its database before it is killed. */
  stopTimeoutMs?: number;
  client?: Omit<CoreClientOptions, 'logger'>;
  /**
   * The OS secret store, for a host started with `secrets: 'shell'` (the desktop app: safeStorage
   * exists only in the main process). Absent: such requests answer SECRET_STORE_UNAVAILABLE.
   */
  secrets?: () => Promise<SecretCipher>;
}

/** The first start failed: the core's own error when it gave one (DB_CORRUPT, DISK_FULL, …). */
export class CoreStartError extends Error {
  constructor(
    readonly error: AppErrorShape | null,
    message: string,
  ) {
    super(message);
    this.name = 'CoreStartError';
  }

  /** The contract error to show, when there is one. */
  appError(): AppError | null {
    return this.error ? new AppError(this.error.code, this.error.params) : null;
  }
}

/** Start-up failures a restart cannot cure: the core is not started again after one. */
const PERMANENT_START_ERRORS = new Set(['DB_CORRUPT', 'DB_NEWER_THAN_APP', 'DATA_DIR_UNUSABLE']);

interface Generation {
  number: number;
  host: SpawnedHost;
  ready: boolean;
  stopRequested: boolean;
  endReason: CoreEndReason | null;
  fatal: { error: AppErrorShape | null; message: string } | null;
  lastPongAt: number;
  pingId: number;
  timers: NodeJS.Timeout[];
}

/**
 * Keeps one core host process running for the main process: starts it, hands its wire to the
 * CoreClient once it says ready, notices when it ends unasked (a crash, a kill -9, an OOM) or stops
 * answering pings, and starts a new one after the restart policy's delay, until too many crashes
 * in a row make it give up (`failed`). Every change is published as a CoreStatus, which the app
 * shows the clerk. Calls go through `dispatch` whatever the state: they wait for the next core,
 * briefly, or answer a coded error — never hang.
 */
export class CoreSupervisor {
  readonly client: CoreClient;
  readonly dispatch: Dispatch;
  private current: Generation | null = null;
  private generations = 0;
  private restarts = 0;
  private crashTimes: number[] = [];
  private currentStatus: CoreStatus = { state: 'starting' };
  private readonly listeners = new Set<(status: CoreStatus) => void>();
  private restartTimer: NodeJS.Timeout | null = null;
  private firstStart: {
    resolve: (info: { stationId: string; pid: number }) => void;
    reject: (e: Error) => void;
  } | null = null;
  private stopping: Promise<void> | null = null;
  private readonly policy: RestartPolicy;

  constructor(private readonly options: CoreSupervisorOptions) {
    this.client = new CoreClient({ ...options.client, logger: options.logger });
    this.dispatch = this.client.dispatch;
    this.policy = { ...DEFAULT_RESTART_POLICY, ...options.restart };
  }

  status(): CoreStatus {
    return this.currentStatus;
  }

  onStatus(listener: (status: CoreStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The running host's process id (tests kill it). */
  pid(): number | undefined {
    return this.current?.ready ? this.current.host.pid : undefined;
  }

  /** Starts the first core; rejects with CoreStartError when it cannot start. */
  start(): Promise<{ stationId: string; pid: number }> {
    if (this.current || this.firstStart) throw new Error('core supervisor already started');
    return new Promise((resolve, reject) => {
      this.firstStart = { resolve, reject };
      this.spawn();
    });
  }

  /** After restarts gave up (the operator chose "try again"): a fresh start, crash count cleared. */
  restartNow(): void {
    if (this.stopping || this.current) return;
    this.crashTimes = [];
    this.client.reopen({ phase: 'restarting', attempt: 0 });
    this.setStatus({ state: 'restarting', attempt: 0, retryInMs: 0, reason: 'crashed' });
    this.spawn();
  }

  /** Stops the core cleanly (it finishes its calls and closes the database), killing it if it takes too long. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const gen = this.current;
    if (gen) {
      gen.stopRequested = true;
      // A host still starting is not listening yet; ending it is safe (SQLite rolls back).
      if (gen.ready) gen.host.wire.send({ v: PROTOCOL_VERSION, t: 'stop' });
      else gen.host.kill();
      const killer = setTimeout(() => {
        this.options.logger.warn('core did not stop in time; ending it', { pid: gen.host.pid });
        gen.host.kill();
      }, this.options.stopTimeoutMs ?? 10_000);
      await gen.host.exited;
      clearTimeout(killer);
    }
    this.client.stop('the app is closing');
    this.setStatus({ state: 'stopped' });
  }

  private spawn(): void {
    const number = ++this.generations;
    let host: SpawnedHost;
    try {
      host = this.options.spawner.spawn({ v: PROTOCOL_VERSION, t: 'init', ...this.options.init });
    } catch (error) {
      this.options.logger.error('core process could not be started', { error });
      this.ended(null, { code: null, signal: null }, { error: null, message: String(error) });
      return;
    }
    const gen: Generation = {
      number,
      host,
      ready: false,
      stopRequested: false,
      endReason: null,
      fatal: null,
      lastPongAt: performance.now(),
      pingId: 0,
      timers: [],
    };
    this.current = gen;
    host.wire.onMessage((raw) => this.onMessage(gen, raw));
    // A closed port with the process still there: end it, so "ended" has one meaning.
    host.wire.onClose(() => {
      if (!gen.stopRequested) host.kill();
    });
    const startTimer = setTimeout(() => {
      if (gen.ready) return;
      this.options.logger.error('core did not become ready in time; ending it', { pid: host.pid });
      gen.endReason = 'start_timeout';
      host.kill();
    }, this.options.startTimeoutMs ?? 300_000);
    gen.timers.push(startTimer);
    // The last messages (a `fatal` saying why) travel apart from the exit notice: give them a moment.
    const wireClosed = new Promise<void>((resolve) => host.wire.onClose(resolve));
    void host.exited
      .then(async (exit) => {
        await Promise.race([wireClosed, new Promise((resolve) => setTimeout(resolve, 250))]);
        return exit;
      })
      .then((exit) => this.ended(gen, exit, gen.fatal));
  }

  private onMessage(gen: Generation, raw: unknown): void {
    // Results are the client's (it listens on the same wire).
    if (gen !== this.current || typeOf(raw) === 'result') return;
    const parsed = hostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      if (versionOf(raw) !== PROTOCOL_VERSION) {
        // Another build's host (a stale out/ folder): it cannot be talked to; fail its start.
        gen.fatal = { error: null, message: `core host speaks protocol ${String(versionOf(raw))}` };
        gen.host.kill();
      } else {
        this.options.logger.warn('malformed message from the core ignored', { type: typeOf(raw) });
      }
      return;
    }
    const message = parsed.data;
    switch (message.t) {
      case 'result':
        return;
      case 'pong':
        gen.lastPongAt = performance.now();
        return;
      case 'log':
        this.options.logger[message.level](message.message, message.fields);
        return;
      case 'fatal':
        gen.fatal = { error: message.error, message: message.message };
        gen.endReason = 'start_failed';
        return;
      case 'stopped':
        return;
      case 'secret': {
        const { id, request } = message;
        void answerSecretRequest(request, this.options.secrets, this.options.logger).then((answer) => {
          try {
            gen.host.wire.send({ v: PROTOCOL_VERSION, t: 'secret-result', id, answer });
          } catch (error) {
            this.options.logger.error('secret answer could not be sent to the core', { id, error });
          }
        });
        return;
      }
      case 'ready':
        this.onReady(gen, message.pid, message.stationId);
        return;
    }
  }

  private onReady(gen: Generation, pid: number, stationId: string): void {
    gen.ready = true;
    gen.lastPongAt = performance.now();
    this.client.connect(gen.host.wire);
    this.setStatus({ state: 'running', pid, generation: gen.number, restarts: this.restarts });
    this.startHeartbeat(gen);
    const first = this.firstStart;
    this.firstStart = null;
    first?.resolve({ stationId, pid });
    if (gen.number > 1) this.options.logger.info('core restarted', { pid, generation: gen.number });
  }

  private startHeartbeat(gen: Generation): void {
    const everyMs = this.options.heartbeat?.everyMs ?? 5_000;
    const unresponsiveMs = this.options.heartbeat?.unresponsiveMs ?? 60_000;
    const timer = setInterval(() => {
      if (gen !== this.current || gen.stopRequested) return;
      const silentFor = performance.now() - gen.lastPongAt;
      if (silentFor > unresponsiveMs) {
        this.options.logger.error('core stopped answering; ending it to start a new one', {
          pid: gen.host.pid,
          silentForMs: silentFor,
        });
        gen.endReason = 'unresponsive';
        gen.host.kill();
        return;
      }
      gen.host.wire.send({ v: PROTOCOL_VERSION, t: 'ping', id: ++gen.pingId });
    }, everyMs);
    gen.timers.push(timer);
  }

  private ended(
    gen: Generation | null,
    exit: HostExit,
    fatal: { error: AppErrorShape | null; message: string } | null,
  ): void {
    if (gen) {
      for (const t of gen.timers) clearTimeout(t);
      gen.host.wire.close();
      if (gen !== this.current) return;
      this.current = null;
      if (gen.stopRequested) return; // stop() finishes the story
    }
    const reason: CoreEndReason = gen?.endReason ?? (fatal ? 'start_failed' : 'crashed');
    const message =
      fatal?.message ?? `core process ended (code ${String(exit.code)}, signal ${String(exit.signal)})`;

    if (this.firstStart && !gen?.ready) {
      // The very first start: nothing to restart into; the app explains and quits.
      const first = this.firstStart;
      this.firstStart = null;
      this.client.stop('the core could not start');
      this.setStatus({ state: 'failed', reason, error: fatal?.error ?? null, message });
      first.reject(new CoreStartError(fatal?.error ?? null, message));
      return;
    }

    // Monotonic: a wall clock stepped by the operating system must not count or forget crashes.
    const now = performance.now();
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < this.policy.windowMs), now];
    const decision = restartDecision(this.crashTimes, now, this.policy);
    const permanent = fatal?.error ? PERMANENT_START_ERRORS.has(fatal.error.code) : false;
    this.options.logger.error('core process ended unexpectedly', {
      reason,
      code: exit.code,
      signal: exit.signal,
      crashes: this.crashTimes.length,
      error: fatal?.error ?? null,
    });
    if (!decision.restart || permanent) {
      this.client.stop('the core stopped after repeated failures');
      this.setStatus({
        state: 'failed',
        reason: permanent ? reason : 'crash_loop',
        error: fatal?.error ?? null,
        message,
      });
      return;
    }
    this.client.disconnect({ phase: 'restarting', attempt: decision.attempt });
    this.setStatus({ state: 'restarting', attempt: decision.attempt, retryInMs: decision.delayMs, reason });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.restarts += 1;
      this.spawn();
    }, decision.delayMs);
  }

  private setStatus(status: CoreStatus): void {
    this.currentStatus = status;
    for (const listener of [...this.listeners]) {
      try {
        listener(status);
      } catch (error) {
        this.options.logger.error('core status listener failed', { error });
      }
    }
  }
}
