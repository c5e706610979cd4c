import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoreSupervisor } from '../../../src/main/core-host/core-supervisor';
import { nodeHostSpawner } from '../../../src/main/core-host/node-host-spawner';
import { silentLogger } from '../../../src/main/logger';
import { createAppStores } from '../../../src/renderer/src/app/app-stores';
import { createI18n } from '../../../src/renderer/src/i18n/i18n';
import { createCoreStatusStore } from '../../../src/renderer/src/shell/core-status-store';
import { createApi, type Send } from '../../../src/renderer/src/transport/create-api';
import type { CallName } from '../../../src/shared/channels';
import { AppError, type Envelope } from '../../../src/shared/errors';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.cleanup();
});

const restarting = (call: string, maybeApplied: boolean): Envelope<never> => ({
  ok: false,
  error: { code: 'CORE_RESTARTING', params: { call, maybeApplied, phase: 'restarting', attempt: 1 } },
});

/** A transport that answers CORE_RESTARTING `failures` times, then hands the call to `then`. */
function flaky(failures: number, maybeApplied: boolean, then: Send): { send: Send; sent: CallName[] } {
  const sent: CallName[] = [];
  let left = failures;
  return {
    sent,
    send: (name, input) => {
      sent.push(name);
      if (left > 0) {
        left -= 1;
        return Promise.resolve(restarting(name, maybeApplied));
      }
      return then(name, input);
    },
  };
}

const ok: Send = (name) => Promise.resolve({ ok: true, value: { answered: name } });

describe('the screens’ API while the core restarts', () => {
  it('sends a read again, with growing pauses, until the new core answers', async () => {
    const t = flaky(3, true, ok);
    const pauses: number[] = [];
    const api = createApi(t.send, { retry: { sleep: (ms) => (pauses.push(ms), Promise.resolve()) } });
    expect(await api.recentScans({ limit: 5 })).toEqual({ answered: 'recentScans' });
    expect(t.sent).toEqual(['recentScans', 'recentScans', 'recentScans', 'recentScans']);
    expect(pauses).toEqual([300, 600, 1200]);
  });

  it('never sends a scan again that may have been recorded; one that never reached the core, yes', async () => {
    const maybe = flaky(1, true, ok);
    const api = createApi(maybe.send, { retry: { sleep: () => Promise.resolve() } });
    const error = await api.recordScan({ code: 'TH1', source: 'scanner' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CORE_RESTARTING');
    expect(maybe.sent).toEqual(['recordScan']);

    const never = flaky(1, false, ok);
    const api2 = createApi(never.send, { retry: { sleep: () => Promise.resolve() } });
    expect(await api2.recordScan({ code: 'TH1', source: 'scanner' })).toEqual({ answered: 'recordScan' });
    expect(never.sent).toEqual(['recordScan', 'recordScan']);
  });

  it('gives up after its time budget and shows the error', async () => {
    const t = flaky(100, true, ok);
    const api = createApi(t.send, { retry: { budgetMs: 1_000, sleep: () => Promise.resolve() } });
    await expect(api.getSettings({})).rejects.toMatchObject({ code: 'CORE_RESTARTING' });
    // 300 + 600 fit in the budget, 1200 more would not: three sends in all.
    expect(t.sent).toHaveLength(3);
  });

  it('the banner state follows the answers and the pushes: restarting, then running again', () => {
    const store = createCoreStatusStore();
    store.getState().observe('getSession', restarting('getSession', true));
    expect(store.getState()).toMatchObject({ status: 'restarting', attempt: 1, recoveries: 0 });
    store.getState().observe('getSession', { ok: true, value: null });
    expect(store.getState()).toMatchObject({ status: 'running', recoveries: 1 });
    store.getState().pushed({ state: 'restarting', attempt: 2 });
    store.getState().pushed({ state: 'stopped' });
    expect(store.getState().status).toBe('stopped');
    store.getState().observe('getSession', {
      ok: false,
      error: { code: 'TRANSPORT_FAILED', params: { reason: 'core_stopped', maybeApplied: false } },
    });
    expect(store.getState().status).toBe('stopped');
    store.getState().pushed({ state: 'running' });
    expect(store.getState()).toMatchObject({ status: 'running', recoveries: 2 });
  });
});

describe('the screens over a real core process that is killed', () => {
  it('show "restarting", come back by themselves, and read the sign-in again (a new core has none)', async () => {
    const supervisor = new CoreSupervisor({
      spawner: nodeHostSpawner(),
      init: {
        dataDir: dirs.make('lastmile-renderer-restart-'),
        services: { syncTrickle: false, dailyBackups: false, printing: false },
      },
      logger: silentLogger,
      restart: { delaysMs: [100], maxCrashes: 5, windowMs: 60_000 },
    });
    cleanups.push(() => supervisor.stop());
    await supervisor.start();
    const coreStatus = createCoreStatusStore();
    const seen: string[] = [];
    coreStatus.subscribe((s) => seen.push(s.status));
    const api = createApi((name, input) => supervisor.dispatch(name, input, { clientId: 'tab-1' }), {
      observe: (name, envelope) => coreStatus.getState().observe(name, envelope),
      retry: { firstPauseMs: 100 },
    });
    const stores = createAppStores({
      api,
      i18n: createI18n('en'),
      beeper: { play: () => {} },
      coreStatus,
    });
    await stores.session.getState().load();
    const supervisorUser = (await api.listUsers({})).find((u) => u.role === 'supervisor')!;
    // The station's first supervisor signs in with 0000 and must choose their own PIN first.
    expect(await stores.session.getState().signIn({ userId: supervisorUser.id }, '0000')).toBe(true);
    expect(stores.session.getState().dialog).toBe('changePin');
    expect(await stores.session.getState().changePin('0000', '4826')).toBe(true);
    expect(stores.session.getState().user?.role).toBe('supervisor');

    process.kill(supervisor.pid()!, 'SIGKILL');
    // The screens' next read waits through the restart and answers.
    await stores.settings.getState().load();
    expect(stores.settings.getState().settings).not.toBeNull();
    expect(coreStatus.getState()).toMatchObject({ status: 'running', recoveries: 1 });
    expect(seen).toContain('restarting');
    // The new core has no sign-ins: the header reads who is signed in again by itself, and says so.
    await vi.waitFor(() => expect(stores.session.getState().user?.role).toBe('clerk'), { timeout: 10_000 });
  }, 120_000);
});
