import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../src/main/clock';
import { silentLogger } from '../../../src/main/logger';
import { resolveAppOrigin } from '../../../src/main/shell/app-origin';
import { createMainWindow, type MainWindowOptions } from '../../../src/main/shell/window';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fake.module);

beforeEach(() => fake.reset());

const packaged = resolveAppOrigin({ isPackaged: true });
const dev = resolveAppOrigin({ isPackaged: false, rendererUrl: 'http://localhost:5173/' });

function open(overrides: Partial<MainWindowOptions> = {}) {
  const opened: string[] = [];
  const win = createMainWindow({
    preloadPath: '/app/out/preload/index.js',
    appOrigin: packaged,
    logger: silentLogger,
    openExternal: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
    ...overrides,
  });
  return { win, fakeWin: fake.windows.at(-1)!, opened };
}

describe('the main window', () => {
  it('is isolated and sandboxed, 1366×768, with the preload and no Node in the page', () => {
    const { win, fakeWin } = open();
    expect(fake.windows).toHaveLength(1);
    expect(fakeWin.options).toMatchObject({ width: 1366, height: 768, show: false });
    expect(fakeWin.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(win).toBe(fakeWin);
  });

  it('loads only the app entry and shows itself once painted', () => {
    const { fakeWin } = open();
    expect(fakeWin.loadedUrls).toEqual(['app://lastmile/index.html']);
    expect(fakeWin.shown).toBe(false);
    fakeWin.emit('ready-to-show');
    expect(fakeWin.shown).toBe(true);
  });

  it('denies every window.open / target=_blank, and opens nothing outside without an allow-list', () => {
    const { fakeWin, opened } = open();
    const handler = fakeWin.webContents.windowOpenHandler;
    expect(handler).not.toBeNull();
    for (const url of [
      'https://evil.example/',
      'app://lastmile/index.html',
      'about:blank',
      'file:///etc/passwd',
    ]) {
      expect(handler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([]);
  });

  it('sends an allow-listed https link to the system browser, still denying the window', async () => {
    const { fakeWin, opened } = open({ externalLinks: { allowedHosts: ['help.lastmile.example'] } });
    const handler = fakeWin.webContents.windowOpenHandler!;
    expect(handler({ url: 'https://help.lastmile.example/returns#grading' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://help.lastmile.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://help.lastmile.example.evil.example/' })).toEqual({ action: 'deny' });
    // A link followed in the page (no target) goes the same way, and the window stays where it is.
    expect(fakeWin.webContents.navigate('https://help.lastmile.example/faq')).toBe(false);
    await vi.waitFor(() =>
      expect(opened).toEqual([
        'https://help.lastmile.example/returns#grading',
        'https://help.lastmile.example/faq',
      ]),
    );
  });

  it('stops navigation, redirects and frame navigation to any other origin, allows its own', () => {
    const { fakeWin, opened } = open({
      appOrigin: dev,
      externalLinks: { allowedHosts: ['help.lastmile.example'] },
    });
    const contents = fakeWin.webContents;
    expect(contents.navigate('http://localhost:5173/#/queue')).toBe(true);
    expect(contents.navigate('https://evil.example/')).toBe(false);
    expect(contents.navigate('http://localhost:5173.evil.example/')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.navigate('https://evil.example/', 'will-redirect')).toBe(false);
    expect(contents.navigate('http://localhost:5173/index.html', 'will-redirect')).toBe(true);
    // A redirect to an allow-listed site is the server's choice, not the clerk's: not opened.
    expect(contents.navigate('https://help.lastmile.example/', 'will-redirect')).toBe(false);
    expect(contents.navigate('https://evil.example/', 'will-frame-navigate', false)).toBe(false);
    expect(contents.navigate('data:text/html,<script>1</script>', 'will-frame-navigate', false)).toBe(false);
    expect(contents.navigate('http://localhost:5173/frame.html', 'will-frame-navigate', false)).toBe(true);
    expect(opened).toEqual([]);
  });

  it('never attaches a <webview>', () => {
    const { fakeWin } = open();
    expect(fakeWin.webContents.attachWebview('https://evil.example/')).toBe(false);
    expect(fakeWin.webContents.attachWebview('app://lastmile/index.html')).toBe(false);
  });

  it('reloads the app page after a renderer crash, and gives up after repeated crashes in a minute', () => {
    const clock = new ManualClock(1_000_000);
    const gaveUp: string[] = [];
    const { fakeWin } = open({ clock, onRendererGaveUp: (d) => gaveUp.push(d.reason) });
    fakeWin.webContents.crash('crashed');
    expect(fakeWin.loadedUrls).toEqual(['app://lastmile/index.html', 'app://lastmile/index.html']);
    clock.advance(5_000);
    fakeWin.webContents.crash('oom');
    clock.advance(5_000);
    fakeWin.webContents.crash('killed');
    expect(fakeWin.loadedUrls).toHaveLength(4);
    expect(gaveUp).toEqual([]);
    clock.advance(5_000);
    fakeWin.webContents.crash('crashed');
    expect(fakeWin.loadedUrls).toHaveLength(4);
    expect(gaveUp).toEqual(['crashed']);
    // The window closing normally is not a crash.
    fakeWin.webContents.crash('clean-exit');
    expect(fakeWin.loadedUrls).toHaveLength(4);
  });
});
