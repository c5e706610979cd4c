import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { Logger } from '../logger';
import { createBackup, type BackupResult, type CopyDatabase } from './backup';
import { BACKUP_DIR, DEFAULT_RETENTION, listBackups, type RetentionPolicy } from './backup-files';
import path from 'node:path';

export interface DailyBackupsOptions {
  db: Db;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  retention?: RetentionPolicy;
  nativeBinding?: string | undefined;
  /** How often to look whether a backup is due. */
  checkEveryMs?: number;
  /** First look this long after start, so opening the app is not slowed down. */
  firstCheckMs?: number;
  copy?: CopyDatabase;
}

const HOUR = 3_600_000;
export const DAILY_BACKUP_EVERY_MS = 24 * HOUR;

/** Whether the newest daily backup (if any) is a day old. Pure, for the scheduler and its tests. */
export function dailyBackupDue(lastDailyAt: number | null, now: number): boolean {
  if (lastDailyAt === null) return true;
  // A clock that jumped back makes the last backup look as if from the future: take one now.
  return now - lastDailyAt >= DAILY_BACKUP_EVERY_MS || lastDailyAt > now + HOUR;
}

/**
 * Takes the daily backup while the station runs: looks every hour, backs up when the newest daily
 * backup is a day old. A failed backup (disk full) is logged as an error and tried again at the
 * next look; it never disturbs the clerks.
 */
export class DailyBackups {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<BackupResult | null> | null = null;

  constructor(private readonly options: DailyBackupsOptions) {}

  start(): void {
    if (this.timer) return;
    const loop = (delay: number): void => {
      this.timer = setTimeout(() => {
        void this.runIfDue().finally(() => {
          if (this.timer) loop(this.options.checkEveryMs ?? HOUR);
        });
      }, delay);
      this.timer.unref();
    };
    loop(this.options.firstCheckMs ?? 2 * 60_000);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => null);
  }

  runIfDue(): Promise<BackupResult | null> {
    if (this.running) return this.running;
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<BackupResult | null> {
    const { dataDir, clock, logger } = this.options;
    const last = listBackups(path.join(dataDir, BACKUP_DIR)).find((b) => b.kind === 'daily') ?? null;
    if (!dailyBackupDue(last?.takenAt ?? null, clock.now())) return null;
    try {
      const result = await createBackup(this.options.db, {
        dataDir,
        clock,
        kind: 'daily',
        retention: this.options.retention ?? DEFAULT_RETENTION,
        nativeBinding: this.options.nativeBinding,
        ...(this.options.copy ? { copy: this.options.copy } : {}),
      });
      logger.info('daily backup written', {
        file: result.file,
        bytes: result.bytes,
        pruned: result.pruned.length,
      });
      return result;
    } catch (error) {
      logger.error('daily backup failed', { error });
      return null;
    }
  }
}
