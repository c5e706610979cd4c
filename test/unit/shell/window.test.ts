import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src/main/logger';
import { resolveAppOrigin } from '../../../src/main/shell/app-origin';
import { createMainWindow } from '../../../src/main/shell/window';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fake.module);

beforeEach(() => fake.reset());

const packaged = resolveAppOrigin({ isPackaged: true });
const dev = resolveAppOrigin({ isPackaged: false, rendererUrl: 'http://localhost:5173/' });

describe('the main window', () => {
  it('is isolated and sandboxed, 1366×768, with the preload and no Node in the page', () => {
    const win = createMainWindow('/app/out/preload/index.js', packaged, silentLogger);
    const options = fake.windows[0]?.options;
    expect(fake.windows).toHaveLength(1);
    expect(options).toMatchObject({ width: 1366, height: 768, show: false });
    expect(options?.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(win).toBe(fake.windows[0]);
  });

  it('loads only the app entry and shows itself once painted', () => {
    createMainWindow('/p.js', packaged, silentLogger);
    const win = fake.windows[0]!;
    expect(win.loadedUrls).toEqual(['app://lastmile/index.html']);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('denies every window.open / target=_blank', () => {
    createMainWindow('/p.js', packaged, silentLogger);
    const handler = fake.windows[0]!.webContents.windowOpenHandler;
    expect(handler).not.toBeNull();
    for (const url of ['https://evil.example/', 'app://lastmile/index.html', 'about:blank']) {
      expect(handler!({ url })).toEqual({ action: 'deny' });
    }
  });

  it('stops navigation and redirects to any other origin, allows its own', () => {
    createMainWindow('/p.js', dev, silentLogger);
    const contents = fake.windows[0]!.webContents;
    expect(contents.navigate('http://localhost:5173/#/queue')).toBe(true);
    expect(contents.navigate('https://evil.example/')).toBe(false);
    expect(contents.navigate('http://localhost:5173.evil.example/')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.navigate('https://evil.example/', 'will-redirect')).toBe(false);
    expect(contents.navigate('http://localhost:5173/index.html', 'will-redirect')).toBe(true);
  });
});
