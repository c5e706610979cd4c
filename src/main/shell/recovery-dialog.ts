import type { MessageBoxOptions, Shell } from 'electron';
import path from 'node:path';
import { checkBackupFile } from '../backup/backup-check';
import { BACKUP_DIR, listBackups, type BackupFile } from '../backup/backup-files';
import { restoreBackup } from '../backup/restore';
import type { Clock } from '../clock';
import { DATABASE_FILE } from '../core';
import { quickCheckDatabase, type QuickCheckResult } from '../db/quick-check';
import type { Logger } from '../logger';

export const RECOVERY_TITLE = 'LastMile Desk: the station database needs attention';
export const RECOVERY_BUTTONS = ['Restore the latest backup', 'Open the data folder', 'Quit'] as const;

export interface RecoveryContext {
  dataDir: string;
  nativeBinding?: string | undefined;
  clock: Clock;
  logger: Logger;
  dialog: { showMessageBox(options: MessageBoxOptions): Promise<{ response: number }> };
  shell: Pick<Shell, 'openPath'>;
}

/** What the operator reads when the check fails: what is wrong, that nothing was deleted, what to do. */
export function recoveryMessage(
  result: Exclude<QuickCheckResult, { ok: true }>,
  file: string,
): { message: string; detail: string } {
  const what = result.reason === 'not_sqlite' ? 'is not a database file' : 'is damaged';
  return {
    message: `The station database ${what}.`,
    detail:
      `${file}\n\nNothing has been deleted. You can restore the latest backup (the damaged file is kept ` +
      `beside it), or open the data folder to copy the file for support. Problems found: ` +
      `${result.details.slice(0, 3).join('; ')}`,
  };
}

/** The newest backup in the data folder that passes the full check, if any. */
export function latestRestorableBackup(dataDir: string, nativeBinding?: string): BackupFile | null {
  for (const backup of listBackups(path.join(dataDir, BACKUP_DIR))) {
    if (checkBackupFile(backup.file, { nativeBinding }).ok) return backup;
  }
  return null;
}

/**
 * `PRAGMA quick_check` before the app opens the database; when it fails, a recovery screen instead
 * of a crash: restore the latest backup (keeping the damaged file), open the data folder, or quit.
 * Resolves 'ok' once the database passes (at once, or after a restore), 'quit' if the operator quits.
 */
export async function ensureHealthyDatabase(ctx: RecoveryContext): Promise<'ok' | 'quit'> {
  const file = path.join(ctx.dataDir, DATABASE_FILE);
  for (;;) {
    const result = quickCheckDatabase(file, { nativeBinding: ctx.nativeBinding });
    if (result.ok) return 'ok';
    ctx.logger.error('database check failed', { file, reason: result.reason, details: result.details });
    const { message, detail } = recoveryMessage(result, file);
    const { response } = await ctx.dialog.showMessageBox({
      type: 'error',
      title: RECOVERY_TITLE,
      message,
      detail,
      buttons: [...RECOVERY_BUTTONS],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    if (response === 0) {
      await restoreLatest(ctx);
    } else if (response === 1) {
      const failure = await ctx.shell.openPath(ctx.dataDir);
      if (failure) ctx.logger.warn('cannot open the data folder', { dataDir: ctx.dataDir, failure });
    } else {
      return 'quit';
    }
  }
}

/** Restores the newest usable backup (keeping the current file), telling the operator how it went. */
export async function restoreLatest(ctx: RecoveryContext): Promise<void> {
  const backup = latestRestorableBackup(ctx.dataDir, ctx.nativeBinding);
  if (!backup) {
    await ctx.dialog.showMessageBox({
      type: 'warning',
      title: RECOVERY_TITLE,
      message: 'There is no usable backup in the data folder.',
      detail: `Looked in ${path.join(ctx.dataDir, BACKUP_DIR)}. Call support; do not delete any files.`,
      buttons: ['OK'],
    });
    return;
  }
  try {
    const result = restoreBackup({
      dataDir: ctx.dataDir,
      from: backup.file,
      clock: ctx.clock,
      nativeBinding: ctx.nativeBinding,
    });
    ctx.logger.warn('database restored from backup', { from: backup.file, replaced: result.replaced });
    await ctx.dialog.showMessageBox({
      type: 'info',
      title: RECOVERY_TITLE,
      message: `Restored the backup of ${new Date(backup.takenAt).toLocaleString()}.`,
      detail: `Work recorded after that backup is not in it. The damaged database was kept as ${result.replaced ?? '(none)'}.`,
      buttons: ['Continue'],
    });
  } catch (error) {
    ctx.logger.error('restore failed', { from: backup.file, error });
    await ctx.dialog.showMessageBox({
      type: 'error',
      title: RECOVERY_TITLE,
      message: 'The backup could not be restored.',
      detail: error instanceof Error ? error.message : String(error),
      buttons: ['OK'],
    });
  }
}
