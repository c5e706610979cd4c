import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import type { CutoffTableRow } from '../../../src/shared/packing/carrier-cutoffs';
import type { CutoffException, PackSession } from '../../../src/shared/packing/pack-views';
import { makeTestCore } from '../../helpers/core-factory';
import { erpLampOrder } from '../../helpers/packing/erp-order';
import { FakeCarrier, httpBooking } from '../../helpers/packing/fake-carrier';
import { benchCalls, readyPackPrinter, saveSmallBox } from '../../helpers/packing/pack-bench';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { signInSupervisor } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
const T0 = Date.UTC(2026, 0, 15, 8, 0);
const HOUR = 3_600_000;
/** 17:00 in Kuala Lumpur (UTC+8) on 2026-01-<day>. */
const kl17 = (day: number) => Date.UTC(2026, 0, day, 9, 0);
const BENCH = { clientId: 'cutoff-bench' };
const SUPERVISOR = { clientId: 'cutoff-supervisor' };

/**
 * Cut-off exceptions and their resolution through the contract, on a real SQLite file: ERP orders
 * packed on J&T (booked over HTTP on 127.0.0.1), the dock's cut-offs from the data table and the
 * supervisor's overrides, each resolution, its replay and its refusals, and a rebooked parcel
 * labelled again on Pos Malaysia and handed over once.
 */
