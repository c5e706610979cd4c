import { describe, expect, it } from 'vitest';
import type { LastmileApi } from '../../../src/shared/contract';
import type { DestinationOverview, SyncOverview, SyncProgress } from '../../../src/shared/sync-views';
import {
  createSyncStore,
  destinationRows,
  discardReasonValid,
  progressFraction,
} from '../../../src/renderer/src/features/sync/sync-store';

const counts = { pending: 0, in_flight: 0, delivered: 0, dead: 0, discarded: 0 };
const destination = (name: string, patch: Partial<DestinationOverview> = {}): DestinationOverview => ({
  name,
  counts,
  circuit: 'closed',
  lastSuccessAt: null,
  lastError: null,
  ...patch,
});
const progress = (patch: Partial<SyncProgress>): SyncProgress => ({
  runId: 'r1',
  stage: 'push',
  stageIndex: 2,
  stageCount: 4,
  done: 0,
  total: 0,
  startedAt: 0,
  cancelRequested: false,
  ...patch,
});

describe('sync screen rules', () => {
  it('fills the progress bar stage by stage, each stage by its done/total', () => {
    expect(progressFraction(progress({ stageIndex: 0, done: 0, total: 0 }))).toBe(0);
    expect(progressFraction(progress({ stageIndex: 2, done: 50, total: 100 }))).toBe(0.625);
    expect(progressFraction(progress({ stageIndex: 3, done: 9, total: 3 }))).toBe(1);
  });

  it('folds away destinations that never saw an event, keeping any with a queue, a contact or a failure', () => {
    const all = [
      destination('evri'),
      destination('hub', { counts: { ...counts, dead: 1 } }),
      destination('ninjavan', { circuit: 'open' }),
      destination('tiktok_shop', { lastSuccessAt: 5 }),
    ];
    expect(destinationRows(all, false)).toEqual({ rows: all.slice(1), idle: 1 });
    expect(destinationRows(all, true).rows).toHaveLength(4);
  });

  it('enables discarding exactly when the contract would accept the reason', () => {
    expect(discardReasonValid('  ab ')).toBe(false);
    expect(discardReasonValid('wrong warehouse')).toBe(true);
    expect(discardReasonValid('x'.repeat(501))).toBe(false);
  });

  it('polls every 500 ms while a sync runs and slowly otherwise, and stops when the screen closes', async () => {
    let running = false;
    const overview = (): SyncOverview => ({
      destinations: [],
      running: running ? progress({}) : null,
      configError: null,
    });
    const api = {
      getSyncOverview: async () => overview(),
      listSyncReports: async () => [],
      listDeadLetters: async () => [],
      startDailySync: async () => {
        running = true;
        return { runId: 'r1' };
      },
    } as unknown as LastmileApi;
    const delays: number[] = [];
    const pending = new Map<number, () => void>();
    let nextId = 1;
    const timers = {
      setTimeout: ((fn: () => void, ms: number) => {
        delays.push(ms);
        pending.set(nextId, fn);
        return nextId++;
      }) as unknown as typeof setTimeout,
      clearTimeout: ((id: number) => void pending.delete(id)) as unknown as typeof clearTimeout,
    };
    const store = createSyncStore({ api, timers });
    const stop = store.getState().startPolling();
    const flush = () => new Promise((r) => setTimeout(r, 0));
    await flush();
    expect(delays).toEqual([5000]);

    await store.getState().startDaily();
    await flush();
    expect(delays.at(-1)).toBe(500);
    expect(store.getState().overview?.running?.runId).toBe('r1');

    stop();
    expect(pending.size).toBe(0);
  });
});
