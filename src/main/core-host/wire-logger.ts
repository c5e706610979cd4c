import { formatLogLine, type Logger, type LogLevel } from '../logger';
import { PROTOCOL_VERSION } from './protocol';
import type { Wire } from './wire';

/**
 * The core host's logger: each line goes to the main process as a `log` message and is written
 * there by the app's one logger (one writer per log file, so rotation never races, and the same
 * redaction). Lines logged once the wire is gone go to stderr instead.
 */
export function wireLogger(wire: Wire, process: string = 'core'): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    const cloneable = { ...toPlain(fields ?? {}), process };
    if (
      !wire.send({ v: PROTOCOL_VERSION, t: 'log', level, message: message.slice(0, 4000), fields: cloneable })
    ) {
      console.error(formatLogLine(level, message, cloneable));
    }
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** Fields as plain JSON values: errors as name, message, code and stack; nothing that cannot be cloned. */
function toPlain(fields: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(
      JSON.stringify(fields, (_key, value: unknown) => {
        if (value instanceof Error) {
          const code = (value as { code?: unknown }).code;
          return {
            name: value.name,
            message: value.message,
            ...(typeof code === 'string' ? { code } : {}),
            stack: value.stack,
          };
        }
        return typeof value === 'bigint' ? value.toString() : value;
      }),
    ) as Record<string, unknown>;
  } catch {
    return { unserialisable: true };
  }
}
