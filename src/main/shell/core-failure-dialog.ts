import { RECOVERY_TITLE, restoreLatest, type RecoveryContext } from './recovery-dialog';

export const CORE_FAILURE_BUTTONS = [
  'Start the station again',
  'Restore the latest backup',
  'Open the data folder',
  'Quit',
] as const;

export type CoreFailureChoice = 'restart' | 'quit';

export interface CoreFailureContext extends RecoveryContext {
  /** Why it stopped, in the core's words (for the detail line and support). */
  reason: string;
  /** Runs around a restore: the app lets go of the data folder while the backup is put back. */
  aroundRestore: (restore: () => Promise<void>) => Promise<void>;
}

/**
 * The core process crashed again and again (a damaged database, a disk gone read-only): instead of
 * a window that keeps saying "restarting", the operator chooses. Everything confirmed before is in
 * the database; restoring a backup keeps the current file beside it. Resolves with what to do
 * next: start the core again, or quit.
 */
export async function showCoreFailureDialog(ctx: CoreFailureContext): Promise<CoreFailureChoice> {
  for (;;) {
    const { response } = await ctx.dialog.showMessageBox({
      type: 'error',
      title: RECOVERY_TITLE,
      message: 'The station stopped several times in a row and was not started again.',
      detail:
        'Everything you confirmed before is saved in the station database. Start the station ' +
        'again, or restore the latest backup if it keeps stopping (the current database is kept ' +
        `beside it), or open the data folder for support.\n\nReason: ${ctx.reason.slice(0, 300)}`,
      buttons: [...CORE_FAILURE_BUTTONS],
      defaultId: 0,
      cancelId: 3,
      noLink: true,
    });
    if (response === 0) return 'restart';
    if (response === 1) {
      await ctx.aroundRestore(() => restoreLatest(ctx));
      return 'restart';
    }
    if (response === 2) {
      const failure = await ctx.shell.openPath(ctx.dataDir);
      if (failure) ctx.logger.warn('cannot open the data folder', { dataDir: ctx.dataDir, failure });
      continue;
    }
    return 'quit';
  }
}
