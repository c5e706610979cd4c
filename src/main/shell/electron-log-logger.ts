import type { NodeLogger } from 'electron-log';
import path from 'node:path';
import {
  DEFAULT_LOG_MAX_BYTES,
  DEFAULT_LOG_MAX_FILES,
  formatLogLine,
  rotateLogFiles,
  type LogLevel,
  type Logger,
} from '../logger';

/** The part of an electron-log instance this module sets up (main or node flavour alike). */
export type ElectronLogLike = Pick<NodeLogger, 'transports' | 'info' | 'warn' | 'error'>;

export interface ElectronLogOptions {
  /** The folder for `main.log` and its rotated copies (the data folder's logs/). */
  dir: string;
  maxBytes?: number;
  maxFiles?: number;
  /** Echo to the console too (development). */
  console?: boolean;
}

export const APP_LOG_FILE = 'main.log';

/**
 * The desktop app logs through electron-log (its file handling survives the app's own crashes
 * and it can also collect the renderer's logs), but in exactly the line format of the station
 * server and the CLI: each line is formatted — and redacted — by formatLogLine before electron-log
 * sees it, and electron-log only writes `{text}`. Rotation matches the plain-Node logger:
 * main.log, main.1.log, … up to maxFiles files.
 */
export function electronLogLogger(log: ElectronLogLike, options: ElectronLogOptions): Logger {
  const maxFiles = Math.max(1, options.maxFiles ?? DEFAULT_LOG_MAX_FILES);
  const file = log.transports.file;
  file.resolvePathFn = () => path.join(options.dir, APP_LOG_FILE);
  file.maxSize = Math.max(1024, options.maxBytes ?? DEFAULT_LOG_MAX_BYTES);
  file.format = '{text}';
  file.level = 'info';
  file.archiveLogFn = (old) => rotateLogFiles(old.path, maxFiles);
  log.transports.console.format = '{text}';
  log.transports.console.level = options.console ? 'info' : false;

  const write =
    (level: LogLevel) =>
    (message: string, fields?: Record<string, unknown>): void => {
      log[level](formatLogLine(level, message, fields));
    };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
