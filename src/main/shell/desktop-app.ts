import {
  app,
  dialog,
  ipcMain,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  type BrowserWindow,
} from 'electron';
// The Node flavour: the main flavour would register an unchecked IPC channel for renderer logs.
import electronLog from 'electron-log/node';
import path from 'node:path';
import { DailyBackups } from '../backup/backup-scheduler';
import { systemClock, type Clock } from '../clock';
import { createCore, type Core } from '../core';
import { holdSharedDataDirLock, type DataDirLock } from '../db/data-dir-lock';
import { consoleLogger, type Logger } from '../logger';
import { cryptoRandom } from '../random';
import type { SecretCipher } from '../secrets/secret-cipher';
import { attachStoredSync, syncOffLine } from '../sync/attach-sync';
import { recentScanParcelOpen } from '../updates/parcel-activity';
import type { UpdateService } from '../updates/update-service';
import type { UpdaterLike } from '../updates/updater-like';
import { APP_ENTRY_URL, resolveAppOrigin } from './app-origin';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { loadDesktopConfig, type DesktopConfig } from './desktop-config';
import { startDesktopUpdates } from './desktop-updates';
import { configureUpdater, electronUpdaterAdapter, type UpdateFeed } from './electron-updater-adapter';
import { electronLogLogger } from './electron-log-logger';
import { registerContractHandlers } from './ipc';
import { electronNativeBinding } from './native-binding';
import { createPlatformUpdater } from './platform-updater';
import { ensureHealthyDatabase } from './recovery-dialog';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { applySessionPolicy } from './session-policy';
import { showStartupErrorAndQuit } from './startup-dialog';
import { createMainWindow, hardenWebContents } from './window';

export interface DesktopAppOptions {
  /** Folder of the built main bundle (out/main); the preload and renderer builds sit beside it. */
  mainDir: string;
  env?: NodeJS.ProcessEnv;
  /** process.versions.electron; absent under plain Node (the tests). */
  electronVersion?: string | undefined;
  /** Default: electron-log, writing logs/main.log in the data folder. */
  logger?: Logger;
  clock?: Clock;
  /** Default: electron-updater for the platform; tests pass a stand-in. */
  createUpdater?: (feed: UpdateFeed, logger: Logger) => UpdaterLike | null;
  /** Whether a clerk has a parcel open; default: a scan in the last ten minutes. */
  parcelOpen?: (core: Core) => () => boolean;
}

export interface DesktopApp {
  /** Settles once start-up has finished, successfully or with the error dialog shown. */
  readonly ready: Promise<void>;
  core(): Core | null;
  window(): BrowserWindow | null;
  updates(): UpdateService | null;
  config(): DesktopConfig | null;
  /** The OS secret store (safeStorage, async API), for the capabilities that keep credentials. */
  secrets(): Promise<SecretCipher>;
}

/**
 * The Electron main process: one core on the user's data folder (checked first, recovered from a
 * backup if damaged), one contract handler per call guarded by the sender frame, one window
 * confined to the app's own page and reloaded if its renderer crashes, daily backups, background
 * updates that install only when no parcel is open, the core closed before the process ends.
 */
