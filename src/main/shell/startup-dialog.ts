import type { App, Dialog } from 'electron';
import { AppError } from '../../shared/errors';
import type { Logger } from '../logger';
import { describeStartupError, type StartupErrorContext } from '../startup-errors';
import { NativeBindingMissingError } from './native-binding';

const DESKTOP_CONTEXT: StartupErrorContext = {
  chooseDataDir: 'make that folder writable for your user account, or free some disk space',
};

export const STARTUP_ERROR_TITLE = 'LastMile Desk cannot start';

/** The words shown when the app cannot start; never a stack trace. */
export function startupErrorMessage(err: unknown): string {
  if (err instanceof AppError) return capitalise(describeStartupError(err, DESKTOP_CONTEXT)) + '.';
  if (err instanceof NativeBindingMissingError) return err.message;
  // A stale out/native copy after an Electron upgrade fails to load with this in its message.
  if (err instanceof Error && /NODE_MODULE_VERSION/.test(err.message)) {
    return (
      'The database driver (better-sqlite3) was built for another Electron or Node version. ' +
      'Run "node scripts/electron-native.mjs --force", then start again.'
    );
  }
  return 'An unexpected error stopped the start. Details are in the log; please report them to support.';
}

/** Tells the operator why in a dialog, then ends the process with a failure code instead of crashing. */
export function showStartupErrorAndQuit(
  err: unknown,
  electron: { app: Pick<App, 'exit'>; dialog: Pick<Dialog, 'showErrorBox'> },
  logger: Logger,
): void {
  logger.error('start-up failed', { error: err });
  electron.dialog.showErrorBox(STARTUP_ERROR_TITLE, startupErrorMessage(err));
  electron.app.exit(1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
