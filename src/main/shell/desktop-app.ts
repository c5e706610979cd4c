import {
  app,
  dialog,
  ipcMain,
  MessageChannelMain,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
  type BrowserWindow,
} from 'electron';
// The Node flavour: the main flavour would register an unchecked IPC channel for renderer logs.
import electronLog from 'electron-log/node';
import path from 'node:path';
import { CORE_STATUS_CHANNEL, type CoreStatusView } from '../../shared/core-status';
import type { Dispatch } from '../api/dispatch';
import { systemClock, type Clock } from '../clock';
import {
  CoreStartError,
  CoreSupervisor,
  type CoreStatus,
  type CoreSupervisorOptions,
} from '../core-host/core-supervisor';
import { holdSharedDataDirLock, type DataDirLock } from '../db/data-dir-lock';
import { consoleLogger, type Logger } from '../logger';
import { cryptoRandom } from '../random';
import { onceCipher } from '../credentials/cipher-source';
import type { SecretCipher } from '../secrets/secret-cipher';
import { ParcelOpenProbe } from '../updates/parcel-open-probe';
import type { UpdateService } from '../updates/update-service';
import type { UpdaterLike } from '../updates/updater-like';
import { APP_ENTRY_URL, resolveAppOrigin } from './app-origin';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { showCoreFailureDialog } from './core-failure-dialog';
import { utilityHostSpawner } from './core-process';
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

/** The built core host, beside the main bundle (electron.vite.config.ts builds it). */
export const CORE_HOST_BUNDLE = 'core-host.js';

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
  /** The core host's entry; default out/main/core-host.js beside the main bundle. */
  coreHostEntry?: string;
  /** Restart, heartbeat and call limits of the core process (tests shorten them). */
  core?: Pick<CoreSupervisorOptions, 'restart' | 'heartbeat' | 'client' | 'startTimeoutMs' | 'stopTimeoutMs'>;
  /** How often the updater asks the core whether a parcel is open. */
  parcelProbeEveryMs?: number;
}

export interface DesktopApp {
  /** Settles once start-up has finished, successfully or with the error dialog shown. */
  readonly ready: Promise<void>;
  /** The core process, as the main process drives it; null before start-up and after quit. */
  core(): CoreSupervisor | null;
  /** The contract as the windows reach it (through the core process). */
  dispatch(): Dispatch | null;
  window(): BrowserWindow | null;
  updates(): UpdateService | null;
  config(): DesktopConfig | null;
  /** The OS secret store (safeStorage, async API), for the capabilities that keep credentials. */
  secrets(): Promise<SecretCipher>;
}

/**
 * The Electron main process. It never touches the station database on its own thread: the core
 * (SQLite, the sync engine, the print worker, the daily backups) runs in a utility process,
 * reached through the contract over a MessagePort; a crash of that process is shown to the clerk
 * and the core restarted. The main process keeps what needs Electron: the window confined to the
 * app's own page (reloaded if its renderer crashes), one contract handler per call guarded by
 * the sender frame and relayed to the core, the database check with its recovery dialog before
 * the first start, background updates that install only when no parcel is open, the data-folder
 * lock for its whole run (also while the core restarts).
 */