describe('cut-off exceptions', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  const { id, call, pack, refused } = benchCalls(BENCH, 'cut');
  const scan = (code: string) => ({ code, source: 'scanner' });

  async function bench() {
    const printer = await FakePrinter.start();
    const jnt = await FakeCarrier.start('JMY');
    const posmy = await FakeCarrier.start('EP');
    const { core, clock } = makeTestCore(dirs.make(), {
      now: T0,
      printing: { backoff: { baseMs: 20, capMs: 100 } },
      packing: {
        booking: httpBooking({ 'jnt-my': jnt, posmy }),
        timeZone: 'Asia/Kuala_Lumpur',
        labelRetryMs: 0,
        bookingTimeoutMs: 2_000,
      },
    });
    cleanups.push(
      () => printer.close(),
      () => jnt.close(),
      () => posmy.close(),
      () => core.close(),
    );
    await readyPackPrinter(core, SUPERVISOR, printer.address);
    await call(core, 'setRoute', SUPERVISOR, { country: 'MY', primary: 'jnt-my', backup: 'posmy' });
    await saveSmallBox(core);
    return { core, clock, jnt, posmy };
  }

  async function packLamp(core: Core, ref: string) {
    await pack(core, 'packOpen', scan(ref));
    await pack(core, 'packScanItem', scan('9555123400017'));
    await pack(core, 'packWeigh', {
      reading: { kind: 'typed', text: '600 g' },
      box: { kind: 'preset', code: 'S2' },
    });
    await pack(core, 'packRoute', {});
    return pack<{ packageId: string; trackingNumber: string | null; state: string }>(
      core,
      'packComplete',
      {},
    );
  }

  /** The supervisor's session ends when idle: they sign in again after the clock jumps. */
  const asSupervisor = async <T>(core: Core, name: string, input: Record<string, unknown>) => {
    await signInSupervisor(core, SUPERVISOR.clientId);
    return call<T>(core, name, SUPERVISOR, input);
  };
  const exceptions = (core: Core) => call<CutoffException[]>(core, 'packCutoffExceptions', BENCH, {});

  it('lists late parcels with market and next pickup; next_pickup, note and rebook resolve them once', async () => {
    const { core, clock, jnt, posmy } = await bench();
    await core.packing.orders.upsertMany(['CUT-1', 'CUT-2', 'CUT-3'].map((r) => erpLampOrder(r, T0)));
    const p1 = await packLamp(core, 'CUT-1');
    const p2 = await packLamp(core, 'CUT-2');
    const p3 = await packLamp(core, 'CUT-3');
    expect([p1.state, p2.state, p3.state]).toEqual(['packed', 'packed', 'packed']);
    const oldTracking = p3.trackingNumber ?? '';
    // CUT-3 is already on the open J&T manifest when it is rebooked: it must come off it.
    const manifest = await pack<{ id: string }>(core, 'manifestOpen', { carrier: 'jnt-my' });
    await pack(core, 'manifestScan', { manifestId: manifest.id, ...scan(oldTracking) });

    // 16:00: before J&T's 17:00 pickup nothing is late.
    expect(await exceptions(core)).toEqual([]);
    clock.advance(2 * HOUR);
    const late = await exceptions(core);
    expect(late.map((e) => e.orderRef)).toEqual(['CUT-1', 'CUT-2', 'CUT-3']);
    expect(late[0]).toMatchObject({
      carrier: 'jnt-my',
      carrierName: 'J&T Express',
      market: 'MY',
      state: 'packed',
      cutoffAt: kl17(15),
      nextPickupAt: kl17(16),
      resolution: null,
      rebookable: true,
    });

    // A clerk cannot resolve; a supervisor can, and the same action id again acts once.
    expect(
      await refused(core, 'packCutoffResolve', { packageId: p1.packageId, action: 'next_pickup' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const waitId = id();
    const waited = await asSupervisor<{ until: number }>(core, 'packCutoffResolve', {
      packageId: p1.packageId,
      action: 'next_pickup',
      clientActionId: waitId,
    });
    expect(waited.until).toBe(kl17(16));
    expect(
      await call(core, 'packCutoffResolve', SUPERVISOR, {
        packageId: p1.packageId,
        action: 'next_pickup',
        clientActionId: waitId,
      }),
    ).toEqual(waited);
    const countOf = (sql: string, ...args: string[]) =>
      core.db.prepare<string[], { n: number }>(sql).get(...args)?.n ?? -1;
    expect(
      countOf('SELECT count(*) AS n FROM pack_cutoff_resolutions WHERE package_id = ?', p1.packageId),
    ).toBe(1);
    expect(
      countOf(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'pack.cutoff_next_pickup' AND entity_id = ?",
        p1.packageId,
      ),
    ).toBe(1);

    // A note is required to acknowledge; with one the parcel stays listed, acknowledged.
    expect(
      await call(core, 'packCutoffResolve', SUPERVISOR, {
        packageId: p2.packageId,
        action: 'note',
        note: '   ',
        clientActionId: id(),
      }).catch((e: Error) => e.message),
    ).toContain('CUTOFF_NOTE_REQUIRED');
    await call(core, 'packCutoffResolve', SUPERVISOR, {
      packageId: p2.packageId,
      action: 'note',
      note: 'Seller collects it himself tomorrow',
      clientActionId: id(),
    });

    // Rebook: the J&T label is voided, the parcel is off the manifest and back at the bench.
    const rebook = await call<{ voidedTracking: string; voidEventId: string }>(
      core,
      'packCutoffResolve',
      SUPERVISOR,
      {
        packageId: p3.packageId,
        action: 'rebook',
        clientActionId: id(),
      },
    );
    expect(rebook.voidedTracking).toBe(oldTracking);
    const voids = core.db
      .prepare<[], { id: string; destination: string; payload: string }>(
        "SELECT id, destination, payload FROM outbox_events WHERE type = 'package.label_voided'",
      )
      .all();
    expect(voids.map((v) => [v.id, v.destination, JSON.parse(v.payload).trackingNumber])).toEqual([
      [rebook.voidEventId, 'jnt-my', oldTracking],
    ]);
    const open = await call<Array<{ id: string; parcels: Array<{ trackingNumber: string }> }>>(
      core,
      'manifestList',
      BENCH,
      { status: 'open' },
    );
    expect(open.find((m) => m.id === manifest.id)?.parcels).toEqual([]);
    expect(core.packing.station.store.pkg(p3.packageId)).toMatchObject({
      state: 'to_pack',
      tracking_number: null,
      packed_at: null,
    });

    const after = await exceptions(core);
    expect(after.map((e) => [e.orderRef, e.resolution?.action ?? null, e.resolution?.note ?? null])).toEqual([
      ['CUT-2', 'note', 'Seller collects it himself tomorrow'],
    ]);
    expect(after[0]?.resolution?.by).toEqual({ id: 'supervisor', name: 'Supervisor' });

    // The rebooked parcel opens at the route step as it was weighed, and goes on the backup line.
    const reopened = await pack<PackSession>(core, 'packOpen', scan('CUT-3'));
    expect(reopened.step).toBe('route');
    expect(reopened.allVerified).toBe(true);
    expect(reopened.weight?.grams).toBe(600);
    expect(reopened.rebooked).toEqual({ voidedTracking: oldTracking, at: expect.any(Number) });
    await pack(core, 'packRoute', { choose: 'backup' });
    const relabelled = await pack<{ state: string; trackingNumber: string; carrier: string }>(
      core,
      'packComplete',
      {},
    );
    expect(relabelled).toMatchObject({ state: 'packed', carrier: 'posmy' });
    expect(relabelled.trackingNumber).toMatch(/^EP/);
    expect(jnt.requests.filter((r) => r.packageId === p3.packageId)).toHaveLength(1);
    expect(posmy.requests.filter((r) => r.packageId === p3.packageId)).toHaveLength(1);

    // Handed over once, with the new number only; a handed-over parcel cannot be resolved.
    const pos = await pack<{ id: string }>(core, 'manifestOpen', { carrier: 'posmy' });
    await pack(core, 'manifestScan', { manifestId: pos.id, ...scan(relabelled.trackingNumber) });
    await pack(core, 'manifestClose', { manifestId: pos.id, driverName: 'Ahmad bin Ali' });
    const handovers = core.db
      .prepare<[], { payload: string }>(
        "SELECT payload FROM outbox_events WHERE type = 'package.handed_over'",
      )
      .all()
      .map((h) => JSON.parse(h.payload).trackingNumber as string);
    expect(handovers).toEqual([relabelled.trackingNumber]);
    expect(
      await call(core, 'packCutoffResolve', SUPERVISOR, {
        packageId: p3.packageId,
        action: 'note',
        note: 'late',
        clientActionId: id(),
      }).catch((e: Error) => e.message),
    ).toContain('CUTOFF_HANDED_OVER');
    expect(
      await call(core, 'packCutoffResolve', SUPERVISOR, {
        packageId: 'no-such-package',
        action: 'next_pickup',
        clientActionId: id(),
      }).catch((e: Error) => e.message),
    ).toContain('CUTOFF_PACKAGE_UNKNOWN');

    // Friday 18:00: CUT-1 missed the pickup it waited for too; the next one skips the weekend.
    clock.set(kl17(16) + HOUR);
    const friday = await exceptions(core);
    const one = friday.find((e) => e.orderRef === 'CUT-1');
    expect(one).toMatchObject({
      cutoffAt: kl17(16),
      nextPickupAt: kl17(19),
      resolution: { action: 'next_pickup' },
    });
  });

  it('a parcel still waiting for its label is rebooked: the slip job cancelled if queued, no void, and the retry does not book it', async () => {
    const { core, clock, jnt, posmy } = await bench();
    await core.packing.orders.upsertMany([erpLampOrder('CUT-7', T0)]);
    jnt.mode = 'down';
    const waiting = await packLamp(core, 'CUT-7');
    expect(waiting).toMatchObject({ state: 'awaiting_label', trackingNumber: null });
    clock.advance(2 * HOUR);
    const [late] = await exceptions(core);
    expect(late).toMatchObject({
      orderRef: 'CUT-7',
      state: 'awaiting_label',
      trackingNumber: null,
      rebookable: true,
    });
    const result = await asSupervisor<{ voidedTracking: string | null; voidEventId: string | null }>(
      core,
      'packCutoffResolve',
      { packageId: waiting.packageId, action: 'rebook', clientActionId: id() },
    );
    expect(result).toMatchObject({ voidedTracking: null, voidEventId: null });
    jnt.mode = 'up';
    expect(await core.packing.station.retryLabels()).toBe(0);
    // Down, J&T never took the booking; after the rebook the retry does not try it again.
    expect(jnt.requests).toHaveLength(0);
    expect(await exceptions(core)).toEqual([]);
    const reopened = await pack<PackSession>(core, 'packOpen', scan('CUT-7'));
    expect(reopened.step).toBe('route');
    await pack(core, 'packRoute', { choose: 'backup' });
    expect(await pack(core, 'packComplete', {})).toMatchObject({ state: 'packed', carrier: 'posmy' });
    expect(posmy.requests.map((r) => r.packageId)).toEqual([waiting.packageId]);
  });

  it('the supervisor edits the cut-off table: an override moves the cut-off, a reset restores the default', async () => {
    const { core, clock } = await bench();
    await core.packing.orders.upsertMany([erpLampOrder('CUT-9', T0)]);
    await packLamp(core, 'CUT-9');
    clock.advance(2 * HOUR);
    expect((await exceptions(core)).map((e) => e.orderRef)).toEqual(['CUT-9']);

    const row = { carrier: 'jnt-my', market: 'MY', lastPickup: '19:30', days: [1, 2, 3, 4, 5, 6] };
    expect(await refused(core, 'packCutoffSet', row)).toMatchObject({ code: 'FORBIDDEN' });
    const bad = await core.dispatch(
      'packCutoffSet',
      { ...row, lastPickup: '25:00', clientActionId: id() },
      SUPERVISOR,
    );
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION_FAILED');
    const table = await asSupervisor<CutoffTableRow[]>(core, 'packCutoffSet', {
      ...row,
      clientActionId: id(),
    });
    expect(table[0]).toMatchObject({
      carrier: 'jnt-my',
      market: 'MY',
      lastPickup: '19:30',
      pickupDays: [1, 2, 3, 4, 5, 6],
      origin: 'override',
      updatedBy: { id: 'supervisor', name: 'Supervisor' },
    });
    expect(table.filter((r) => r.carrier === 'jnt-my' && r.market === 'MY')).toHaveLength(1);
    expect(await exceptions(core)).toEqual([]);
    const audit = core.db
      .prepare<[], { details: string }>("SELECT details FROM audit_log WHERE action = 'pack.cutoff_set'")
      .all();
    expect(audit.map((a) => JSON.parse(a.details).after)).toEqual([
      { lastPickup: '19:30', days: [1, 2, 3, 4, 5, 6] },
    ]);

    const reset = await call<CutoffTableRow[]>(core, 'packCutoffSet', SUPERVISOR, {
      ...row,
      reset: true,
      clientActionId: id(),
    });
    expect(reset.find((r) => r.carrier === 'jnt-my' && r.market === 'MY')).toMatchObject({
      lastPickup: '17:00',
      origin: 'default',
      sourceKind: 'ours',
      pickupDays: [1, 2, 3, 4, 5],
    });
    expect((await exceptions(core)).map((e) => e.orderRef)).toEqual(['CUT-9']);
  });
});
