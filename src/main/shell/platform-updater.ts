import { AppImageUpdater, DebUpdater, NsisUpdater, type AppUpdater } from 'electron-updater';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The electron-updater class for how this copy was installed, or null when it cannot update itself
 * (an unpacked folder, a development run). Linux packages say what they are in
 * resources/package-type (written by electron-builder); an AppImage runs with APPIMAGE set.
 */
export function createPlatformUpdater(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  resourcesPath: string,
): AppUpdater | null {
  if (platform === 'win32') return new NsisUpdater();
  if (platform !== 'linux') return null;
  if (env.APPIMAGE) return new AppImageUpdater();
  let packageType = '';
  try {
    packageType = fs.readFileSync(path.join(resourcesPath, 'package-type'), 'utf8').trim();
  } catch {
    return null;
  }
  return packageType === 'deb' ? new DebUpdater() : null;
}
