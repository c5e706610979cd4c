import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../../../src/main/api/dispatch';
import type { Core } from '../../../src/main/core';
import { ParcelOpenProbe, UPDATES_CLIENT_ID } from '../../../src/main/updates/parcel-open-probe';
import { makeTestCore, recordingLogger } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  dirs.cleanup();
});

describe('the update policy’s "is a parcel open?", asked of the core through the contract', () => {
  it('is open until the core has answered, then says what getActivity says', async () => {
    const { core } = makeTestCore(dirs.make());
    cores.push(core);
    const asked: (string | undefined)[] = [];
    const dispatch: Dispatch = (name, input, caller) => {
      asked.push(caller?.clientId);
      return core.dispatch(name, input, caller);
    };
    const probe = new ParcelOpenProbe({ dispatch, logger: recordingLogger() });
    expect(probe.isOpen()).toBe(true);
    await probe.refresh();
    expect(probe.isOpen()).toBe(false);
    await core.dispatch('recordScan', { code: 'TH1234567890', source: 'scanner' });
    await probe.refresh();
    expect(probe.isOpen()).toBe(true);
    expect(asked).toEqual([UPDATES_CLIENT_ID, UPDATES_CLIENT_ID]);
  });

  it('counts a failed question (the core restarting) and a stale answer as open', async () => {
    const { core } = makeTestCore(dirs.make());
    cores.push(core);
    let restarting = false;
    const dispatch: Dispatch = (name, input, caller) =>
      restarting
        ? Promise.resolve({
            ok: false,
            error: { code: 'CORE_RESTARTING', params: { call: name, maybeApplied: false } },
          })
        : core.dispatch(name, input, caller);
    const logger = recordingLogger();
    // Stale after a second, not 30 ms: a loaded machine can lose 30 ms between the answer and the
    // next line, and the fresh answer would then read as stale.
    const probe = new ParcelOpenProbe({ dispatch, logger, refreshEveryMs: 10_000, staleAfterMs: 1_000 });
    const asked = performance.now(); // the answer is no older than this
    await probe.refresh();
    expect(probe.isOpen()).toBe(false);
    await vi.waitFor(() => expect(probe.isOpen()).toBe(true), { timeout: 10_000, interval: 20 });
    expect(performance.now() - asked).toBeGreaterThan(1_000);
    await probe.refresh();
    expect(probe.isOpen()).toBe(false);
    restarting = true;
    await probe.refresh();
    expect(probe.isOpen()).toBe(true);
    expect(logger.lines.map((l) => l.message)).toEqual([
      'cannot tell whether a parcel is open; updates wait',
    ]);
  });
});
