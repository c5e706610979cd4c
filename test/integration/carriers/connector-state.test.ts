import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteConnectorState } from '../../../src/main/carriers/sqlite-state';
import { DATABASE_FILE } from '../../../src/main/core';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { until } from '../fixtures/carrier-harness';
import { WriteLockHolder } from '../fixtures/write-lock-holder';

const temps = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  temps.cleanup();
});

function open(dir: string) {
  const made = makeTestCore(dir);
  cleanups.push(() => made.core.close());
  return made;
}

describe('connector state in the station database', () => {
  it('survives a restart: values, remembered ids until they expire, per destination', async () => {
    const dir = temps.make('lastmile-cstate-');
    const first = open(dir);
    const a = new SqliteConnectorState({ db: first.core.db, clock: first.clock, destination: 'tiktok_shop' });
    const b = new SqliteConnectorState({ db: first.core.db, clock: first.clock, destination: 'ninjavan-my' });
    a.set('token', 'access-1');
    a.set('token', 'access-2');
    b.set('token', 'other');
    expect(a.remember('notif-1', 60_000)).toBe(true);
    expect(a.remember('notif-1', 60_000)).toBe(false);
    a.close();
    b.close();
    await first.core.close();
    cleanups.length = 0;

    // A new process on the same folder: what the last one learned is there.
    const second = open(dir);
    second.clock.set(first.clock.now() + 30_000);
    const again = new SqliteConnectorState({
      db: second.core.db,
      clock: second.clock,
      destination: 'tiktok_shop',
    });
    expect(again.get('token')).toBe('access-2');
    expect(again.remember('notif-1', 60_000)).toBe(false);
    expect(
      new SqliteConnectorState({ db: second.core.db, clock: second.clock, destination: 'ninjavan-my' }).get(
        'token',
      ),
    ).toBe('other');
    // After its time a remembered id may come again, and the old row is pruned with the next write.
    second.clock.advance(31_000);
    expect(again.remember('notif-1', 60_000)).toBe(true);
    expect(
      second.core.db
        .prepare(
          "SELECT count(*) AS n FROM connector_state WHERE destination = 'tiktok_shop' AND key LIKE 'remembered:%'",
        )
        .get(),
    ).toEqual({ n: 1 });
  });

  it('a write another process locks out is kept, answered from memory, and saved once the lock is gone, in order', async () => {
    const dir = temps.make('lastmile-cstate-lock-');
    const { core, clock } = open(dir);
    const state = new SqliteConnectorState({ db: core.db, clock, destination: 'hub' });
    cleanups.push(() => state.close());
    const holder = await WriteLockHolder.start(path.join(dir, DATABASE_FILE));
    cleanups.push(() => holder.stop());
    await holder.lock();
    state.set('cursor', 'page-1');
    state.set('cursor', 'page-2');
    expect(state.get('cursor')).toBe('page-2');
    expect(state.pendingWrites).toBe(2);
    const stored = () =>
      core.db
        .prepare<[], { value: string }>(
          "SELECT value FROM connector_state WHERE destination = 'hub' AND key = 'cursor'",
        )
        .get()?.value;
    expect(stored()).toBeUndefined();
    await holder.release();
    await until(() => state.pendingWrites === 0, 15_000);
    expect(stored()).toBe('page-2');
  });
});
