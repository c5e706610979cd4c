import { describe, expect, it } from 'vitest';
import { resolveAppOrigin } from '../../../src/main/shell/app-origin';
import { isTrustedSender } from '../../../src/main/shell/ipc';

const app = resolveAppOrigin({ isPackaged: true });

describe('the IPC sender check', () => {
  it('trusts the top frame of the app page only', () => {
    expect(isTrustedSender({ url: 'app://lastmile/index.html', parent: null }, app)).toBe(true);
    expect(isTrustedSender({ url: 'app://lastmile/index.html' }, app)).toBe(true);
  });

  it('refuses other origins, embedded frames, gone frames', () => {
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, app)).toBe(false);
    const top = { url: 'app://lastmile/index.html', parent: null };
    expect(isTrustedSender({ url: 'app://lastmile/frame.html', parent: top }, app)).toBe(false);
    expect(isTrustedSender(null, app)).toBe(false);
    expect(isTrustedSender(undefined, app)).toBe(false);
    const gone = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(gone, app)).toBe(false);
  });
});
