import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  type RenderProcessGoneDetails,
  type WebContents,
} from 'electron';
import { systemClock, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { AppOrigin } from './app-origin';
import type { ExternalLinkPolicy } from './external-links';
import { navigationVerdict, type NavigationKind } from './navigation-policy';
import { rendererCrashAction, type CrashHistory } from './renderer-crash-policy';
import { secureWebPreferences, webPreferencesProblems } from './web-preferences';

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
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  appOrigin: AppOrigin;
  logger: Logger;
  clock?: Clock;
  iconPath?: string;
  /** Links that may open in the system browser; none by default. */
  externalLinks?: ExternalLinkPolicy;
  /** Hands a validated URL to the system browser (Electron's shell.openExternal). */
  openExternal?: (url: string) => Promise<void>;
  /** Called when the page crashed too often to reload it again. */
  onRendererGaveUp?: (details: RenderProcessGoneDetails) => void;
}

const NO_LINKS: ExternalLinkPolicy = { allowedHosts: [] };

/** Opens the app's one window on its own page; it can neither leave that origin nor open others. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const windowOptions = mainWindowOptions(options.preloadPath, options.iconPath);
  const problems = webPreferencesProblems(windowOptions.webPreferences ?? {});
  if (problems.length > 0) throw new Error(`refusing an insecure window: ${problems.join('; ')}`);
  const win = new BrowserWindow(windowOptions);
  hardenWebContents(win.webContents, {
    appOrigin: options.appOrigin,
    logger: options.logger,
    externalLinks: options.externalLinks ?? NO_LINKS,
    openExternal: options.openExternal ?? (() => Promise.resolve()),
  });
  reloadAfterRendererCrash(win, options);
  win.once('ready-to-show', () => win.show());
  load(win, options);
  return win;
}

function load(win: BrowserWindow, options: Pick<MainWindowOptions, 'appOrigin' | 'logger'>): void {
  win.loadURL(options.appOrigin.entryUrl).catch((error: unknown) => {
    options.logger.error('renderer failed to load', { url: options.appOrigin.entryUrl, error });
  });
}

/**
 * A crashed or killed page is loaded again: what the clerk was doing (the open parcel, the scans)
 * lives in the database, and the new page reads it back through the contract. A page that keeps
 * crashing is not reloaded in a loop.
 */
function reloadAfterRendererCrash(win: BrowserWindow, options: MainWindowOptions): void {
  let history: CrashHistory = [];
  win.webContents.on('render-process-gone', (_event, details) => {
    const decision = rendererCrashAction(history, (options.clock ?? systemClock).now(), details.reason);
    history = decision.history;
    const action = decision.action;
    options.logger.error('renderer process gone', {
      reason: details.reason,
      exitCode: details.exitCode,
      action,
    });
    if (action === 'reload' && !win.isDestroyed()) load(win, options);
    if (action === 'give-up') options.onRendererGaveUp?.(details);
  });
}

export interface HardeningOptions {
  appOrigin: AppOrigin;
  logger: Logger;
  externalLinks: ExternalLinkPolicy;
  openExternal: (url: string) => Promise<void>;
}

const hardened = new WeakSet<object>();

/**
 * Applied to every web contents the app creates. A page that navigated elsewhere would keep the
 * preload's bridge to the core, so it stays on the app's origin; new windows are never created;
 * `<webview>` is never attached; an allow-listed https link goes to the system browser.
 */
export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const { appOrigin, logger, externalLinks } = options;

  const decide = (url: string, kind: NavigationKind): boolean => {
    const verdict = navigationVerdict(url, kind, appOrigin, externalLinks);
    if (verdict.action === 'allow') return true;
    if (verdict.action === 'open-external') {
      logger.info('link opened in the system browser', { url: verdict.url.slice(0, 200) });
      options.openExternal(verdict.url).catch((error: unknown) => {
        logger.warn('opening a link in the system browser failed', { error });
      });
    } else {
      logger.warn('navigation blocked', { kind, url: String(url).slice(0, 200) });
    }
    return false;
  };

  contents.setWindowOpenHandler(({ url }) => {
    decide(url, 'window-open');
    return { action: 'deny' };
  });
  const guard =
    (kind: NavigationKind) =>
    (event: { url: string; preventDefault(): void }): void => {
      if (!decide(event.url, kind)) event.preventDefault();
    };
  contents.on('will-navigate', guard('navigate'));
  contents.on('will-redirect', guard('redirect'));
  // Sub-frames too (an iframe the CSP let through, or a frame navigating itself).
  contents.on('will-frame-navigate', guard('frame'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview refused');
  });
}
