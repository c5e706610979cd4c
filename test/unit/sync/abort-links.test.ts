import { getEventListeners } from 'node:events';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { deadline, linkSignals, onAbort } from '../../../src/main/sync/abort-links';
import { defaultSleep } from '../../../src/main/sync/delivery-engine';
import { warningsDuring } from '../../helpers/warnings';

describe('sleeps and requests hanging on one long-lived signal', () => {
  const controllers: AbortController[] = [];
  afterEach(() => {
    for (const c of controllers.splice(0)) c.abort();
  });
  const longLived = (): AbortSignal => {
    const c = new AbortController();
    controllers.push(c);
    return c.signal;
  };

  it('hundreds of concurrent sleeps on one signal raise no MaxListenersExceededWarning', async () => {
    const stop = longLived();
    const warnings = await warningsDuring(async () => {
      const sleeps = Array.from({ length: 300 }, () => defaultSleep(20, stop));
      // However many sleep at once, the signal carries one listener.
      expect(getEventListeners(stop, 'abort').length).toBe(1);
      await Promise.all(sleeps);
    });
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
    expect(getEventListeners(stop, 'abort')).toHaveLength(0);
  });

  it('aborting the shared signal wakes every sleeper at once', async () => {
    const c = new AbortController();
    const started = performance.now();
    const sleeps = Array.from({ length: 50 }, () => defaultSleep(60_000, c.signal));
    c.abort();
    await Promise.all(sleeps);
    expect(performance.now() - started).toBeLessThan(5_000);
    // A sleep on an already aborted signal returns at once.
    await defaultSleep(60_000, c.signal);
  });

  it('a linked signal follows any parent, keeps its reason, and leaves nothing on the parents once disposed', () => {
    const stop = longLived();
    const other = new AbortController();
    const links = Array.from({ length: 1_000 }, () => linkSignals([stop, other.signal, undefined]));
    expect(getEventListeners(stop, 'abort')).toHaveLength(1);
    for (const link of links.slice(1)) link.dispose();
    expect(getEventListeners(stop, 'abort')).toHaveLength(1);
    other.abort(new Error('cancelled by the supervisor'));
    expect(links[0]?.signal.aborted).toBe(true);
    expect((links[0]?.signal.reason as Error).message).toBe('cancelled by the supervisor');
    expect(links[1]?.signal.aborted).toBe(false); // disposed before: detached
    links[0]?.dispose();
    expect(getEventListeners(stop, 'abort')).toHaveLength(0);
    // A parent aborted already: the link is born aborted.
    expect(linkSignals([other.signal]).signal.aborted).toBe(true);
  });

  it('onAbort calls each registration once, and not after its unsubscribe', () => {
    const c = new AbortController();
    const calls: string[] = [];
    const fn = (): void => void calls.push('a');
    onAbort(c.signal, fn);
    const off = onAbort(c.signal, fn);
    onAbort(c.signal, () => calls.push('b'));
    off();
    c.abort();
    expect(calls).toEqual(['a', 'b']);
    onAbort(c.signal, () => calls.push('late'));
    expect(calls).toEqual(['a', 'b', 'late']);
  });

  it('a deadline aborts with a TimeoutError, and not once disposed', async () => {
    const fired = deadline(5);
    const cleared = deadline(5);
    cleared.dispose();
    await new Promise<void>((resolve) => onAbort(fired.signal, resolve));
    expect((fired.signal.reason as Error).name).toBe('TimeoutError');
    await defaultSleep(30, longLived());
    expect(cleared.signal.aborted).toBe(false);
  });

  it('many links on one long-lived signal leave no heap behind, unlike AbortSignal.any', async () => {
    const gc = exposeGc();
    const heapAfter = async (make: (stop: AbortSignal) => void): Promise<number> => {
      const stop = longLived();
      gc();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 50_000; i++) make(stop);
      await new Promise((r) => setImmediate(r));
      gc();
      return process.memoryUsage().heapUsed - before;
    };
    const viaAny = (stop: AbortSignal): void => void AbortSignal.any([new AbortController().signal, stop]);
    const viaLinks = (stop: AbortSignal): void => linkSignals([new AbortController().signal, stop]).dispose();
    // Both compiled and warm before anything is measured; the baseline is measured in the same run.
    await heapAfter(viaAny);
    await heapAfter(viaLinks);
    const ours = Math.min(await heapAfter(viaLinks), await heapAfter(viaLinks));
    const any = await heapAfter(viaAny);
    expect(any).toBeGreaterThan(1_000_000);
    expect(ours).toBeLessThan(any / 5);
  });
});

function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}
