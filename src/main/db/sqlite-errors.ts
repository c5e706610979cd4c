import { AppError } from '../../shared/errors';

/** Maps better-sqlite3's SqliteError codes to the contract's error codes; anything else passes through. */
export function toAppError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('DB_LOCKED', {}, { cause: err });
  }
  // SHMSIZE: the -shm file could not be grown, which on a local disk means it is full.
  if (
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_IOERR_WRITE' ||
    code === 'SQLITE_IOERR_FSYNC' ||
    code === 'SQLITE_IOERR_SHMSIZE'
  ) {
    return new AppError('DISK_FULL', {}, { cause: err });
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new AppError('DB_READONLY', {}, { cause: err });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('DB_CORRUPT', {}, { cause: err });
  }
  return err;
}
