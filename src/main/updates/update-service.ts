import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Random } from '../random';
import { Backoff } from '../sync/backoff';
import { installDecision, type InstallDecision, type InstallTime, type UpdateState } from './update-policy';
import { isVerificationFailure, type UpdaterLike } from './updater-like';

export interface UpdateServiceOptions {
  updater: UpdaterLike;
  clock: Clock;
  random: Random;
  logger: Logger;
  time: InstallTime;
  /** Whether a clerk has a parcel open right now (the parcel state lives in the database). */
  parcelOpen: () => boolean;
  /** Minutes since the last keyboard or mouse input on this machine. */
  idleMinutes: () => number;
  /** First check this long after start (the app has just opened: let it settle). */
  firstCheckMs?: number;
  /** Regular checks. */
  checkEveryMs?: number;
  /** A check that has not answered by then counts as failed (a server that hangs). */
  checkTimeoutMs?: number;
  /** A download that has not finished by then is cancelled and tried again later. */
  downloadTimeoutMs?: number;
  /** How often the install policy is looked at while the app runs. */
  tickEveryMs?: number;
  /** Retry delays after a failed check or download: exponential with jitter. */
  retryBaseMs?: number;
  retryCapMs?: number;
}

export interface UpdateStatus {
  state: UpdateState;
  failures: number;
  nextCheckAt: number | null;
  lastError: string | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Keeps the station up to date without ever interrupting a clerk: checks now and then, downloads
 * in the background, installs only when the policy says so (no parcel open; on quit or at the
 * supervisor's idle time), never a file that failed verification. A server that is down, slow or
 * hangs only makes it try again later, with growing delays, and nobody is bothered.
 */
export class UpdateService {
  private state: UpdateState = { phase: 'none' };
  private failures = 0;
  private lastError: string | null = null;
  private nextCheckAt: number | null = null;
  private checkTimer: NodeJS.Timeout | null = null;
  private tickTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private download: AbortController | null = null;
  private stopped = true;
  private readonly backoff: Backoff;
  private readonly listeners = new Set<(status: UpdateStatus) => void>();

  constructor(private readonly options: UpdateServiceOptions) {
    this.backoff = new Backoff(options.random, {
      baseMs: options.retryBaseMs ?? MINUTE,
      capMs: options.retryCapMs ?? 4 * HOUR,
    });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.scheduleCheck(this.options.firstCheckMs ?? MINUTE);
    const tickEvery = this.options.tickEveryMs ?? MINUTE;
    this.tickTimer = setInterval(() => this.tick(), tickEvery);
    this.tickTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.checkTimer) clearTimeout(this.checkTimer);
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.checkTimer = null;
    this.tickTimer = null;
    this.nextCheckAt = null;
    this.download?.abort();
    await this.running?.catch(() => {});
  }

  status(): UpdateStatus {
    return {
      state: this.state,
      failures: this.failures,
      nextCheckAt: this.nextCheckAt,
      lastError: this.lastError,
    };
  }

  onStatus(listener: (status: UpdateStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One check (and download, if something is offered) now; resolves when both are done. */
  checkNow(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.runCheck().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The periodic look: installs now if the policy allows it. */
  tick(): InstallDecision {
    const decision = this.decide('tick');
    if (decision.install) {
      this.options.logger.info('installing the downloaded update', {
        version: (this.state as { version: string }).version,
        reason: decision.reason,
      });
      this.options.updater.installNow();
    }
    return decision;
  }

  /** The app is quitting: tells the updater whether to install on the way out. */
  beforeQuit(): InstallDecision {
    const decision = this.decide('quit');
    this.options.updater.setInstallOnQuit(decision.install);
    if (this.state.phase === 'ready') {
      this.options.logger.info('update on quit', { install: decision.install, reason: decision.reason });
    }
    return decision;
  }

  private decide(moment: 'tick' | 'quit'): InstallDecision {
    return installDecision({
      update: this.state,
      parcelOpen: this.safely(() => this.options.parcelOpen(), true),
      idleMinutes: this.safely(() => this.options.idleMinutes(), 0),
      now: this.options.clock.now(),
      time: this.options.time,
      moment,
    });
  }

  /** A probe that throws must err on the side of not installing. */
  private safely<T>(probe: () => T, fallback: T): T {
    try {
      return probe();
    } catch {
      return fallback;
    }
  }

  private async runCheck(): Promise<void> {
    const { updater, logger } = this.options;
    if (this.state.phase === 'ready') return; // one verified download is enough until it is installed
    const previous = this.state;
    this.setState({ phase: 'checking' });
    let offered: { version: string } | null;
    try {
      offered = await withTimeout(updater.check(), this.options.checkTimeoutMs ?? MINUTE, 'update check');
    } catch (error) {
      this.setState(previous.phase === 'rejected' ? previous : { phase: 'none' });
      this.failed('update check failed; trying again later', error);
      return;
    }
    if (!offered) {
      this.setState(previous.phase === 'rejected' ? previous : { phase: 'none' });
      this.succeeded();
      return;
    }

    this.setState({ phase: 'downloading', version: offered.version });
    const controller = new AbortController();
    this.download = controller;
    const timeout = setTimeout(
      () => controller.abort(new Error('download timed out')),
      this.options.downloadTimeoutMs ?? 30 * MINUTE,
    );
    timeout.unref();
    try {
      await updater.download(controller.signal);
      this.setState({ phase: 'ready', version: offered.version, verified: true });
      logger.info('update downloaded and verified', { version: offered.version });
      this.succeeded();
    } catch (error) {
      if (isVerificationFailure(error)) {
        // Not installed, not retried at once: the next regular check downloads afresh and verifies again.
        this.setState({ phase: 'rejected', version: offered.version, reason: 'verification_failed' });
        logger.error('downloaded update failed verification; it will not be installed', {
          version: offered.version,
          error,
        });
        this.succeeded();
      } else {
        this.setState({ phase: 'none' });
        this.failed('update download failed; trying again later', error);
      }
    } finally {
      clearTimeout(timeout);
      this.download = null;
      // Whatever the outcome, quitting installs nothing until beforeQuit() has asked the policy.
      updater.setInstallOnQuit(false);
    }
  }

  private succeeded(): void {
    this.failures = 0;
    this.lastError = null;
    this.scheduleCheck(this.options.checkEveryMs ?? 4 * HOUR);
  }

  private failed(message: string, error: unknown): void {
    this.failures += 1;
    this.lastError = error instanceof Error ? error.message.slice(0, 300) : String(error);
    // Offline is normal in a warehouse: a warning in the log, nothing on screen.
    this.options.logger.warn(message, { failures: this.failures, error: this.lastError });
    this.scheduleCheck(this.backoff.delayMs(this.failures));
  }

  private scheduleCheck(delayMs: number): void {
    if (this.stopped) return;
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.nextCheckAt = this.options.clock.now() + delayMs;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      void this.checkNow();
    }, delayMs);
    this.checkTimer.unref();
    this.emit();
  }

  private setState(state: UpdateState): void {
    this.state = state;
    this.emit();
  }

  private emit(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
