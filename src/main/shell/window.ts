import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import type { Logger } from '../logger';
import type { AppOrigin } from './app-origin';

/** Sized for the 1366×768 station screens the warehouses use. */
export const WINDOW_SIZE = { width: 1366, height: 768 } as const;

export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    ...WINDOW_SIZE,
    ...(iconPath ? { icon: iconPath } : {}),
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'LastMile Desk',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Opens the app's one window on its own page; it can neither leave that origin nor open others. */
export function createMainWindow(
  preloadPath: string,
  appOrigin: AppOrigin,
  logger: Logger,
  iconPath?: string,
): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath, iconPath));
  confineToAppOrigin(win.webContents, appOrigin, logger);
  win.once('ready-to-show', () => win.show());
  win.loadURL(appOrigin.entryUrl).catch((error: unknown) => {
    logger.error('renderer failed to load', { url: appOrigin.entryUrl, error });
  });
  return win;
}

/**
 * A page that navigated elsewhere would keep the preload's bridge to the core, so navigation to any
 * other origin is stopped, and new windows (window.open, target=_blank) are never created.
 */
export function confineToAppOrigin(contents: WebContents, appOrigin: AppOrigin, logger: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn('window.open denied', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
  // Sub-frames need no guard of their own: the CSP's default-src 'self' keeps other origins out of frames.
  const guard = (event: { url: string; preventDefault(): void }): void => {
    if (appOrigin.isTrusted(event.url)) return;
    event.preventDefault();
    logger.warn('navigation blocked', { url: event.url.slice(0, 200) });
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
}
