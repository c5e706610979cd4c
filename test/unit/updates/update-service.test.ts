import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock, systemClock } from '../../../src/main/clock';
import { silentLogger } from '../../../src/main/logger';
import { seededRandom } from '../../../src/main/random';
import { UpdateService, type UpdateServiceOptions } from '../../../src/main/updates/update-service';
import type { UpdaterLike } from '../../../src/main/updates/updater-like';

const services: UpdateService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
});

function scripted(overrides: Partial<UpdaterLike> = {}) {
  const calls: string[] = [];
  const updater: UpdaterLike = {
    check: () => {
      calls.push('check');
      return Promise.resolve({ version: '1.1.0' });
    },
    download: () => {
      calls.push('download');
      return Promise.resolve();
    },
    installNow: () => calls.push('installNow'),
    setInstallOnQuit: (v) => calls.push(`installOnQuit:${v}`),
    ...overrides,
  };
  return { updater, calls };
}

function service(updater: UpdaterLike, overrides: Partial<UpdateServiceOptions> = {}): UpdateService {
  const s = new UpdateService({
    updater,
    clock: systemClock,
    random: seededRandom(1),
    logger: silentLogger,
    time: { at: null, windowMinutes: 60, minIdleMinutes: 5, utcOffsetMinutes: 0 },
    parcelOpen: () => false,
    idleMinutes: () => 60,
    firstCheckMs: 3_600_000,
    ...overrides,
  });
  s.start();
  services.push(s);
  return s;
}

describe('the update service', () => {
  it('checks on its timer, downloads in the background, and asks the policy at quit', async () => {
    const { updater, calls } = scripted();
    const s = service(updater, { firstCheckMs: 20 });
    // Waited for, not raced: the default second is a 20 ms timer plus a check and a download,
    // which a loaded machine can spread past it.
    await vi.waitFor(() => expect(s.status().state.phase).toBe('ready'), { timeout: 10_000 });
    expect(calls).toEqual(['check', 'download', 'installOnQuit:false']);
    expect(s.beforeQuit()).toEqual({ install: true, reason: 'on_quit' });
    expect(calls.at(-1)).toBe('installOnQuit:true');
  });

  it('a download that never finishes is cancelled by its time-out and retried later', async () => {
    let aborted = false;
    const { updater } = scripted({
      download: (signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('cancelled'));
          });
        }),
    });
    const s = service(updater, { downloadTimeoutMs: 100 });
    await s.checkNow();
    expect(aborted).toBe(true);
    expect(s.status()).toMatchObject({ state: { phase: 'none' }, failures: 1 });
    expect(s.beforeQuit().install).toBe(false);
  });

  it('backs off further after each failure, and resets after a success', async () => {
    let fail = true;
    const { updater } = scripted({
      check: () =>
        fail
          ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
          : Promise.resolve(null),
    });
    // A clock that stands still: each delay is read exactly, not with a 50 ms allowance for the
    // wall-clock time a check takes (which a loaded machine can exceed).
    const clock = new ManualClock(1_000_000);
    const s = service(updater, {
      clock,
      retryBaseMs: 1000,
      retryCapMs: 1_000_000,
      checkEveryMs: 7_200_000,
    });
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await s.checkNow();
      delays.push(s.status().nextCheckAt! - clock.now());
    }
    expect(s.status().failures).toBe(4);
    // Full jitter: each delay is below its doubling ceiling.
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(1000 * 2 ** i);
    });
    fail = false;
    await s.checkNow();
    expect(s.status().failures).toBe(0);
    expect(s.status().nextCheckAt! - clock.now()).toBe(7_200_000);
  });

  it('a probe that throws counts as a parcel open: nothing installs', async () => {
    const { updater, calls } = scripted();
    const s = service(updater, {
      parcelOpen: () => {
        throw new Error('database is locked');
      },
      time: { at: { hour: 0, minute: 0 }, windowMinutes: 1440, minIdleMinutes: 0, utcOffsetMinutes: 0 },
    });
    await s.checkNow();
    expect(s.tick()).toEqual({ install: false, reason: 'parcel_open' });
    expect(s.beforeQuit().install).toBe(false);
    expect(calls).not.toContain('installNow');
  });

  it('does not download again once a verified update waits to be installed', async () => {
    const { updater, calls } = scripted();
    const s = service(updater);
    await s.checkNow();
    await s.checkNow();
    expect(calls.filter((c) => c === 'download')).toHaveLength(1);
  });
});
