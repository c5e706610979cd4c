/** Structured log sink, injected so tests stay quiet and can assert what was logged. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (m, f) => console.log(line('info', m, f)),
  warn: (m, f) => console.warn(line('warn', m, f)),
  error: (m, f) => console.error(line('error', m, f)),
};

/** Warnings and errors only, all on stderr: for commands whose stdout is their result. */
export const stderrLogger: Logger = { ...consoleLogger, info: () => {} };

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

function line(level: string, message: string, fields?: Record<string, unknown>): string {
  return `${new Date().toISOString()} ${level} ${message}${fields ? ' ' + fieldsJson(fields) : ''}`;
}

/** Errors as name, message and stack; a value JSON cannot hold (a cycle) never breaks the log line. */
function fieldsJson(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(fields, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
    );
  } catch {
    return '{"unserialisable":true}';
  }
}
