import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Random } from '../random';
import { parseInstallAt, type InstallTime } from '../updates/update-policy';
import { UpdateService } from '../updates/update-service';
import type { UpdaterLike } from '../updates/updater-like';
import type { DesktopConfig } from './desktop-config';
import type { UpdateFeed } from './electron-updater-adapter';

export interface DesktopUpdatesOptions {
  config: DesktopConfig['updates'];
  clock: Clock;
  random: Random;
  logger: Logger;
  parcelOpen: () => boolean;
  idleMinutes: () => number;
  /** Builds the updater for the feed; null when this installation cannot update itself. */
  createUpdater: (feed: UpdateFeed) => UpdaterLike | null;
  utcOffsetMinutes?: number;
}

/** The install time of the administrator's configuration, as the policy reads it. */
export function installTimeOf(config: DesktopConfig['updates'], utcOffsetMinutes: number): InstallTime {
  return {
    at: config.installAt === null ? null : parseInstallAt(config.installAt),
    windowMinutes: config.installWindowMinutes,
    minIdleMinutes: config.minIdleMinutes,
    utcOffsetMinutes,
  };
}

/** Starts the update service if an administrator set an update URL and this copy can update itself. */
export function startDesktopUpdates(options: DesktopUpdatesOptions): UpdateService | null {
  const { config, logger } = options;
  if (config.url === null) {
    logger.info('updates are off: no update URL in the desktop configuration');
    return null;
  }
  const updater = options.createUpdater({ url: config.url, channel: config.channel });
  if (!updater) {
    logger.info('updates are off: this installation cannot update itself (unpacked or development build)');
    return null;
  }
  const service = new UpdateService({
    updater,
    clock: options.clock,
    random: options.random,
    logger,
    time: installTimeOf(config, options.utcOffsetMinutes ?? -new Date().getTimezoneOffset()),
    parcelOpen: options.parcelOpen,
    idleMinutes: options.idleMinutes,
    checkEveryMs: config.checkEveryHours * 3_600_000,
  });
  service.start();
  return service;
}
