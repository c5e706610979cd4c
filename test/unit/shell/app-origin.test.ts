import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, originOf, resolveAppOrigin } from '../../../src/main/shell/app-origin';

describe('the app origin the main process trusts', () => {
  it('in development trusts exactly the dev server origin, not look-alikes', () => {
    const o = resolveAppOrigin({ isPackaged: false, rendererUrl: 'http://localhost:5173' });
    expect(o.entryUrl).toBe('http://localhost:5173');
    expect(o.origin).toBe('http://localhost:5173');
    expect(o.isTrusted('http://localhost:5173/')).toBe(true);
    expect(o.isTrusted('http://localhost:5173/#/queue?x=1')).toBe(true);
    // String-prefix checks would accept these three.
    expect(o.isTrusted('http://localhost:51730/')).toBe(false);
    expect(o.isTrusted('http://localhost:5173.evil.example/')).toBe(false);
    expect(o.isTrusted('http://localhost:5173@evil.example/')).toBe(false);
    expect(o.isTrusted('https://localhost:5173/')).toBe(false);
    expect(o.isTrusted('http://127.0.0.1:5173/')).toBe(false);
  });

  it('packaged, serves from app://lastmile and ignores ELECTRON_RENDERER_URL', () => {
    const o = resolveAppOrigin({ isPackaged: true, rendererUrl: 'https://evil.example/' });
    expect(o.entryUrl).toBe(APP_ENTRY_URL);
    expect(o.origin).toBe('app://lastmile');
    expect(o.isTrusted('app://lastmile/index.html')).toBe(true);
    expect(o.isTrusted('https://evil.example/')).toBe(false);
  });

  it('without a dev server URL uses the app scheme too', () => {
    expect(resolveAppOrigin({ isPackaged: false }).entryUrl).toBe(APP_ENTRY_URL);
  });

  it('never lets two opaque origins match: file:, data:, blob:, other app hosts are refused', () => {
    const o = resolveAppOrigin({ isPackaged: true });
    for (const url of [
      'file:///home/clerk/evil.html',
      'data:text/html,<script>1</script>',
      'blob:app://lastmile/0f1e',
      'app://other/index.html',
      'app://lastmile:8080/index.html',
      'app://x@lastmile/index.html',
      'about:blank',
      'not a url',
      '',
      null,
      undefined,
    ]) {
      expect(o.isTrusted(url), String(url)).toBe(false);
    }
    // The pitfall this guards against: WHATWG URL calls both origins "null".
    expect(new URL('file:///x').origin).toBe(new URL('app://lastmile/').origin);
    expect(originOf('file:///x')).toBeNull();
  });
});
