import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ELECTRON_NATIVE_RELATIVE,
  NativeBindingMissingError,
  electronNativeBinding,
} from '../../../src/main/shell/native-binding';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempAppPath(withBinary: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmile-native-'));
  dirs.push(dir);
  if (withBinary) {
    fs.mkdirSync(path.dirname(path.join(dir, ELECTRON_NATIVE_RELATIVE)), { recursive: true });
    fs.writeFileSync(path.join(dir, ELECTRON_NATIVE_RELATIVE), 'binary');
  }
  return dir;
}

describe('choosing the better-sqlite3 binary', () => {
  it('inside an unpackaged Electron picks the Electron build under out/native/electron', () => {
    const appPath = tempAppPath(true);
    expect(electronNativeBinding({ electronVersion: '43.8.12', isPackaged: false, appPath })).toBe(
      path.join(appPath, 'out', 'native', 'electron', 'better_sqlite3.node'),
    );
  });

  it('says how to fetch it when it is missing', () => {
    const appPath = tempAppPath(false);
    expect(() => electronNativeBinding({ electronVersion: '43.8.12', isPackaged: false, appPath })).toThrow(
      NativeBindingMissingError,
    );
    expect(() => electronNativeBinding({ electronVersion: '43.8.12', isPackaged: false, appPath })).toThrow(
      /scripts\/electron-native\.mjs/,
    );
  });

  it('under plain Node, and in a packaged app, uses the installed module', () => {
    const appPath = tempAppPath(true);
    expect(electronNativeBinding({ electronVersion: undefined, isPackaged: false, appPath })).toBeUndefined();
    expect(electronNativeBinding({ electronVersion: '43.8.12', isPackaged: true, appPath })).toBeUndefined();
  });
});
