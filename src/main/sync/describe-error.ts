import { AppError } from '../../shared/errors';
import { toAppError } from '../db/sqlite-errors';
import { DeliveryError } from './destination';

/**
 * One line a supervisor can act on, for a sync report. Database failures are named as such (the
 * report must say "the database was locked", not print SQLITE_BUSY), aborts as cancellations.
 */
export function describeError(err: unknown): string {
  const mapped = toAppError(err);
  if (mapped instanceof AppError) {
    switch (mapped.code) {
      case 'DB_LOCKED':
        return 'the station database was locked by another program; what was saved before is kept, the rest comes next time';
      case 'DISK_FULL':
        return 'the disk is full; free some space, then sync again';
      case 'DB_READONLY':
        return 'the station database cannot be written (read-only)';
      case 'DB_CORRUPT':
        return 'the station database is damaged';
      default:
        return `${mapped.code} ${JSON.stringify(mapped.params)}`;
    }
  }
  if (err instanceof DeliveryError) {
    return `${err.kind}${err.details.status ? ` (HTTP ${err.details.status})` : ''}: ${err.message}`;
  }
  const e = err as {
    name?: string;
    message?: string;
    code?: string;
    issues?: { path: PropertyKey[]; message: string }[];
  } | null;
  if (e?.name === 'AbortError') return 'cancelled';
  if (e?.name === 'ZodError' && e.issues?.[0]) {
    const issue = e.issues[0];
    return `a record in the feed has an unexpected shape (${issue.path.map(String).join('.') || 'record'}: ${issue.message})`;
  }
  if (e?.name === 'TimeoutError') return 'timed out';
  const message = e?.message ?? String(err);
  return e?.code && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}
