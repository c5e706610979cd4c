import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import { DATABASE_FILE } from '../core';
import { takeExclusiveDataDirLock } from '../db/data-dir-lock';
import { fsyncDir } from './backup';
import { checkBackupFile, type BackupCheckFailure } from './backup-check';

export class NotABackupError extends Error {
  readonly code = 'NOT_A_BACKUP';
  constructor(
    readonly file: string,
    readonly reason: BackupCheckFailure,
    readonly detail: string,
  ) {
    super(`${file} cannot be restored: ${explain(reason)} (${detail}); nothing was changed`);
    this.name = 'NotABackupError';
  }
}

function explain(reason: BackupCheckFailure): string {
  switch (reason) {
    case 'missing':
      return 'the file cannot be read';
    case 'not_sqlite':
      return 'it is not a database file';
    case 'damaged':
      return 'the file is damaged';
    case 'not_lastmile':
      return 'it is not a LastMile Desk backup';
    case 'newer_than_app':
      return 'it was written by a newer LastMile Desk; update the app first';
  }
}

export interface RestoreOptions {
  dataDir: string;
  from: string;
  clock: Clock;
  nativeBinding?: string | undefined;
}

export interface RestoreResult {
  restored: string;
  /** Where the database it replaced now is (with its -wal/-shm if it had them); null if there was none. */
  replaced: string | null;
  schemaVersion: number;
  scans: number;
}

/**
 * Puts a backup in place of the station database. Refuses while any station uses the folder (the
 * data-folder lock), and refuses a file that is not a whole LastMile database of a schema this
 * app knows. The database it replaces is kept beside it, renamed
 * `lastmile.replaced-<time>.sqlite` together with its WAL, so a restore can itself be undone.
 * The backup is copied under a temporary name and renamed last: an interrupted restore leaves
 * either the old database or the new one, never half of one.
 */
export function restoreBackup(options: RestoreOptions): RestoreResult {
  const dataDir = path.resolve(options.dataDir);
  const from = path.resolve(options.from);
  const check = checkBackupFile(from, { nativeBinding: options.nativeBinding });
  if (!check.ok) throw new NotABackupError(from, check.reason, check.detail);

  fs.mkdirSync(dataDir, { recursive: true });
  const lock = takeExclusiveDataDirLock(dataDir, { nativeBinding: options.nativeBinding });
  const live = path.join(dataDir, DATABASE_FILE);
  const temp = path.join(dataDir, `.${DATABASE_FILE}.restoring-${process.pid}`);
  try {
    fs.copyFileSync(from, temp, fs.constants.COPYFILE_EXCL);
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // Checked again where it will live: a copy onto a failing disk must not replace a good database.
    const copied = checkBackupFile(temp, { nativeBinding: options.nativeBinding });
    if (!copied.ok) throw new NotABackupError(temp, copied.reason, copied.detail);

    let replaced: string | null = null;
    if (fs.existsSync(live)) {
      replaced = path.join(dataDir, replacedName(options.clock.now()));
      // The WAL holds commits not yet in the main file: it moves with it, under the matching name.
      for (const suffix of ['-wal', '-shm']) {
        if (fs.existsSync(live + suffix)) fs.renameSync(live + suffix, replaced + suffix);
      }
      fs.renameSync(live, replaced);
    }
    fs.renameSync(temp, live);
    fsyncDir(dataDir);
    return { restored: live, replaced, schemaVersion: check.schemaVersion, scans: check.scans };
  } finally {
    fs.rmSync(temp, { force: true });
    lock.release();
  }
}

function replacedName(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('.', '-');
  return `lastmile.replaced-${stamp}.sqlite`;
}
