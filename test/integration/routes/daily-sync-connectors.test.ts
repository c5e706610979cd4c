import { afterEach, describe, expect, it } from 'vitest';
import type { UserView } from '../../../src/shared/domain';
import { startNinjaVanFake, type NinjaVanFake } from '../../../src/main/carriers/ninja-van/fake-server';
import {
  startSeventeenTrackFake,
  type SeventeenTrackFake,
} from '../../../src/main/carriers/seventeen-track/fake-server';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import type { Clock } from '../../../src/main/clock';
import { createCore, type Core } from '../../../src/main/core';
import { writeTransaction } from '../../../src/main/db/write';
import { silentLogger } from '../../../src/main/logger';
import { seededRandom } from '../../../src/main/random';
import { attachStoredSync, storeSyncConfig } from '../../../src/main/sync/attach-sync';
import type { SyncService } from '../../../src/main/sync/sync-service';
import { TempDirs } from '../../helpers/temp-dir';
import { freePort } from '../fixtures/carrier-harness';

/** Real time plus a jump the test makes: the station and every fake share it. */
class JumpingClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  jump(ms: number): void {
    this.offset += ms;
  }
}

const T17_KEY = '17-key-for-the-fake';
const NV_ID = 'nv-client';
const NV_SECRET = 'nv-secret';
const FAILOVER_MS = 10_000;
const fast = { requestsPerSecond: 100, burst: 20, maxConcurrency: 2, requestTimeoutMs: 2_000 };

const temps = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  temps.cleanup();
});

interface Station {
  core: Core;
  sync: SyncService;
  boss: UserView;
}

async function openStation(dir: string, clock: Clock): Promise<Station> {
  const core = createCore({ dataDir: dir, clock, random: seededRandom(11), logger: silentLogger });
  const { service, configError } = attachStoredSync(core, {
    startTrickle: false,
    engine: { drainMaxWaitMs: 1_500 },
  });
  expect(configError).toBeNull();
  const boss = core.db
    .prepare<[], UserView>("SELECT id, name, role FROM users WHERE role = 'supervisor' LIMIT 1")
    .get() as UserView;
  return { core, sync: service, boss };
}

function addParcel(core: Core, id: string, tracking: string, carrier: string, country: string): void {
  const now = core.clock.now();
  core.db
    .prepare(
      `INSERT INTO parcels (id, tracking_number, carrier, country, order_id, direction, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, NULL, 'outbound', 'created', ?, ?)`,
    )
    .run(id, tracking, carrier, country, now, now);
}

/** A new parcel for Malaysia: its row and the tracking registration, routed, in one transaction. */
function newMalaysianParcel(core: Core, n: number) {
  return writeTransaction(core.db, () => {
    addParcel(core, `P-MY-${n}`, `MY${n.toString().padStart(9, '0')}`, 'poslaju', 'MY');
    return core.routes.enqueueRouted(
      core.db,
      { country: 'MY' },
      {
        orderingKey: `parcel:P-MY-${n}`,
        type: 'tracking.watch',
        payload: {
          stationId: core.stationId,
          parcelId: `P-MY-${n}`,
          trackingNumber: `MY${n.toString().padStart(9, '0')}`,
          carrier: 'poslaju',
          requestedAt: core.clock.now(),
        },
      },
    );
  });
}

function outboxOf(core: Core, destination: string) {
  return core.db
    .prepare<[string], { id: string; seq: number; status: string; type: string }>(
      'SELECT id, seq, status, type FROM outbox_events WHERE destination = ? ORDER BY seq',
    )
    .all(destination);
}

