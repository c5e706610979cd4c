import { describe, expect, it } from 'vitest';
import { resolveAppOrigin } from '../../../src/main/shell/app-origin';
import { navigationVerdict } from '../../../src/main/shell/navigation-policy';

const app = resolveAppOrigin({ isPackaged: true });
const links = { allowedHosts: ['help.lastmile.example'] };

describe('navigation policy', () => {
  it('keeps the window on the app origin', () => {
    expect(navigationVerdict('app://lastmile/index.html#/queue', 'navigate', app, links)).toEqual({
      action: 'allow',
    });
    expect(navigationVerdict('app://lastmile/index.html', 'redirect', app, links)).toEqual({
      action: 'allow',
    });
    expect(navigationVerdict('app://lastmile/frame.html', 'frame', app, links)).toEqual({ action: 'allow' });
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/',
      'about:blank',
      'data:text/html,x',
    ]) {
      for (const kind of ['navigate', 'redirect', 'frame'] as const) {
        expect(navigationVerdict(url, kind, app, links), `${kind} ${url}`).toEqual({ action: 'deny' });
      }
    }
  });

  it('sends clicked allow-listed links to the system browser, never redirects or frames', () => {
    const url = 'https://help.lastmile.example/faq';
    expect(navigationVerdict(url, 'navigate', app, links)).toEqual({ action: 'open-external', url });
    expect(navigationVerdict(url, 'window-open', app, links)).toEqual({ action: 'open-external', url });
    expect(navigationVerdict(url, 'redirect', app, links)).toEqual({ action: 'deny' });
    expect(navigationVerdict(url, 'frame', app, links)).toEqual({ action: 'deny' });
  });

  it('never opens a second app window', () => {
    expect(navigationVerdict('app://lastmile/index.html', 'window-open', app, links)).toEqual({
      action: 'deny',
    });
  });
});
