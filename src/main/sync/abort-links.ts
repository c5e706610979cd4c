/**
 * Abort signals that live as long as the process (the engine's stop signal) are shared by every
 * request and every sleep. Two built-in ways of hanging short-lived work on them go wrong under
 * load, and this module replaces both:
 *
 * - `AbortSignal.any([short, longLived])` makes the long-lived signal keep every combined signal
 *   alive (Node 20: 300k of them held ~390 MB after GC), so the heap grew with each delivery.
 * - one `addEventListener('abort')` per sleep on the same signal passes Node's listener limit
 *   (MaxListenersExceededWarning) as soon as more than ten sleeps overlap.
 *
 * Here each long-lived signal gets exactly one 'abort' listener, which fans out to a set of
 * callbacks; a callback is removed when its work ends, and the listener itself goes with the last
 * callback, so nothing is retained once the work is done.
 *
 * Public API: onAbort(signal, fn) → unsubscribe; linkSignals(signals) → { signal, dispose }.
 */

interface Hub {
  callbacks: Set<() => void>;
  listener: () => void;
}

const hubs = new WeakMap<AbortSignal, Hub>();

/**
 * Calls `fn` once when `signal` aborts (at once if it already has). Returns the unsubscribe,
 * which must be called when the work is over so the callback does not outlive it.
 */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  if (signal.aborted) {
    fn();
    return () => undefined;
  }
  let hub = hubs.get(signal);
  if (!hub) {
    const callbacks = new Set<() => void>();
    const created: Hub = {
      callbacks,
      listener: () => {
        hubs.delete(signal);
        for (const callback of [...callbacks]) callback();
        callbacks.clear();
      },
    };
    hub = created;
    hubs.set(signal, created);
    signal.addEventListener('abort', created.listener, { once: true });
  }
  const entry = hub;
  // The same function may be registered twice; each registration is its own entry.
  const callback = (): void => fn();
  entry.callbacks.add(callback);
  return () => {
    if (!entry.callbacks.delete(callback) || entry.callbacks.size > 0) return;
    if (hubs.get(signal) === entry) hubs.delete(signal);
    signal.removeEventListener('abort', entry.listener);
  };
}

/**
 * A signal that aborts when any of `signals` does (with that one's reason). `dispose()` detaches
 * it from the parents; call it when the work it guards is finished.
 */
export function linkSignals(signals: readonly (AbortSignal | undefined)[]): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  const unsubscribes: Array<() => void> = [];
  const dispose = (): void => {
    for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
  };
  for (const parent of signals) {
    if (!parent) continue;
    if (parent.aborted) {
      controller.abort(parent.reason);
      dispose();
      break;
    }
    unsubscribes.push(
      onAbort(parent, () => {
        controller.abort(parent.reason);
        dispose();
      }),
    );
  }
  return { signal: controller.signal, dispose };
}

/** A signal that aborts with a TimeoutError after `ms`; `dispose()` clears the timer. */
export function deadline(ms: number): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('no answer in time', 'TimeoutError')),
    Math.max(0, Math.min(ms, 2 ** 31 - 1)),
  );
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}
