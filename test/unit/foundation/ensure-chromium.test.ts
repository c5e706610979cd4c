import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENV_VAR, HOW_TO_INSTALL, ensureChromium, findChromium } from '../../../scripts/ensure-chromium.mjs';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

function fakeBrowser(dir: string, name: string, mode = 0o755): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\n', { mode });
  return file;
}

describe('finding a Chromium for the browser tests', () => {
  it('takes the env variable first, then a Chrome or Chromium on PATH', () => {
    const dir = temps.make();
    const chrome = fakeBrowser(dir, 'google-chrome');
    const custom = fakeBrowser(dir, 'my-browser');
    expect(findChromium({ PATH: dir }, [])).toBe(chrome);
    expect(findChromium({ PATH: dir, [ENV_VAR]: custom }, [])).toBe(custom);
  });

  it('refuses an env variable that names no executable, rather than falling back silently', () => {
    const dir = temps.make();
    const notExecutable = fakeBrowser(dir, 'chromium', 0o644);
    expect(() => findChromium({ PATH: '', [ENV_VAR]: notExecutable }, [])).toThrow(/not an executable/);
  });

  it('ignores a file on PATH that cannot be run', () => {
    const dir = temps.make();
    fakeBrowser(dir, 'chromium', 0o644);
    expect(findChromium({ PATH: dir }, [])).toBeNull();
  });

  it('stops with one line saying what to install where it may not install anything', () => {
    const lines: string[] = [];
    expect(() =>
      ensureChromium({
        env: { PATH: temps.make() },
        fixedPaths: [],
        allowInstall: false,
        log: (l) => lines.push(l),
      }),
    ).toThrow(HOW_TO_INSTALL);
    expect(HOW_TO_INSTALL).toMatch(/apt-get install -y chromium fonts-noto-cjk fonts-thai-tlwg/);
    expect(HOW_TO_INSTALL).not.toContain('\n');
  });
});
