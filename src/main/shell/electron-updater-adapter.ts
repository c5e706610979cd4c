import { CancellationToken, type AppUpdater } from 'electron-updater';
import type { Logger } from '../logger';
import type { UpdaterLike } from '../updates/updater-like';

export type UpdateChannel = 'stable' | 'beta';

export interface UpdateFeed {
  /** The warehouse's own update folder (https), holding latest*.yml / beta*.yml and the installers. */
  url: string;
  channel: UpdateChannel;
}

/** electron-updater's channel file names: stable is its default "latest". */
export function channelFileName(channel: UpdateChannel): string {
  return channel === 'beta' ? 'beta' : 'latest';
}

/**
 * Points an electron-updater instance at the warehouse's generic update folder and takes the
 * decisions away from it: nothing downloads or installs on its own (the UpdateService decides),
 * no downgrade, and the staged rollout (`stagingPercentage` in the channel file) is left to
 * electron-updater, which buckets this station by the id it keeps in userData/.updaterId.
 */
export function configureUpdater(updater: AppUpdater, feed: UpdateFeed, logger: Logger): void {
  updater.setFeedURL({ provider: 'generic', url: feed.url, channel: channelFileName(feed.channel) });
  updater.autoDownload = false;
  // electron-updater only hooks its install-on-quit if this is on when a download completes; the
  // service switches it off again at once and decides at each quit.
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;
  updater.allowPrerelease = feed.channel === 'beta';
  updater.disableWebInstaller = true;
  updater.logger = {
    info: (message?: unknown) => logger.info('updater', { message: String(message) }),
    warn: (message?: unknown) => logger.warn('updater', { message: String(message) }),
    error: (message?: unknown) => logger.error('updater', { message: String(message) }),
  };
  // The service reports failures itself; without a listener an 'error' event would throw.
  updater.on('error', () => {});
}

/** The UpdaterLike the UpdateService drives, over an electron-updater instance. */
export function electronUpdaterAdapter(updater: AppUpdater): UpdaterLike {
  return {
    async check() {
      const result = await updater.checkForUpdates();
      if (!result || !result.isUpdateAvailable) return null;
      return { version: result.updateInfo.version };
    },
    async download(signal) {
      const token = new CancellationToken();
      const cancel = (): void => token.cancel();
      if (signal.aborted) cancel();
      signal.addEventListener('abort', cancel, { once: true });
      try {
        // Resolves only after electron-updater checked the file's sha512 against the channel file.
        await updater.downloadUpdate(token);
      } finally {
        signal.removeEventListener('abort', cancel);
        token.dispose();
      }
    },
    installNow() {
      updater.quitAndInstall(true, true);
    },
    setInstallOnQuit(install) {
      updater.autoInstallOnAppQuit = install;
    },
  };
}
