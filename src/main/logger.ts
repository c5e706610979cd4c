import fs from 'node:fs';
import path from 'node:path';
import { redactFields, redactText } from './log-redaction';

/** Structured log sink, injected so tests stay quiet and can assert what was logged. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'info' | 'warn' | 'error';

export const consoleLogger: Logger = {
  info: (m, f) => console.log(formatLogLine('info', m, f)),
  warn: (m, f) => console.warn(formatLogLine('warn', m, f)),
  error: (m, f) => console.error(formatLogLine('error', m, f)),
};

/** Warnings and errors only, all on stderr: for commands whose stdout is their result. */
export const stderrLogger: Logger = { ...consoleLogger, info: () => {} };

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * The one line format of every LastMile log — the app (through electron-log), the station server
 * and the CLI (through the rotating file logger): ISO time, level, message, fields as JSON.
 * Secrets are redacted by key name and by pattern before anything is written.
 */
export function formatLogLine(
  level: LogLevel,
  message: string,
  fields?: Record<string, unknown>,
  at: Date = new Date(),
): string {
  const text = redactText(message).replace(/[\r\n]+/g, ' ');
  return `${at.toISOString()} ${level} ${text}${fields ? ' ' + fieldsJson(fields) : ''}`;
}

/** Errors as name, message and stack; a value JSON cannot hold (a cycle) never breaks the log line. */
function fieldsJson(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(redactFields(fields));
  } catch {
    return '{"unserialisable":true}';
  }
}

export interface RotatingFileLoggerOptions {
  dir: string;
  /** e.g. `station.log`; older files become `station.1.log`, `station.2.log`, … */
  fileName: string;
  /** Rotate once the current file would grow past this. */
  maxBytes?: number;
  /** Files kept in all, the current one included. */
  maxFiles?: number;
  now?: () => Date;
  /** Also write each line here (a console), e.g. for a station run in a terminal. */
  echo?: Logger;
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_MAX_FILES = 5;

/**
 * A size-capped log for plain Node processes (station server, CLI): appends synchronously (a line
 * is on disk before the next statement, which matters just before a crash), rotates by renaming,
 * keeps `maxFiles` files. A log that cannot be written never stops the station.
 */
export function createRotatingFileLogger(
  options: RotatingFileLoggerOptions,
): Logger & { readonly file: string } {
  const maxBytes = Math.max(1024, options.maxBytes ?? DEFAULT_LOG_MAX_BYTES);
  const maxFiles = Math.max(1, options.maxFiles ?? DEFAULT_LOG_MAX_FILES);
  const now = options.now ?? (() => new Date());
  const file = path.join(options.dir, options.fileName);
  let size = -1;
  let broken = false;

  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    options.echo?.[level](message, fields);
    const lineBytes = Buffer.from(formatLogLine(level, message, fields, now()) + '\n', 'utf8');
    try {
      if (size < 0) {
        fs.mkdirSync(options.dir, { recursive: true });
        size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      }
      if (size > 0 && size + lineBytes.length > maxBytes) {
        rotateLogFiles(file, maxFiles);
        size = 0;
      }
      fs.appendFileSync(file, lineBytes);
      size += lineBytes.length;
      broken = false;
    } catch (error) {
      size = -1;
      if (!broken) {
        broken = true;
        console.error(formatLogLine('error', 'cannot write the log file', { file, error }));
      }
    }
  };

  return {
    file,
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/**
 * Shifts `x.log` → `x.1.log` → `x.2.log` …, dropping the oldest, so `maxFiles` files remain with
 * the current one. The app's electron-log uses the same rotation, so both logs look alike on disk.
 */
export function rotateLogFiles(file: string, maxFiles: number): void {
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  const numbered = (n: number): string => `${base}.${n}${ext}`;
  if (maxFiles <= 1) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.rmSync(numbered(maxFiles - 1), { force: true });
  for (let n = maxFiles - 2; n >= 1; n--) {
    if (fs.existsSync(numbered(n))) fs.renameSync(numbered(n), numbered(n + 1));
  }
  if (fs.existsSync(file)) fs.renameSync(file, numbered(1));
}
