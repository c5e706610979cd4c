/**
 * The warnings the process emitted while `run` ran. A marker warning is emitted after it and
 * waited for: warnings arrive in the order they were emitted, so once the marker is in, any
 * warning `run` caused is in too — no sleep, no guess.
 */
export async function warningsDuring(run: () => Promise<unknown>): Promise<Error[]> {
  const seen: Error[] = [];
  const listener = (w: Error): void => void seen.push(w);
  process.on('warning', listener);
  const marker = `marker-${Math.random().toString(36).slice(2)}`;
  try {
    await run();
    process.emitWarning(marker);
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (seen.some((w) => w.message === marker)) resolve();
        else setImmediate(check);
      };
      check();
    });
    return seen.filter((w) => w.message !== marker);
  } finally {
    process.off('warning', listener);
  }
}
