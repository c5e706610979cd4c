import { DailyBackups } from '../backup/backup-scheduler';
import type { Core } from '../core';
import type { Logger } from '../logger';
import type { PrintingService } from '../printing/printing-service';
import { attachStoredSync } from '../sync/attach-sync';

export interface BackgroundServicesOptions {
  /** Attach the stored sync configuration and deliver in the background (false: attach only). */
  syncTrickle: boolean;
  /** Take the daily backup while the station runs. */
  dailyBackups: boolean;
  /** Drain the print queue to the configured printers. */
  printing: boolean;
  logger: Logger;
  /** Tests shorten the first look for a due backup. */
  firstBackupCheckMs?: number;
}

export interface BackgroundServices {
  /** Why the stored sync configuration was not used (nothing is delivered), or null. */
  readonly syncConfigError: string | null;
  printing(): PrintingService | null;
  /** Stops backups and printing; the sync engine stops with core.close(). */
  stop(): Promise<void>;
}

/**
 * What a running station does besides answering calls: delivering the outbox, the daily backup,
 * printing queued labels. The same for the desktop app's core process and for `lastmile station`
 * serving in-process, so both run one station the same way.
 */
export async function startBackgroundServices(
  core: Core,
  options: BackgroundServicesOptions,
): Promise<BackgroundServices> {
  const { logger } = options;
  const { configError } = attachStoredSync(core, { startTrickle: options.syncTrickle });
  if (configError)
    logger.warn('stored sync configuration is unusable; nothing is delivered', { configError });

  const backups = options.dailyBackups
    ? new DailyBackups({
        db: core.db,
        dataDir: core.dataDir,
        clock: core.clock,
        logger,
        nativeBinding: core.nativeBinding,
        ...(options.firstBackupCheckMs !== undefined ? { firstCheckMs: options.firstBackupCheckMs } : {}),
      })
    : null;
  backups?.start();

  let printing: PrintingService | null = null;
  try {
    if (options.printing && hasPrinters(core)) {
      // Loaded only where printers are configured: the renderers and fonts take seconds to load.
      const { PrintingService: Service } = await import('../printing/printing-service');
      printing = new Service({
        db: core.db,
        clock: core.clock,
        random: core.random,
        newId: core.newId,
        logger,
      });
      printing.start();
    }
  } catch (error) {
    await backups?.stop();
    throw error;
  }

  return {
    syncConfigError: configError,
    printing: () => printing,
    async stop() {
      await Promise.all([backups?.stop(), printing?.stop()]);
    },
  };
}

function hasPrinters(core: Core): boolean {
  return core.db.prepare('SELECT 1 FROM printer_profiles LIMIT 1').get() !== undefined;
}