export function startDesktopApp(options: DesktopAppOptions): DesktopApp {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const appOrigin = resolveAppOrigin({ isPackaged: app.isPackaged, rendererUrl: env.ELECTRON_RENDERER_URL });
  registerAppScheme(protocol);
  // Until the data folder is known, lines go to the console in the same format.
  let logger: Logger = options.logger ?? consoleLogger;

  let supervisor: CoreSupervisor | null = null;
  let win: BrowserWindow | null = null;
  let config: DesktopConfig | null = null;
  let dirLock: DataDirLock | null = null;
  let updates: UpdateService | null = null;
  let probe: ParcelOpenProbe | null = null;
  let unregisterHandlers: (() => void) | null = null;
  // safeStorage exists only here: the core process asks for every seal and unseal (`secret`).
  const secrets = onceCipher(async () => {
    const cipher = await createSafeStorageCipher(safeStorage, process.platform);
    if (cipher.weak) {
      logger.warn(
        'no OS keyring answered: safeStorage would keep carrier secrets with a key built into the app (basic_text); they are stored only after an administrator confirms in Settings',
        { backend: cipher.backend },
      );
    }
    return cipher;
  });
  let quitReady = false;
  let quitting: Promise<void> | null = null;
  const none: DesktopApp = {
    ready: Promise.resolve(),
    core: () => null,
    dispatch: () => null,
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

  /** Everything the main process started, stopped in order: handlers, updates, the core, the lock. */
  const shutDown = async (): Promise<void> => {
    unregisterHandlers?.();
    unregisterHandlers = null;
    probe?.stop();
    await updates?.stop();
    const core = supervisor;
    supervisor = null;
    await core?.stop();
    dirLock?.release();
    dirLock = null;
  };

  app.on('before-quit', (event) => {
    if (quitReady) return;
    // Hold the quit until the update decision is taken and the core has closed the database.
    event.preventDefault();
    quitting ??= (async () => {
      // Decided with a fresh answer from the core; electron-updater installs on 'quit'.
      if (updates && probe) await withTimeout(probe.refresh(), 3000);
      updates?.beforeQuit();
      await shutDown();
    })()
      .catch((error: unknown) => logger.error('shutting down failed', { error }))
      .finally(() => {
        quitReady = true;
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
      // The core process holds the lock too; this one also covers the seconds between a crash and
      // the restart, so a restore can never swap the database under a running app.
      dirLock = holdSharedDataDirLock(dataDir, { nativeBinding });
      const core = new CoreSupervisor({
        spawner: utilityHostSpawner(
          { utilityProcess, MessageChannelMain },
          { entry: options.coreHostEntry ?? path.join(options.mainDir, CORE_HOST_BUNDLE), logger },
        ),
        init: {
          dataDir,
          ...(nativeBinding ? { nativeBinding } : {}),
          services: { syncTrickle: true, dailyBackups: true, printing: true },
          secrets: 'shell',
        },
        logger,
        secrets,
        ...options.core,
      });
      supervisor = core;
      let started = false;
      core.onStatus((status) => {
        pushCoreStatus(win, status);
        // A first start that fails is the start-up error dialog's; later failures are a crash loop.
        if (status.state === 'failed' && started && core === supervisor) {
          void handleCoreFailure(core, status, { dataDir, nativeBinding });
        }
      });
      await core.start();
      started = true;
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
      probe = new ParcelOpenProbe({
        dispatch: core.dispatch,
        logger,
        ...(options.parcelProbeEveryMs !== undefined ? { refreshEveryMs: options.parcelProbeEveryMs } : {}),
      });
      updates = startDesktopUpdates({
        config: config.updates,
        clock,
        random: cryptoRandom,
        logger,
        parcelOpen: probe.isOpen,
        idleMinutes: () => powerMonitor.getSystemIdleTime() / 60,
        createUpdater: (feed) => (options.createUpdater ?? platformUpdater)(feed, logger),
      });
      if (updates) probe.start();
    } catch (err) {
      void shutDown();
      const shown = err instanceof CoreStartError ? (err.appError() ?? new Error(err.message)) : err;
      showStartupErrorAndQuit(shown, { app, dialog }, logger);
    }
  });

  /** The core kept crashing: the operator decides (start again, restore a backup, quit). */
  async function handleCoreFailure(
    core: CoreSupervisor,
    status: Extract<CoreStatus, { state: 'failed' }>,
    where: { dataDir: string; nativeBinding: string | undefined },
  ): Promise<void> {
    const choice = await showCoreFailureDialog({
      ...where,
      clock,
      logger,
      dialog,
      shell,
      reason: status.error ? `${status.error.code} ${JSON.stringify(status.error.params)}` : status.message,
      // The restore needs the folder to itself: the core is down; this process lets go of its lock.
      aroundRestore: async (restore) => {
        dirLock?.release();
        dirLock = null;
        try {
          await restore();
        } finally {
          dirLock = holdSharedDataDirLock(where.dataDir, { nativeBinding: where.nativeBinding });
        }
      },
    });
    if (core !== supervisor) return;
    if (choice === 'restart') core.restartNow();
    else app.quit();
  }

  return {
    ready,
    core: () => supervisor,
    dispatch: () => supervisor?.dispatch ?? null,
    window: () => win,
    updates: () => updates,
    config: () => config,
    secrets,
  };
}

/** Tells the page how the core is doing, so it shows (or hides) the "restarting" banner at once. */
function pushCoreStatus(win: BrowserWindow | null, status: CoreStatus): void {
  if (!win || win.isDestroyed()) return;
  const view: CoreStatusView | null =
    status.state === 'running'
      ? { state: 'running' }
      : status.state === 'restarting'
        ? { state: 'restarting', attempt: status.attempt }
        : status.state === 'failed' || status.state === 'stopped'
          ? { state: 'stopped' }
          : null;
  if (view) win.webContents.send(CORE_STATUS_CHANNEL, view);
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise
      .catch(() => {})
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}

function platformUpdater(feed: UpdateFeed, logger: Logger): UpdaterLike | null {
  const updater = createPlatformUpdater(process.platform, process.env, process.resourcesPath);
  if (!updater) return null;
  configureUpdater(updater, feed, logger);
  return electronUpdaterAdapter(updater);
}
