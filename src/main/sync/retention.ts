import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { Logger } from '../logger';
import { DEFAULT_DELIVERED_RETENTION_DAYS, OutboxArchive } from '../outbox/outbox-archive';
import { DEFAULT_PENDING_TRACKING_DAYS, PendingTracking } from './pending-tracking';

export interface RetentionOptions {
  /** Delivered outbox events move to the archive (payload dropped) after this many days (30). */
  deliveredAfterDays?: number;
  /** Tracking updates nobody's parcel claimed are dropped after this many days (60). */
  pendingTrackingDays?: number;
  /** How often the station runs the step on its own, besides the daily sync (1 h). */
  everyMs?: number;
}

export interface RetentionResult {
  archived: number;
  pendingExpired: number;
}

/**
 * Housekeeping that keeps the station's hot tables small: run by every daily sync and, while the
 * station runs, on a timer. Each part works in small transactions through writeTransaction, so a
 * clerk's scan never waits long behind it, and a run already going is not started twice.
 */
export class Retention {
  readonly pendingTracking: PendingTracking;
  readonly archive: OutboxArchive;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetentionResult> | null = null;

  constructor(
    db: Db,
    clock: Clock,
    private readonly logger: Logger,
    private readonly options: RetentionOptions = {},
  ) {
    this.archive = new OutboxArchive(
      db,
      clock,
      options.deliveredAfterDays ?? DEFAULT_DELIVERED_RETENTION_DAYS,
    );
    this.pendingTracking = new PendingTracking(
      db,
      clock,
      options.pendingTrackingDays ?? DEFAULT_PENDING_TRACKING_DAYS,
    );
  }

  run(signal?: AbortSignal): Promise<RetentionResult> {
    this.running ??= this.runOnce(signal).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Runs the step every `everyMs` in the background (the timer never keeps the process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.run().catch((err: unknown) => this.logger.warn('retention step failed', { error: err }));
    }, this.options.everyMs ?? 3_600_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async runOnce(signal?: AbortSignal): Promise<RetentionResult> {
    const archived = await this.archive.archive(signal ? { signal } : {});
    const pendingExpired = await this.pendingTracking.expire(signal ? { signal } : {});
    return { archived, pendingExpired };
  }
}