export function startDesktopApp(options: DesktopAppOptions): DesktopApp {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const appOrigin = resolveAppOrigin({ isPackaged: app.isPackaged, rendererUrl: env.ELECTRON_RENDERER_URL });
  registerAppScheme(protocol);
  // Until the data folder is known, lines go to the console in the same format.
  let logger: Logger = options.logger ?? consoleLogger;

  let core: Core | null = null;
  let win: BrowserWindow | null = null;
  let config: DesktopConfig | null = null;
  let dirLock: DataDirLock | null = null;
  let backups: DailyBackups | null = null;
  let updates: UpdateService | null = null;
  let unregisterHandlers: (() => void) | null = null;
  let secrets: Promise<SecretCipher> | null = null;
  const none: DesktopApp = {
    ready: Promise.resolve(),
    core: () => null,
    window: () => null,
    updates: () => null,
    config: () => null,
    secrets: () => Promise.reject(new Error('not running')),
  };

  // A second copy would open a second window on the same database; hand over to the first instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return none;
  }
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  const openExternal = (url: string): Promise<void> => shell.openExternal(url);
  // Every web contents, not only the main window's (defence in depth: nothing else should exist).
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      appOrigin,
      logger,
      externalLinks: config?.externalLinks ?? { allowedHosts: [] },
      openExternal,
    });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    // Decided now, while the parcel state can still be read; electron-updater installs on 'quit'.
    updates?.beforeQuit();
    if (!core) return;
    // Hold the quit until the database is closed (WAL checkpoint), then quit again.
    event.preventDefault();
    const closing = core;
    core = null;
    unregisterHandlers?.();
    unregisterHandlers = null;
    const stopping = Promise.all([backups?.stop(), updates?.stop()]);
    stopping
      .then(() => closing.close())
      .catch((error: unknown) => logger.error('closing the core failed', { error }))
      .finally(() => {
        dirLock?.release();
        dirLock = null;
        app.quit();
      });
  });

  const ready = app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    if (!options.logger) {
      logger = electronLogLogger(electronLog, { dir: path.join(dataDir, 'logs'), console: !app.isPackaged });
    }
    try {
      const loaded = loadDesktopConfig(dataDir);
      config = loaded.config;
      if (loaded.problem)
        logger.warn('desktop configuration ignored; using safe defaults', { problem: loaded.problem });
      applySessionPolicy(session.defaultSession, appOrigin, logger);
      const nativeBinding = electronNativeBinding({
        electronVersion: options.electronVersion,
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
      });
      const health = await ensureHealthyDatabase({ dataDir, nativeBinding, clock, logger, dialog, shell });
      if (health === 'quit') {
        app.exit(1);
        return;
      }
      dirLock = holdSharedDataDirLock(dataDir, { nativeBinding });
      core = createCore({
        dataDir,
        clock,
        logger,
        ...(nativeBinding ? { nativeBinding } : {}),
      });
      const { configError } = attachStoredSync(core, { startTrickle: true });
      // The Sync screen shows the same reason; scanning goes on.
      if (configError) logger.warn(syncOffLine(configError));
      backups = new DailyBackups({ db: core.db, dataDir, clock, logger, nativeBinding });
      backups.start();
      if (appOrigin.entryUrl === APP_ENTRY_URL) {
        installAppProtocol(protocol, path.join(options.mainDir, '..', 'renderer'));
      }
      unregisterHandlers = registerContractHandlers(ipcMain, core.dispatch, appOrigin, logger);
      win = createMainWindow({
        preloadPath: path.join(options.mainDir, '..', 'preload', 'index.js'),
        appOrigin,
        logger,
        clock,
        // out/main → the package's resources/ folder (shipped alongside out/ when packaged).
        iconPath: path.join(options.mainDir, '..', '..', 'resources', 'icon.png'),
        externalLinks: config.externalLinks,
        openExternal,
        onRendererGaveUp: () => {
          dialog.showErrorBox(
            'LastMile Desk stopped',
            'The screen crashed several times in a row. Everything you recorded is saved; start the app again.',
          );
          app.quit();
        },
      });
      win.on('closed', () => {
        win = null;
      });
      const running = core;
      updates = startDesktopUpdates({
        config: config.updates,
        clock,
        random: cryptoRandom,
        logger,
        parcelOpen: (options.parcelOpen ?? ((c: Core) => recentScanParcelOpen(c.db, clock)))(running),
        idleMinutes: () => powerMonitor.getSystemIdleTime() / 60,
        createUpdater: (feed) => (options.createUpdater ?? platformUpdater)(feed, logger),
      });
    } catch (err) {
      unregisterHandlers?.();
      unregisterHandlers = null;
      const opened = core;
      const lock = dirLock;
      core = null;
      dirLock = null;
      void Promise.all([backups?.stop(), updates?.stop()])
        .then(() => opened?.close())
        .finally(() => lock?.release());
      showStartupErrorAndQuit(err, { app, dialog }, logger);
    }
  });

  return {
    ready,
    core: () => core,
    window: () => win,
    updates: () => updates,
    config: () => config,
    secrets: () => {
      secrets ??= createSafeStorageCipher(safeStorage, process.platform);
      return secrets;
    },
  };
}

function platformUpdater(feed: UpdateFeed, logger: Logger): UpdaterLike | null {
  const updater = createPlatformUpdater(process.platform, process.env, process.resourcesPath);
  if (!updater) return null;
  configureUpdater(updater, feed, logger);
  return electronUpdaterAdapter(updater);
}
