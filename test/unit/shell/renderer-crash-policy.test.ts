import { describe, expect, it } from 'vitest';
import { CRASH_WINDOW_MS, rendererCrashAction } from '../../../src/main/shell/renderer-crash-policy';

describe('renderer crash policy', () => {
  it('reloads after a crash, ignores a clean exit', () => {
    expect(rendererCrashAction([], 1000, 'crashed')).toEqual({ action: 'reload', history: [1000] });
    expect(rendererCrashAction([500], 1000, 'clean-exit')).toEqual({ action: 'ignore', history: [500] });
  });

  it('gives up on the fourth crash within a minute, and forgets crashes older than that', () => {
    let history: readonly number[] = [];
    const actions: string[] = [];
    for (const t of [0, 10_000, 20_000, 30_000]) {
      const d = rendererCrashAction(history, t, 'oom');
      history = d.history;
      actions.push(d.action);
    }
    expect(actions).toEqual(['reload', 'reload', 'reload', 'give-up']);
    const later = rendererCrashAction([0, 10_000, 20_000], 20_000 + CRASH_WINDOW_MS, 'crashed');
    expect(later.action).toBe('reload');
    expect(later.history).toEqual([20_000 + CRASH_WINDOW_MS]);
  });
});