describe('the daily sync against the connectors’ fakes, with routes and a backup line', () => {
  it('pulls returns from TikTok Shop and tracking from 17TRACK and Ninja Van, pushes the receipt decision signed and once, and fails new work over to the backup line while the primary is down', async () => {
    const clock = new JumpingClock();
    const tts: FakeTikTokShop = await startFakeTikTokShop({ clock, region: 'MY' });
    cleanups.push(() => tts.close());
    const t17: SeventeenTrackFake = await startSeventeenTrackFake({ apiKey: T17_KEY, clock });
    cleanups.push(() => t17.close());
    const nv: NinjaVanFake = await startNinjaVanFake({
      clientId: NV_ID,
      clientSecret: NV_SECRET,
      country: 'my',
      clock,
    });
    cleanups.push(() => nv.close());
    // AfterShip, the primary line for Malaysia, is down: nothing listens where it is configured.
    const deadPort = await freePort();

    const dir = temps.make('lastmile-connectors-');
    let station = await openStation(dir, clock);
    cleanups.push(() => station.core.close());
    const { core } = station;
    await storeSyncConfig(core, {
      destinations: [
        {
          name: 'tiktok_shop',
          kind: 'tiktok-shop',
          baseUrl: tts.url,
          authBaseUrl: tts.url,
          appKey: tts.appKey,
          appSecret: tts.appSecret,
          shopCipher: tts.shopCipher,
          refreshToken: tts.refreshToken(),
          limits: fast,
        },
        {
          name: 'seventeen',
          kind: 'seventeen-track',
          apiKey: T17_KEY,
          baseUrl: t17.baseUrl,
          market: 'TH',
          // Pulls ask about Thai Post parcels only; other numbers reach 17TRACK only when routed there.
          carriers: ['thailand-post'],
          carrierKeys: { 'thailand-post': 22041 },
          limits: fast,
        },
        {
          name: 'ninjavan-my',
          kind: 'ninja-van',
          clientId: NV_ID,
          clientSecret: NV_SECRET,
          country: 'my',
          baseUrl: nv.baseUrl,
          limits: { ...fast, maxBatchSize: 1 },
        },
        {
          name: 'aftership',
          kind: 'aftership',
          apiKey: 'as-key',
          baseUrl: `http://127.0.0.1:${deadPort.toString()}`,
          market: 'MY',
          limits: { ...fast, maxBatchSize: 1 },
        },
      ],
      feeds: { returns: ['tiktok_shop'], tracking: ['seventeen', 'ninjavan-my'] },
      failoverAfterMs: FAILOVER_MS,
    });
    // The stored configuration is read at start: open the station again, as an operator would.
    await station.sync.close();
    await core.close();
    cleanups.pop();
    station = await openStation(dir, clock);
    cleanups.push(() => station.core.close());

    // What the carriers and the platform know.
    // Updated a minute ago: a pull's window ends at the current second.
    const ret = tts.addReturn({
      status: 'BUYER_SHIPPED_ITEM',
      region: 'MY',
      updateTime: Math.floor(clock.now() / 1000) - 60,
    });
    addParcel(station.core, 'P-TH-1', 'EE123456789TH', 'thailand-post', 'TH');
    addParcel(station.core, 'P-NV-1', 'NVMY0000001', 'ninjavan-my', 'MY');
    t17.preRegister(['EE123456789TH']);
    t17.setEvents('EE123456789TH', [
      {
        time_iso: '2026-05-01T08:00:00+07:00',
        description: 'Picked up',
        location: 'Bangkok',
        sub_status: 'InTransit_PickedUp',
      },
    ]);
    const nvAt = new Date(clock.now() - 3_600_000).toISOString().replace('Z', '+0000');
    nv.setEvents('NVMY0000001', [{ status: 'Pending Pickup', timestamp: nvAt }]);
    await station.core.routes.set({ country: 'MY', primary: 'aftership', backup: 'seventeen' }, station.boss);

    // Five new parcels while AfterShip still looks fine: they go to the primary.
    for (let n = 1; n <= 5; n++)
      expect((await newMalaysianParcel(station.core, n)).destination).toBe('aftership');

    // ---- Daily sync 1: pulls work; AfterShip does not answer, its circuit opens.
    const first = await station.sync.runDaily('cli', station.boss);
    expect(first.pulls.map((p) => [p.source, p.error])).toEqual([
      ['tiktok_shop:returns', null],
      ['tiktok_shop:orders', null],
      [expect.stringContaining('seventeen'), null],
      [expect.stringContaining('ninjavan-my'), null],
    ]);
    const order = station.core.db
      .prepare<[string], { id: string; status: string }>(
        'SELECT id, status FROM return_orders WHERE platform_return_id = ?',
      )
      .get(ret.return_id);
    expect(order?.status).toBe('expected');
    const sources = station.core.db
      .prepare<[], { source: string; tracking: string }>(
        `SELECT t.source, p.tracking_number AS tracking FROM tracking_events t JOIN parcels p ON p.id = t.parcel_id
         ORDER BY p.tracking_number`,
      )
      .all();
    expect(sources).toEqual([
      { source: expect.stringContaining('seventeen'), tracking: 'EE123456789TH' },
      { source: expect.stringContaining('ninjavan-my'), tracking: 'NVMY0000001' },
    ]);
    expect(outboxOf(station.core, 'aftership').map((e) => e.status)).toEqual(Array(5).fill('pending'));
    const downSince = station.core.routes.status().routes[0]?.primaryDownSince ?? null;
    expect(downSince).not.toBeNull();
    // Down, but not for long enough: new work would still go to the primary.
    expect(station.core.routes.resolveLine({ country: 'MY' })).toEqual({
      primary: 'aftership',
      backup: 'seventeen',
      active: 'primary',
      reason: 'primary_down_briefly',
    });

    // The clerk approves the received return (as QC completion enqueues it); the platform's answer
    // to the approval will be lost after it applied it.
    const decision = await writeTransaction(station.core.db, () =>
      station.core.outbox.enqueue(station.core.db, {
        destination: 'tiktok_shop',
        orderingKey: `return:${order?.id ?? ''}`,
        type: 'return.receipt_decided',
        payload: {
          stationId: station.core.stationId,
          returnOrderId: order?.id ?? '',
          platformReturnId: ret.return_id,
          decision: 'approve',
          rejectReason: null,
          comment: null,
          images: [],
          decidedBy: station.boss.id,
          decidedAt: clock.now(),
        },
      }),
    );
    tts.inject({ route: 'approve', kind: 'reset', afterApply: true });

    // ---- The primary stays down past failoverAfterMs; a restart in between forgets nothing.
    clock.jump(FAILOVER_MS + 1_000);
    await station.sync.close();
    await station.core.close();
    cleanups.pop();
    station = await openStation(dir, clock);
    cleanups.push(() => station.core.close());
    expect(station.core.routes.resolveLine({ country: 'MY' })).toEqual({
      primary: 'aftership',
      backup: 'seventeen',
      active: 'backup',
      reason: 'primary_down',
    });
    const moved = [];
    for (let n = 6; n <= 8; n++) moved.push(await newMalaysianParcel(station.core, n));
    expect(moved.map((m) => m.destination)).toEqual(['seventeen', 'seventeen', 'seventeen']);

    // ---- Daily sync 2 (and more, while the lost answer's retry waits): everything but AfterShip's queue goes.
    const reports = [await station.sync.runDaily('cli', station.boss)];
    const delivered = (id: string) =>
      station.core.db
        .prepare<[string], { status: string }>('SELECT status FROM outbox_events WHERE id = ?')
        .get(id)?.status === 'delivered';
    for (let round = 0; round < 20 && ![decision.id, ...moved.map((m) => m.id)].every(delivered); round++) {
      reports.push(await station.sync.runDaily('cli', station.boss));
    }
    expect([decision.id, ...moved.map((m) => m.id)].every(delivered)).toBe(true);

    // The receipt decision: sent twice (the answer was lost), applied once, signed as the platform checks.
    expect(tts.decisionRequests(decision.idempotencyKey)).toBeGreaterThanOrEqual(2);
    expect(tts.applications(decision.idempotencyKey)).toBe(1);
    expect(tts.decisionsFor(ret.return_id).map((d) => d.decision)).toEqual(['APPROVE_RECEIVED_PACKAGE']);
    expect(new Set(tts.log('approve').map((l) => l.query.idempotency_key))).toEqual(
      new Set([decision.idempotencyKey]),
    );
    expect(tts.stats().badSignatures).toBe(0);
    expect(tts.log('approve').every((l) => l.query.sign !== undefined && l.query.sign.length === 64)).toBe(
      true,
    );

    // The new work went to the backup line and was registered there exactly once, counted at the
    // fake before its own "already registered" check.
    for (let n = 6; n <= 8; n++) {
      const number = `MY${n.toString().padStart(9, '0')}`;
      expect(t17.registrations(number), number).toBe(1);
      expect(t17.isRegistered(number)).toBe(true);
    }
    // The work queued for the primary stayed there, in order, untouched: its call is AfterShip's.
    const primaryQueue = outboxOf(station.core, 'aftership');
    expect(primaryQueue.map((e) => e.status)).toEqual(Array(5).fill('pending'));
    expect(primaryQueue.map((e) => e.seq)).toEqual([...primaryQueue.map((e) => e.seq)].sort((a, b) => a - b));
    for (let n = 1; n <= 5; n++) expect(t17.registrations(`MY${n.toString().padStart(9, '0')}`)).toBe(0);

    // The report of the run after the failover counts the work sent to the backup line, once.
    expect(reports[0]?.backupLines).toEqual([
      { country: 'MY', sellerId: null, primary: 'aftership', backup: 'seventeen', sent: 3 },
    ]);
    expect(reports[0]?.status).not.toBe('ok');
    for (const later of reports.slice(1)) expect(later.backupLines).toEqual([]);

    // ---- One more daily sync: nothing is sent again.
    const requestsBefore = tts.decisionRequests(decision.idempotencyKey);
    const last = await station.sync.runDaily('cli', station.boss);
    expect(tts.decisionRequests(decision.idempotencyKey)).toBe(requestsBefore);
    expect(tts.applications(decision.idempotencyKey)).toBe(1);
    for (let n = 6; n <= 8; n++) expect(t17.registrations(`MY${n.toString().padStart(9, '0')}`)).toBe(1);
    expect(last.backupLines).toEqual([]);
  }, 180_000);
});
