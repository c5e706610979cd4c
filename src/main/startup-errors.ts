import type { AppError } from '../shared/errors';

/** How the operator picks another data directory, which differs between the CLI and the desktop app. */
export interface StartupErrorContext {
  chooseDataDir: string;
}

export const CLI_STARTUP_CONTEXT: StartupErrorContext = {
  chooseDataDir: 'choose a writable folder with --data',
};

/** Start-up failures in words an operator can act on (the screens translate the same codes). */
export function describeStartupError(
  err: AppError,
  context: StartupErrorContext = CLI_STARTUP_CONTEXT,
): string {
  const p = err.params;
  switch (err.code) {
    case 'DATA_DIR_UNUSABLE':
      return p.target === 'file'
        ? `cannot write the database file ${String(p.path)} (${String(p.reason)}); make it writable for this user, or ${context.chooseDataDir}`
        : `cannot use the data directory ${String(p.path)} (${String(p.reason)}); ${context.chooseDataDir}`;
    case 'DB_CORRUPT':
      return `${String(p.path)} is not a LastMile database (not SQLite, or damaged); it was left untouched`;
    case 'DB_READONLY':
      return `the database ${String(p.path ?? '')} cannot be written (read-only file or folder)`;
    case 'DB_LOCKED':
      return `another program holds the station database${p.path ? ` ${String(p.path)}` : ''} (a second station, a backup or a database tool); close it and try again`;
    case 'DB_NEWER_THAN_APP':
      return `the database was written by a newer LastMile Desk (schema ${String(p.fileVersion)}, this app knows ${String(p.appVersion)}); update the app`;
    case 'DISK_FULL':
      return `the disk${p.path ? ` holding ${String(p.path)}` : ''} is full; free some space and try again`;
    default:
      return `${err.code} ${JSON.stringify(p)}`;
  }
}
