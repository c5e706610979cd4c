import { app, dialog, ipcMain, protocol, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { createCore, type Core } from '../core';
import { attachStoredSync, syncOffLine } from '../sync/attach-sync';
import { consoleLogger, type Logger } from '../logger';
import { APP_ENTRY_URL, resolveAppOrigin } from './app-origin';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { registerContractHandlers } from './ipc';
import { electronNativeBinding } from './native-binding';
import { denyPermissionRequests } from './session-policy';
import { showStartupErrorAndQuit } from './startup-dialog';
import { createMainWindow } from './window';

export interface DesktopAppOptions {
  /** Folder of the built main bundle (out/main); the preload and renderer builds sit beside it. */
  mainDir: string;
  env?: NodeJS.ProcessEnv;
  /** process.versions.electron; absent under plain Node (the tests). */
  electronVersion?: string | undefined;
  logger?: Logger;
}

export interface DesktopApp {
  /** Settles once start-up has finished, successfully or with the error dialog shown. */
  readonly ready: Promise<void>;
  core(): Core | null;
  window(): BrowserWindow | null;
}

/**
 * The Electron main process: one core on the user's data folder, one contract handler per call
 * guarded by the sender's origin, one window confined to the app's own page, the core closed
 * before the process ends.
 */
export function startDesktopApp(options: DesktopAppOptions): DesktopApp {
  const logger = options.logger ?? consoleLogger;
  const env = options.env ?? process.env;
  const appOrigin = resolveAppOrigin({ isPackaged: app.isPackaged, rendererUrl: env.ELECTRON_RENDERER_URL });
  registerAppScheme(protocol);

  let core: Core | null = null;
  let win: BrowserWindow | null = null;
  let unregisterHandlers: (() => void) | null = null;

  // A second copy would open a second window on the same database; hand over to the first instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve(), core: () => null, window: () => null };
  }
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!core) return;
    // Hold the quit until the database is closed (WAL checkpoint), then quit again.
    event.preventDefault();
    const closing = core;
    core = null;
    unregisterHandlers?.();
    unregisterHandlers = null;
    closing
      .close()
      .catch((error: unknown) => logger.error('closing the core failed', { error }))
      .finally(() => app.quit());
  });

  const ready = app.whenReady().then(() => {
    try {
      const nativeBinding = electronNativeBinding({
        electronVersion: options.electronVersion,
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
      });
      core = createCore({
        dataDir: app.getPath('userData'),
        logger,
        ...(nativeBinding ? { nativeBinding } : {}),
      });
      const { configError } = attachStoredSync(core, { startTrickle: true });
      // The Sync screen shows the same reason; scanning goes on.
      if (configError) logger.warn(syncOffLine(configError));
      denyPermissionRequests(session.defaultSession);
      if (appOrigin.entryUrl === APP_ENTRY_URL) {
        installAppProtocol(protocol, path.join(options.mainDir, '..', 'renderer'));
      }
      unregisterHandlers = registerContractHandlers(ipcMain, core.dispatch, appOrigin, logger);
      win = createMainWindow(
        path.join(options.mainDir, '..', 'preload', 'index.js'),
        appOrigin,
        logger,
        // out/main → the package's resources/ folder (shipped alongside out/ when packaged).
        path.join(options.mainDir, '..', '..', 'resources', 'icon.png'),
      );
      win.on('closed', () => {
        win = null;
      });
    } catch (err) {
      unregisterHandlers?.();
      unregisterHandlers = null;
      const opened = core;
      core = null;
      void opened?.close();
      showStartupErrorAndQuit(err, { app, dialog }, logger);
    }
  });

  return { ready, core: () => core, window: () => win };
}
