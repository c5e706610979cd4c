import { DebUpdater, type AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/main/clock';
import type { Logger } from '../../../src/main/logger';
import { seededRandom } from '../../../src/main/random';
import { configureUpdater, electronUpdaterAdapter } from '../../../src/main/shell/electron-updater-adapter';
import type { InstallTime } from '../../../src/main/updates/update-policy';
import { UpdateService } from '../../../src/main/updates/update-service';
import { NodeHttpExecutor } from '../../helpers/node-http-executor';
import { TempDirs } from '../../helpers/temp-dir';
import { startUpdateServer, type UpdateServer } from '../../helpers/update-server';

const dirs = new TempDirs();
const services: UpdateService[] = [];
let server: UpdateServer;
let root: string;
const artifact = randomBytes(256 * 1024);
const release = { version: '1.1.0', fileName: 'LastMile-Desk-1.1.0.deb', artifact };

beforeEach(async () => {
  server = await startUpdateServer();
  server.publish('latest-linux.yml', release);
  root = dirs.make('lastmile-updater-');
});
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  await server.close();
  dirs.cleanup();
});

/** electron-updater's AppAdapter for a test: an installed 1.0.0 whose quit we can play. */
class TestApp implements AppAdapter {
  readonly version = '1.0.0';
  readonly name = 'LastMile Desk';
  readonly isPackaged = true;
  readonly quitHandlers: ((exitCode: number) => void)[] = [];
  relaunches = 0;
  constructor(readonly root: string) {
    fs.mkdirSync(this.userDataPath, { recursive: true });
    fs.writeFileSync(
      this.appUpdateConfigPath,
      'provider: generic\nurl: https://updates.invalid/\nupdaterCacheDirName: lastmile-desk-updater\n',
    );
  }
  get appUpdateConfigPath(): string {
    return path.join(this.root, 'app-update.yml');
  }
  get userDataPath(): string {
    return path.join(this.root, 'userData');
  }
  get baseCachePath(): string {
    return path.join(this.root, 'cache');
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  relaunch(): void {
    this.relaunches += 1;
  }
  quit(): void {}
  onQuit(handler: (exitCode: number) => void): void {
    this.quitHandlers.push(handler);
  }
}

interface Harness {
  app: TestApp;
  updater: AppUpdater;
  service: UpdateService;
  installs: string[];
  warnings: string[];
  parcel: { open: boolean };
}

function harness(
  options: {
    channel?: 'stable' | 'beta';
    stagingId?: string;
    time?: Partial<InstallTime>;
    checkTimeoutMs?: number;
  } = {},
): Harness {
  const app = new TestApp(root);
  if (options.stagingId) fs.writeFileSync(path.join(app.userDataPath, '.updaterId'), options.stagingId);
  const updater = new DebUpdater(undefined, app);
  // Before the feed is set: the provider takes the executor it finds then.
  (updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeHttpExecutor();
  const warnings: string[] = [];
  const logger: Logger = {
    info: () => {},
    warn: (m, f) => warnings.push(`${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => warnings.push(`${m} ${JSON.stringify(f ?? {})}`),
  };
  configureUpdater(updater, { url: server.url, channel: options.channel ?? 'stable' }, logger);
  const installs: string[] = [];
  // Where electron-updater would run dpkg: record what it would install instead.
  const stub = updater as unknown as { doInstall: () => boolean; installerPath: string | null };
  stub.doInstall = () => {
    installs.push(stub.installerPath ?? '(none)');
    return true;
  };
  updater.quitAndInstall = () => {
    installs.push('quitAndInstall');
  };
  const parcel = { open: false };
  const service = new UpdateService({
    updater: electronUpdaterAdapter(updater),
    clock: systemClock,
    random: seededRandom(7),
    logger,
    time: { at: null, windowMinutes: 60, minIdleMinutes: 10, utcOffsetMinutes: 0, ...options.time },
    parcelOpen: () => parcel.open,
    idleMinutes: () => 0,
    // Far above what a check takes even on a loaded machine: only the hanging server's test,
    // which waits for the time-out on purpose, sets a short one.
    checkTimeoutMs: options.checkTimeoutMs ?? 10_000,
    retryBaseMs: 60_000,
    firstCheckMs: 3_600_000,
  });
  // Started (so retries are scheduled), with the first timed check far away: the test checks by hand.
  service.start();
  services.push(service);
  return { app, updater, service, installs, warnings, parcel };
}

function quit(h: Harness): void {
  h.service.beforeQuit();
  for (const handler of h.app.quitHandlers) handler(0);
}

function pendingFiles(h: Harness): string[] {
  const dir = path.join(h.app.baseCachePath, 'lastmile-desk-updater', 'pending');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe('electron-updater against a local update folder (plain Node)', () => {
  it('downloads a verified update in the background and installs it on quit when no parcel is open', async () => {
    const h = harness();
    await h.service.checkNow();
    expect(h.service.status().state).toEqual({ phase: 'ready', version: '1.1.0', verified: true });
    const downloaded = path.join(h.app.baseCachePath, 'lastmile-desk-updater', 'pending', release.fileName);
    expect(createHash('sha512').update(fs.readFileSync(downloaded)).digest('hex')).toBe(
      createHash('sha512').update(artifact).digest('hex'),
    );
    expect(h.installs).toEqual([]);

    quit(h);
    expect(h.installs).toEqual([downloaded]);
  });

  it('does not install on quit while a parcel is open', async () => {
    const h = harness();
    await h.service.checkNow();
    h.parcel.open = true;
    quit(h);
    expect(h.installs).toEqual([]);
  });

  it('installs at the supervisor’s idle time only when idle and no parcel is open', async () => {
    const now = new Date();
    const h = harness({
      time: {
        at: { hour: now.getUTCHours(), minute: now.getUTCMinutes() },
        windowMinutes: 60,
        minIdleMinutes: 0,
      },
    });
    await h.service.checkNow();
    h.parcel.open = true;
    expect(h.service.tick()).toEqual({ install: false, reason: 'parcel_open' });
    h.parcel.open = false;
    expect(h.service.tick()).toEqual({ install: true, reason: 'idle_in_install_window' });
    expect(h.installs).toEqual(['quitAndInstall']);
  });

  for (const mode of ['tampered', 'truncated'] as const) {
    it(`refuses a ${mode} artifact: sha512 mismatch, nothing kept, never installed`, async () => {
      const h = harness();
      server.mode = mode;
      await h.service.checkNow();
      expect(h.service.status().state).toEqual({
        phase: 'rejected',
        version: '1.1.0',
        reason: 'verification_failed',
      });
      expect(h.warnings.join('\n')).toMatch(/failed verification/);
      expect(pendingFiles(h)).toEqual([]);
      // Neither the quit nor the idle time installs anything.
      quit(h);
      expect(h.service.tick().install).toBe(false);
      expect(h.installs).toEqual([]);
      expect(h.app.quitHandlers).toHaveLength(0);
    });
  }

  it('treats a download cut off mid-way as a failure to retry, and installs nothing', async () => {
    const h = harness();
    server.mode = 'cut-off';
    await h.service.checkNow();
    // A broken connection is an outage, not a bad file: retried with back-off.
    expect(h.service.status()).toMatchObject({ state: { phase: 'none' }, failures: 1 });
    expect(h.service.status().nextCheckAt).not.toBeNull();
    expect(pendingFiles(h)).toEqual([]);
    quit(h);
    expect(h.installs).toEqual([]);
  });

  it('after a refused download, a good file on the next check is accepted', async () => {
    const h = harness();
    server.mode = 'tampered';
    await h.service.checkNow();
    expect(h.service.status().state.phase).toBe('rejected');
    server.mode = 'normal';
    await h.service.checkNow();
    expect(h.service.status().state).toMatchObject({ phase: 'ready', verified: true });
  });

  it('reads the beta channel file on the beta channel', async () => {
    server.publish('beta-linux.yml', {
      ...release,
      version: '1.2.0-beta.1',
      fileName: 'LastMile-Desk-1.2.0-beta.1.deb',
    });
    const h = harness({ channel: 'beta' });
    await h.service.checkNow();
    expect(h.service.status().state).toMatchObject({ phase: 'ready', version: '1.2.0-beta.1' });
    expect(server.requests.map((r) => r.path)).toEqual(['beta-linux.yml', 'LastMile-Desk-1.2.0-beta.1.deb']);
  });

  it('honours stagingPercentage: stations are bucketed by the id in userData/.updaterId', async () => {
    server.publish('latest-linux.yml', { ...release, stagingPercentage: 30 });
    // The last four bytes of the id, over 0xFFFFFFFF, are the station's place in the rollout.
    const inside = '8f0c1d2e-3b4a-4c5d-8e6f-000019999999'; // ≈ 0.10
    const outside = '8f0c1d2e-3b4a-4c5d-8e6f-0000e6666666'; // ≈ 0.90
    const edge = '8f0c1d2e-3b4a-4c5d-8e6f-00004ccccccd'; // just over 0.30

    const a = harness({ stagingId: inside });
    await a.service.checkNow();
    expect(a.service.status().state.phase).toBe('ready');
    expect(server.requests[0]).toEqual({ path: 'latest-linux.yml', stagingId: inside });

    for (const id of [outside, edge]) {
      root = dirs.make('lastmile-updater-');
      const b = harness({ stagingId: id });
      await b.service.checkNow();
      expect(b.service.status().state, id).toEqual({ phase: 'none' });
      expect(b.service.status().failures).toBe(0);
    }

    // The rollout widened to everyone: the outside station gets it on its next check.
    server.publish('latest-linux.yml', { ...release, stagingPercentage: 100 });
    root = dirs.make('lastmile-updater-');
    const c = harness({ stagingId: outside });
    await c.service.checkNow();
    expect(c.service.status().state.phase).toBe('ready');
  });

  it('a server that is down: a quiet warning and a retry scheduled with back-off', async () => {
    const h = harness();
    await server.close();
    const before = Date.now();
    await h.service.checkNow();
    const status = h.service.status();
    expect(status.state).toEqual({ phase: 'none' });
    expect(status.failures).toBe(1);
    expect(status.nextCheckAt).not.toBeNull();
    expect(status.nextCheckAt!).toBeGreaterThanOrEqual(before);
    expect(h.warnings.join('\n')).toMatch(/update check failed; trying again later/);
    server = await startUpdateServer(); // for afterEach
  }, 30_000);

  it('a server that hangs: the check times out, counts as a failure, and nothing is installed', async () => {
    const h = harness({ checkTimeoutMs: 1_500 });
    server.mode = 'hang';
    await h.service.checkNow();
    expect(h.service.status()).toMatchObject({ state: { phase: 'none' }, failures: 1 });
    expect(h.service.status().lastError).toMatch(/timed out/);
    quit(h);
    expect(h.installs).toEqual([]);
  });

  it('a slow server within the time-out is just slow', async () => {
    const h = harness();
    server.mode = 'slow';
    // Slower than the hanging server's test waits, well within this check's own time-out: it was
    // 400 ms against 1.5 s, which a loaded machine's check could run past.
    server.slowMs = 1_500;
    await h.service.checkNow();
    expect(h.service.status().state.phase).toBe('ready');
  });

  it('a server error is retried later like an outage', async () => {
    const h = harness();
    server.mode = 'error-500';
    await h.service.checkNow();
    expect(h.service.status()).toMatchObject({ state: { phase: 'none' }, failures: 1 });
    await vi.waitFor(() => expect(h.service.status().nextCheckAt).not.toBeNull(), { timeout: 10_000 });
  });
});
