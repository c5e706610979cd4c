import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/clock';
import { createCore, type Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { AppError } from '../../src/shared/errors';
import { SyncLock } from '../../src/main/sync/sync-lock';
import { REPO_ROOT, runChild, startChild, stopChild, type Child } from '../helpers/child-process';
import { TempDirs } from '../helpers/temp-dir';

const temps = new TempDirs();
const children: Child[] = [];
const cores: Core[] = [];

afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => stopChild(c)));
  for (const core of cores.splice(0)) await core.close();
  temps.cleanup();
});

function holdLock(dir: string, heartbeatMs: number): Child {
  const child = startChild(process.execPath, [
    '--import',
    'tsx',
    path.join(__dirname, 'fixtures', 'hold-sync-lock.ts'),
    dir,
    String(heartbeatMs),
  ]);
  children.push(child);
  return child;
}

function openCore(dir: string): Core {
  const core = createCore({ dataDir: dir, logger: silentLogger });
  cores.push(core);
  return core;
}

async function acquireError(lock: SyncLock): Promise<AppError | null> {
  try {
    await (await lock.acquire('parent')).release();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

describe('one sync at a time across processes', () => {
  it('a second CLI run exits 3 while another process holds the lock, and runs once the lock is stale', async () => {
    const dir = temps.make('lastmile-lock-');
    openCore(dir); // creates the station database
    const holder = holdLock(dir, 200);
    await holder.waitForLine(/^locked$/);

    const busy = await runChild(process.execPath, [
      path.join(REPO_ROOT, 'bin', 'lastmile.js'),
      'sync',
      '--daily',
      '--data',
      dir,
    ]);
    expect(busy.stderr).toMatch(/another sync is running \(test holder pid \d+/);
    expect(busy.stdout).toBe('');
    expect(busy.code).toBe(3);

    // The holder crashes; its row stays behind. Once its heartbeat is older than the CLI's
    // timeout (30 s, simulated by ageing the row), the next run takes the lock over.
    await stopChild(holder);
    const core = cores[0] as Core;
    core.db.prepare('UPDATE sync_lock SET heartbeat_at = heartbeat_at - 31000').run();
    const next = await runChild(process.execPath, [
      path.join(REPO_ROOT, 'bin', 'lastmile.js'),
      'sync',
      '--daily',
      '--data',
      dir,
    ]);
    expect(next.stderr).not.toMatch(/another sync/);
    expect(next.stdout).toMatch(/LastMile daily sync \S+: OK/);
    expect(next.code).toBe(0);
    expect(core.db.prepare('SELECT count(*) AS n FROM sync_lock').get()).toEqual({ n: 0 });
  });

  it("a crashed holder's lock is taken over only after the heartbeat timeout", async () => {
    const dir = temps.make('lastmile-lock-');
    const core = openCore(dir);
    const staleAfterMs = 1_500;
    const lock = new SyncLock({ db: core.db, clock: systemClock, staleAfterMs });
    const holder = holdLock(dir, 100);
    await holder.waitForLine(/^locked$/);

    // Alive and heartbeating: refused, for longer than the timeout.
    const refusedUntil = Date.now() + staleAfterMs + 500;
    while (Date.now() < refusedUntil) {
      expect((await acquireError(lock))?.code).toBe('SYNC_ALREADY_RUNNING');
      await sleep(250);
    }

    await stopChild(holder); // SIGKILL: no release, the row stays
    const lastBeat = (core.db.prepare('SELECT heartbeat_at FROM sync_lock').get() as { heartbeat_at: number })
      .heartbeat_at;
    let takenAt = 0;
    for (let i = 0; i < 100 && takenAt === 0; i++) {
      const err = await acquireError(lock);
      if (err === null) takenAt = Date.now();
      else {
        expect(err.code).toBe('SYNC_ALREADY_RUNNING');
        await sleep(100);
      }
    }
    expect(takenAt).toBeGreaterThan(0);
    expect(takenAt - lastBeat).toBeGreaterThan(staleAfterMs);
  });

  it('a holder whose lock was taken over learns it at its next heartbeat; a clock far behind a stale beat does not keep it', async () => {
    const dir = temps.make('lastmile-lock-');
    const core = openCore(dir);
    let now = 1_000_000;
    const clock = { now: () => now };
    const a = new SyncLock({ db: core.db, clock, staleAfterMs: 1_000, heartbeatMs: 60_000 });
    const b = new SyncLock({ db: core.db, clock, staleAfterMs: 1_000, heartbeatMs: 60_000 });
    const first = await a.acquire('first');
    await expect(b.acquire('second')).rejects.toThrowError(/SYNC_ALREADY_RUNNING/);
    now += 2_000;
    const second = await b.acquire('second');
    expect(await first.heartbeat()).toBe(false);
    expect(first.lost.aborted).toBe(true);
    expect(await second.heartbeat()).toBe(true);
    // The clock steps back an hour after a crash: the old heartbeat lies "in the future" and is stale.
    now -= 3_600_000;
    const third = await a.acquire('third');
    await first.release(); // releasing a lost lock does not remove the new holder's row
    expect(a.current()?.holder).toBe('third');
    await third.release();
    expect(a.current()).toBeNull();
  });
});
