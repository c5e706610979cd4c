import fs from 'node:fs';
import path from 'node:path';

/** Where scripts/electron-native.mjs puts the Electron-ABI build of better-sqlite3. */
export const ELECTRON_NATIVE_RELATIVE = path.join('out', 'native', 'electron', 'better_sqlite3.node');

export interface NativeBindingContext {
  /** process.versions.electron: set only inside Electron. */
  electronVersion: string | undefined;
  isPackaged: boolean;
  /** app.getAppPath(): the project root when run unpackaged. */
  appPath: string;
  exists?: (file: string) => boolean;
}

export class NativeBindingMissingError extends Error {
  constructor(readonly file: string) {
    super(
      `The Electron build of better-sqlite3 is missing (${file}). Run "node scripts/electron-native.mjs" ` +
        '(needs network access to GitHub once), then start again.',
    );
    this.name = 'NativeBindingMissingError';
  }
}

/**
 * node_modules holds a Node-ABI better-sqlite3 (the tests run on Node); an unpackaged Electron
 * needs the separate Electron-ABI copy. Plain Node and a packaged app (whose packager rebuilds
 * node_modules for Electron) use the installed module: undefined.
 */
export function electronNativeBinding(context: NativeBindingContext): string | undefined {
  if (!context.electronVersion || context.isPackaged) return undefined;
  const file = path.join(context.appPath, ELECTRON_NATIVE_RELATIVE);
  const exists = context.exists ?? ((f: string) => fs.existsSync(f));
  if (!exists(file)) throw new NativeBindingMissingError(file);
  return file;
}
