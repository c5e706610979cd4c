import { afterEach, describe, expect, it } from 'vitest';
import type { UserView } from '../../../src/shared/domain';
import { SqliteConnectorState } from '../../../src/main/carriers/sqlite-state';
import { writeTransaction } from '../../../src/main/db/write';
import { CIRCUIT_DOWN_SINCE_KEY } from '../../../src/main/sync/circuit-memory';
import { storeSyncConfig } from '../../../src/main/sync/attach-sync';
import { DEFAULT_FAILOVER_AFTER_MS } from '../../../src/main/sync/failover-config';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
let BOSS: UserView;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  temps.cleanup();
});

function setup() {
  const made = makeTestCore(temps.make('lastmile-routes-'));
  cleanups.push(() => made.core.close());
  BOSS = made.core.db
    .prepare<[], UserView>("SELECT id, name, role FROM users WHERE role = 'supervisor' LIMIT 1")
    .get() as UserView;
  const state = (destination: string) =>
    new SqliteConnectorState({ db: made.core.db, clock: made.clock, destination });
  return {
    ...made,
    down: (d: string, since: number | null) =>
      state(d).set(CIRCUIT_DOWN_SINCE_KEY, since === null ? '' : String(since)),
  };
}

describe('RouteBook: routes, backup lines and failover', () => {
  it('keeps one route per country and seller, audited, and a seller route wins over the country route', async () => {
    const { core } = setup();
    await core.routes.set({ country: 'MY', primary: 'ninjavan-my', backup: 'jnt-my' }, BOSS);
    await core.routes.set({ country: 'MY', sellerId: 'S-1', primary: 'jnt-my', backup: null }, BOSS);
    // The same key again replaces, never duplicates.
    await core.routes.set({ country: 'MY', primary: 'ninjavan-my', backup: 'test-carrier' }, BOSS);
    expect(core.routes.list().map((r) => [r.country, r.sellerId, r.primary, r.backup])).toEqual([
      ['MY', null, 'ninjavan-my', 'test-carrier'],
      ['MY', 'S-1', 'jnt-my', null],
    ]);
    expect(core.routes.resolveLine({ country: 'MY', sellerId: 'S-1' }).primary).toBe('jnt-my');
    expect(core.routes.resolveLine({ country: 'MY', sellerId: 'S-2' }).primary).toBe('ninjavan-my');
    expect(() => core.routes.resolveLine({ country: 'TH' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    const actions = core.db
      .prepare<[], { action: string }>("SELECT action FROM audit_log WHERE entity_type = 'route' ORDER BY id")
      .all()
      .map((r) => r.action);
    expect(actions).toEqual(['route.create', 'route.create', 'route.update']);
    expect(await core.routes.delete({ country: 'MY', sellerId: 'S-1' }, BOSS)).toEqual({ deleted: true });
    expect(await core.routes.delete({ country: 'MY', sellerId: 'S-1' }, BOSS)).toEqual({ deleted: false });
    await expect(core.routes.set({ country: 'MY', primary: 'a', backup: 'a' }, BOSS)).rejects.toMatchObject({
      code: 'ROUTE_LINES_SAME',
    });
  });

  it('new work goes to the backup only after the primary has been down longer than failoverAfterMs', async () => {
    const { core, clock, down } = setup();
    await storeSyncConfig(core, { destinations: [], failoverAfterMs: 60_000 });
    await core.routes.set({ country: 'MY', primary: 'ninjavan-my', backup: 'jnt-my' }, BOSS);
    const line = () => core.routes.resolveLine({ country: 'MY' });
    expect(line()).toEqual({
      primary: 'ninjavan-my',
      backup: 'jnt-my',
      active: 'primary',
      reason: 'primary_up',
    });

    down('ninjavan-my', clock.now());
    clock.advance(59_999);
    expect(line()).toMatchObject({ active: 'primary', reason: 'primary_down_briefly' });
    clock.advance(1);
    expect(line()).toMatchObject({ active: 'backup', reason: 'primary_down' });
    // Both down: moving work gains nothing.
    down('jnt-my', clock.now());
    expect(line()).toMatchObject({ active: 'primary', reason: 'backup_down' });
    down('jnt-my', null);
    // A clock stepped back before the outage began is "just went down", never "down for ages".
    clock.advance(-3_600_000);
    expect(line()).toMatchObject({ active: 'primary', reason: 'primary_down_briefly' });
    clock.advance(3_600_000);
    // The primary answers again: new work returns to it.
    down('ninjavan-my', null);
    expect(line()).toMatchObject({ active: 'primary', reason: 'primary_up' });

    await core.routes.set({ country: 'TH', primary: 'kerry', backup: null }, BOSS);
    down('kerry', clock.now() - 120_000);
    expect(core.routes.resolveLine({ country: 'TH' })).toMatchObject({
      active: 'primary',
      reason: 'no_backup',
    });
  });

  it('failoverAfterMs is validated where the sync configuration is stored, and defaults when absent', async () => {
    const { core } = setup();
    expect(core.routes.status().failoverAfterMs).toBe(DEFAULT_FAILOVER_AFTER_MS);
    await expect(storeSyncConfig(core, { destinations: [], failoverAfterMs: 5 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      params: { field: 'failoverAfterMs' },
    });
    await storeSyncConfig(core, { destinations: [], failoverAfterMs: 120_000 });
    expect(core.routes.status().failoverAfterMs).toBe(120_000);
  });

  it('routed work is enqueued on the active line in the caller transaction, and the report takes the backup count once', async () => {
    const { core, clock, down } = setup();
    await storeSyncConfig(core, { destinations: [], failoverAfterMs: 60_000 });
    await core.routes.set({ country: 'MY', primary: 'seventeen', backup: 'aftership' }, BOSS);
    const watch = (n: number) =>
      writeTransaction(core.db, () =>
        core.routes.enqueueRouted(
          core.db,
          { country: 'MY' },
          {
            orderingKey: `parcel:P${n}`,
            type: 'tracking.watch',
            payload: {
              stationId: core.stationId,
              parcelId: `P${n}`,
              trackingNumber: `NV${n}`,
              carrier: 'ninjavan-my',
              requestedAt: clock.now(),
            },
          },
        ),
      );
    expect((await watch(1)).destination).toBe('seventeen');
    down('seventeen', clock.now());
    clock.advance(61_000);
    const moved = await watch(2);
    expect(moved).toMatchObject({
      destination: 'aftership',
      line: { active: 'backup', reason: 'primary_down' },
    });
    await watch(3);
    // A failed caller transaction leaves neither the event nor its dispatch row.
    await expect(
      writeTransaction(core.db, () => {
        core.routes.enqueueRouted(
          core.db,
          { country: 'MY' },
          {
            orderingKey: 'parcel:P4',
            type: 'tracking.watch',
            payload: {
              stationId: core.stationId,
              parcelId: 'P4',
              trackingNumber: 'NV4',
              carrier: 'x',
              requestedAt: 0,
            },
          },
        );
        throw new Error('the clerk action failed');
      }),
    ).rejects.toThrow('the clerk action failed');
    expect(
      core.db
        .prepare(
          'SELECT destination, count(*) AS n FROM outbox_events GROUP BY destination ORDER BY destination',
        )
        .all(),
    ).toEqual([
      { destination: 'aftership', n: 2 },
      { destination: 'seventeen', n: 1 },
    ]);
    const status = core.routes.status();
    expect(status.routes[0]).toMatchObject({ sentToBackup24h: 2, primaryDownSince: clock.now() - 61_000 });
    expect(await core.routes.takeBackupCounts()).toEqual([
      { country: 'MY', sellerId: null, primary: 'seventeen', backup: 'aftership', sent: 2 },
    ]);
    expect(await core.routes.takeBackupCounts()).toEqual([]);
  });
});
