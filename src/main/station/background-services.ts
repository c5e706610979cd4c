import { DailyBackups } from '../backup/backup-scheduler';
import type { Core } from '../core';
import type { Logger } from '../logger';
import { attachStoredSync, syncOffLine } from '../sync/attach-sync';

export interface BackgroundServicesOptions {
  /** Attach the stored sync configuration and deliver in the background (false: attach only). */
  syncTrickle: boolean;
  /** Take the daily backup while the station runs. */
  dailyBackups: boolean;
  /** Wait until label layout is ready (the print worker starts with the core). */
  printing: boolean;
  logger: Logger;
  /** Tests shorten the first look for a due backup. */
  firstBackupCheckMs?: number;
}

export interface BackgroundServices {
  /** Why the stored sync configuration was not used (nothing is delivered), or null. */
  readonly syncConfigError: string | null;
  /** Stops backups; the sync engine and the print worker stop with core.close(). */
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
  const { configError } = attachStoredSync(core, {
    startTrickle: options.syncTrickle,
    withSecrets: await core.credentials.syncConfigFiller(),
  });
  // The Sync screen shows the same reason; scanning goes on.
  if (configError) logger.warn(syncOffLine(configError));
  const reattach = credentialReattach(core, options);
  const stopWatching = core.credentials.onChange((account) => reattach.request(account));

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

  try {
    // Labels are fitted inside a clerk's transaction, synchronously: the shaper must be loaded
    // before the first call is served. The worker itself started with the core.
    if (options.printing) await core.printing.ready();
  } catch (error) {
    await backups?.stop();
    throw error;
  }

  return {
    syncConfigError: configError,
    async stop() {
      stopWatching();
      await reattach.settled();
      await backups?.stop();
    },
  };
}

/**
 * New secrets for an account (typed by the admin, or a refreshed token saved as one) reach the
 * running engine without a restart: sync is built again from the stored configuration with the
 * secrets now in the store. A daily sync in progress finishes with the old ones first; changes
 * that arrive meanwhile are folded into one rebuild.
 */
function credentialReattach(core: Core, options: BackgroundServicesOptions) {
  let queue: Promise<void> = Promise.resolve();
  let pending = false;
  const rebuild = async (): Promise<void> => {
    pending = false;
    const old = core.sync;
    await old?.whenIdle?.();
    await old?.close();
    const { configError } = attachStoredSync(core, {
      startTrickle: options.syncTrickle,
      withSecrets: await core.credentials.syncConfigFiller(),
    });
    if (configError) options.logger.warn(syncOffLine(configError));
    else options.logger.info('sync rebuilt with the new credentials');
  };
  return {
    request(account: string): void {
      options.logger.info('carrier credentials changed; rebuilding sync', { account });
      if (pending) return;
      pending = true;
      queue = queue.then(rebuild).catch((err: unknown) => {
        options.logger.error('sync could not be rebuilt with the new credentials', { error: err });
      });
    },
    settled: () => queue,
  };
}
