import { useEffect, useState } from 'react';
import type { AppErrorShape } from '../../../shared/errors';

/** The wait a lock-out error asks for, in seconds, or null when the error is not a lock-out. */
export function lockSeconds(error: AppErrorShape | null): number | null {
  if (!error) return null;
  const wait = error.params.retryAfterSeconds;
  return (error.code === 'SIGN_IN_LOCKED' || error.code === 'BAD_PIN') && typeof wait === 'number'
    ? wait
    : null;
}

/** Seconds left of a lock-out that arrived at `receivedAt` (this page's clock), ticking each second. */
export function useSecondsLeft(error: AppErrorShape | null, receivedAt: number): number {
  const total = lockSeconds(error);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (total === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [total, receivedAt]);
  if (total === null) return 0;
  return Math.max(0, Math.ceil(total - (now - receivedAt) / 1000));
}

/** The error as it should read now: a lock-out counts down, and is gone once it has run out. */
export function withSecondsLeft(error: AppErrorShape | null, left: number): AppErrorShape | null {
  if (!error || lockSeconds(error) === null) return error;
  if (left <= 0) return null;
  return { code: error.code, params: { ...error.params, retryAfterSeconds: left } };
}
