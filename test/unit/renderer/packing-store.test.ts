import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Feedback } from '../../../src/renderer/src/features/scan/feedback-tones';
import {
  createPackingStore,
  type PackingStore,
} from '../../../src/renderer/src/features/packing/packing-store';
import { nextAction } from '../../../src/renderer/src/features/packing/next-action';
import type { LastmileApi } from '../../../src/shared/contract';
import { AppError } from '../../../src/shared/errors';
import type {
  ChargeableView,
  LateRiskView,
  ManifestView,
  PackSession,
  RouteOption,
} from '../../../src/shared/packing/pack-views';
import type { LiveScaleReading } from '../../../src/shared/scales/live-reading';
import { press } from '../../helpers/key-input';

/**
 * The packing store against a scripted bench: the calls it makes, in order, and what the packer
 * sees and hears. The flow behind the calls is the core's (tested there); this pins the screen's side.
 */

const RISK: LateRiskView = {
  status: 'at_risk',
  reason: 'deadline_soon',
  deadline: 'shipBy',
  deadlineAt: 1_800_000_000_000,
  remainingWorkingMinutes: 60,
  remainingMs: 3_600_000,
  calendarCovered: true,
};

const CHARGE: ChargeableView = {
  service: 'jnt-my-domestic',
  basis: 'actual',
  actualGrams: 850,
  volumetricGrams: 400,
  billed: { amount: '1', unit: 'kg' },
  chargeableGrams: 1000,
  problems: [],
};

const option = (carrier: string, name: string): RouteOption => ({
  destination: `${carrier}-main`,
  carrier,
  carrierName: name,
  serviceId: 'jnt-my-domestic',
  serviceName: 'Domestic',
  listed: true,
  chargeable: CHARGE,
  refusedClasses: [],
  blockers: [],
});

/** A bench with one order of two mugs and a plate; every call is recorded. */
function fakeBench(options: { serialMug?: boolean; platformDock?: boolean } = {}) {
  const calls: Array<[string, unknown]> = [];
  let session: PackSession | null = null;
  const manifest: ManifestView = {
    id: 'man-1',
    carrier: 'jnt',
    carrierName: 'J&T Express',
    date: '2026-12-02',
    status: 'open',
    openedBy: 'u',
    openedAt: 0,
    closedAt: null,
    driverName: null,
    parcels: [],
    totals: { parcels: 0, weightGrams: 0, codParcels: 0, cod: [] },
    missing: ['JT0002'],
  };
  const fresh = (): PackSession => ({
    sessionId: 's1',
    packageId: 'p1',
    packageNo: 1,
    orderId: 'o1',
    orderRef: 'ORD-1',
    source: 'erp:acme',
    seller: 'acme',
    market: 'MY',
    recipient: { name: 'Aisyah', city: 'KL', postcode: '50000', country: 'MY' },
    cod: null,
    notes: null,
    step: 'verify',
    lines: [
      {
        lineRef: 'L1',
        sku: 'MUG',
        productName: 'Mug',
        barcode: '9555000000017',
        quantity: 2,
        verified: 0,
        remaining: 2,
        serials: [],
        serialRequired: options.serialMug ?? false,
        unitGrams: 300,
      },
      {
        lineRef: 'L2',
        sku: 'PLATE',
        productName: 'Plate',
        barcode: '9555000000024',
        quantity: 1,
        verified: 0,
        remaining: 1,
        serials: [],
        serialRequired: false,
        unitGrams: 200,
      },
    ],
    allVerified: false,
    weight: null,
    route: null,
    risk: RISK,
    photoRequired: false,
    photo: null,
    openedAt: 0,
    openedBy: 'u',
    combined: [],
    platformLabel: null,
    rebooked: null,
  });
  const scale: { now: LiveScaleReading; reads: number } = {
    now: {
      configured: false,
      kind: 'none',
      state: 'waiting',
      grams: null,
      stable: false,
      lastFault: null,
      commands: [],
    },
    reads: 0,
  };
  const api = {
    packScaleReading: async () => {
      scale.reads++;
      return scale.now;
    },
    packScaleCommand: async (input: { command: 'zero' | 'tare' }) => {
      calls.push(['packScaleCommand', input.command]);
      return { command: input.command, tareGrams: input.command === 'tare' ? 120 : 0 };
    },
    packState: async () => ({ session }),
    packQueue: async () => ({ items: [], totals: { orders: 0, late: 0, atRisk: 0 }, byWorkingDay: [] }),
    packShiftSummary: async () => ({
      userId: null,
      from: 0,
      to: 0,
      orders: 0,
      parcels: 0,
      items: 0,
      minutesPerOrder: null,
      late: 0,
      awaitingLabel: 0,
      serials: [],
      handedOver: 0,
      wrongItemScans: 0,
    }),
    packOpen: async (input: { code: string }) => {
      calls.push(['packOpen', input.code]);
      if (input.code !== 'ORD-1') throw new AppError('PACK_ORDER_NOT_FOUND', { code: input.code });
      session = fresh();
      return session;
    },
    packScanItem: async (input: { code: string; serial?: string }) => {
      calls.push(['packScanItem', input.serial ? `${input.code}+${input.serial}` : input.code]);
      if (!session) throw new AppError('PACK_NO_SESSION');
      const line = session.lines.find((l) => l.barcode === input.code);
      if (!line) throw new AppError('PACK_WRONG_ITEM', { scanned: input.code, orderRef: session.orderRef });
      if (line.serialRequired && !input.serial) {
        throw new AppError('PACK_SERIAL_REQUIRED', { sku: line.sku, missing: 1 });
      }
      if (input.serial && session.lines.some((l) => l.barcode === input.serial)) {
        throw new AppError('PACK_SERIAL_IS_ITEM', { scanned: input.serial, sku: line.sku });
      }
      if (input.serial) line.serials.push(input.serial);
      line.verified += 1;
      line.remaining -= 1;
      session.allVerified = session.lines.every((l) => l.remaining === 0);
      if (session.allVerified) session.step = 'weigh';
      return { session, lineRef: line.lineRef, remaining: line.remaining, allVerified: session.allVerified };
    },
    packWeigh: async (input: { reading: unknown; box: unknown }) => {
      calls.push(['packWeigh', { reading: input.reading, box: input.box }]);
      if (!session) throw new AppError('PACK_NO_SESSION');
      session.step = 'route';
      session.weight = {
        grams: 850,
        source: 'typed',
        box: { code: 'S2', name: 'Small' },
        dims: { lengthMm: 200, widthMm: 150, heightMm: 100 },
        tareGrams: 80,
        expected: {
          verdict: 'ok',
          measuredGrams: 850,
          expectedGrams: 880,
          differenceGrams: -30,
          allowedGrams: 64,
          skusWithoutWeight: [],
        },
        warning: false,
        chargeable: CHARGE,
      };
      return { session, weight: session.weight };
    },
    packRoute: async (input: { choose?: string }) => {
      calls.push(['packRoute', input.choose ?? null]);
      if (!session) throw new AppError('PACK_NO_SESSION');
      session.step = 'ready';
      session.route = {
        primary: option('jnt', 'J&T Express'),
        backup: option('ninjavan', 'Ninja Van'),
        chosen: 'backup',
        reason: 'primary_down',
        remoteArea: { flagged: false, area: null },
        itemClasses: [],
        country: 'MY',
        postcode: '50000',
        cod: null,
      };
      return { session, route: session.route };
    },
    packComplete: async () => {
      calls.push(['packComplete', null]);
      session = null;
      return {
        orderId: 'o1',
        packageId: 'p1',
        state: 'packed' as const,
        carrier: 'ninjavan',
        destination: 'ninjavan-main',
        trackingNumber: 'NV123',
        shipEventId: 'e1',
        printJobs: [{ jobId: 'j1', kind: 'label' as const }],
      };
    },
    packCombinable: async () => {
      calls.push(['packCombinable', null]);
      const offered = session !== null && session.combined.length === 0;
      return {
        basis: 'platform' as const,
        reason: null,
        orders: offered ? [{ orderId: 'o2', orderRef: 'ORD-2', lines: 1, items: 1 }] : [],
      };
    },
    packCombine: async (input: { orderId: string }) => {
      calls.push(['packCombine', input.orderId]);
      if (!session) throw new AppError('PACK_NO_SESSION');
      session.combined = [{ orderId: input.orderId, orderRef: 'ORD-2' }];
      session.lines.push({
        ...(session.lines[1] as PackSession['lines'][number]),
        lineRef: 'o2:1',
        sku: 'CUP',
      });
      return { session, combineEventId: 'evt-combine', confirmed: true };
    },
    packUncombine: async (input: { orderId: string }) => {
      calls.push(['packUncombine', input.orderId]);
      if (!session) throw new AppError('PACK_NO_SESSION');
      session.combined = [];
      session.lines = session.lines.filter((l) => !l.lineRef.startsWith(`${input.orderId}:`));
      return { session, orderRef: 'ORD-2', itemsOut: 1, uncombineEventId: null };
    },
    manifestList: async () => [manifest],
    // A TikTok Shop parcel whose provider has no carrier code of ours waits under the platform's line.
    packDockCarriers: async () =>
      options.platformDock
        ? [
            {
              carrier: 'tiktok-platform',
              carrierName: 'TikTok Shop',
              parcels: 1,
              providers: ['Flash Express'],
            },
          ]
        : [],
    manifestOpen: async (input: { carrier: string }) => {
      calls.push(['manifestOpen', input.carrier]);
      return manifest;
    },
    manifestScan: async (input: { code: string }) => {
      calls.push(['manifestScan', input.code]);
      if (input.code.startsWith('NV')) {
        throw new AppError('MANIFEST_WRONG_CARRIER', {
          trackingNumber: input.code,
          expected: 'J&T Express',
          actual: 'Ninja Van',
        });
      }
      manifest.parcels.push({
        trackingNumber: input.code,
        carrier: 'jnt',
        orderRef: null,
        weightGrams: 850,
        cod: null,
        scannedBy: 'u',
        scannedAt: 0,
      });
      manifest.totals = { ...manifest.totals, parcels: manifest.parcels.length };
      return { manifest, trackingNumber: input.code, added: true };
    },
    manifestClose: async (input: { driverName: string }) => {
      calls.push(['manifestClose', input.driverName]);
      const closed = { ...manifest, status: 'closed' as const, driverName: input.driverName };
      return { manifest: closed, pdfBase64: '', csv: '', handoverEvents: 1 };
    },
  };
  return { api: api as unknown as LastmileApi, calls, scale };
}

let clock = 0;
/** Types `text` at scanner speed (25 ms a key) and Enter. */
function scan(store: PackingStore, text: string): void {
  for (const ch of text) {
    const code = /[0-9]/.test(ch) ? `Digit${ch}` : ch === '-' ? 'Minus' : `Key${ch.toUpperCase()}`;
    store.getState().key(press({ code, key: ch, time: clock }));
    clock += 25;
  }
  store.getState().key(press({ code: 'Enter', key: 'Enter', time: clock }));
  clock += 1000;
}

/** The rest of a scan whose first key was already pressed, from `start` at 25 ms a key. */
function scanFrom(store: PackingStore, text: string, start: number): void {
  let time = start;
  for (const ch of text) {
    const code = /[0-9]/.test(ch) ? `Digit${ch}` : ch === '-' ? 'Minus' : `Key${ch.toUpperCase()}`;
    store.getState().key(press({ code, key: ch, time }));
    time += 25;
  }
  store.getState().key(press({ code: 'Enter', key: 'Enter', time }));
}

function setup(options: { serialMug?: boolean; platformDock?: boolean } = {}) {
  const bench = fakeBench(options);
  const beeps: Feedback[] = [];
  let n = 0;
  const store = createPackingStore({
    api: bench.api,
    beeper: { play: (f) => beeps.push(f) },
    soundOn: () => true,
    newActionId: () => `action-${String(++n).padStart(4, '0')}`,
    shortcutDelayMs: 100,
  });
  return { store, beeps, calls: bench.calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('packing store', () => {
  it('asks for the serial after a serial-required item, sends it with the item, keeps asking after a refusal; Esc drops the prompt', async () => {
    const { store, beeps, calls } = setup({ serialMug: true });
    await store.getState().load();
    scan(store, 'ORD-1');
    await store.getState().settled();

    scan(store, '9555000000017');
    await store.getState().settled();
    expect(store.getState().feedback).toMatchObject({ kind: 'serialAsk', params: { name: 'Mug' } });
    expect(store.getState().serialFor).toEqual({ code: '9555000000017', sku: 'MUG', name: 'Mug' });
    expect(store.getState().refusal).toBeNull();
    expect(store.getState().session?.lines[0]?.remaining).toBe(2);

    // The plate's barcode where the serial is asked: refused loudly, the prompt stays.
    beeps.length = 0;
    scan(store, '9555000000024');
    await store.getState().settled();
    const refusal = store.getState().refusal;
    expect(refusal?.kind === 'error' && refusal.error.code).toBe('PACK_SERIAL_IS_ITEM');
    expect(beeps).toEqual(['error']);
    expect(store.getState().serialFor?.sku).toBe('MUG');

    scan(store, 'SN-1');
    await store.getState().settled();
    expect(store.getState().serialFor).toBeNull();
    expect(store.getState().feedback).toMatchObject({ kind: 'verified', params: { remaining: 1 } });
    expect(store.getState().session?.lines[0]?.serials).toEqual(['SN-1']);

    scan(store, '9555000000017');
    await store.getState().settled();
    expect(store.getState().serialFor?.sku).toBe('MUG');
    store.getState().key(press({ code: 'Escape', key: 'Escape', time: clock }));
    expect(store.getState().serialFor).toBeNull();
    expect(store.getState().feedback?.kind).toBe('serialCancelled');
    // The next scan is an item again.
    scan(store, '9555000000024');
    await store.getState().settled();
    expect(calls.filter(([name]) => name === 'packScanItem').map(([, code]) => code)).toEqual([
      '9555000000017',
      '9555000000017+9555000000024',
      '9555000000017+SN-1',
      '9555000000017',
      '9555000000024',
    ]);
    expect(store.getState().session?.lines.map((l) => l.remaining)).toEqual([1, 0]);
  });

  it('packs an order by scanner and Enter: lines count down, a wrong item is refused loudly, box, weight, route, seal', async () => {
    const { store, beeps, calls } = setup();
    await store.getState().load();
    store.getState().confirm();
    expect(store.getState().refusal).toEqual({ kind: 'hint', hint: 'packing.hint.scanOrder' });

    scan(store, 'ORD-1');
    await store.getState().settled();
    expect(store.getState().session?.orderRef).toBe('ORD-1');
    expect(store.getState().feedback).toMatchObject({ kind: 'opened', params: { count: 3 } });

    scan(store, '9555000000017');
    await store.getState().settled();
    expect(store.getState().feedback).toMatchObject({
      kind: 'verified',
      params: { name: 'Mug', remaining: 1 },
    });
    expect(store.getState().session?.lines[0]?.remaining).toBe(1);

    beeps.length = 0;
    scan(store, '4006381333931');
    await store.getState().settled();
    const refusal = store.getState().refusal;
    expect(refusal?.kind === 'error' && refusal.error.code).toBe('PACK_WRONG_ITEM');
    expect(beeps).toEqual(['error']);
    expect(store.getState().session?.lines.map((l) => l.remaining)).toEqual([1, 1]);

    scan(store, '9555000000017');
    scan(store, '9555000000024');
    await store.getState().settled();
    expect(store.getState().feedback?.kind).toBe('allVerified');
    expect(store.getState().session?.step).toBe('weigh');

    // A weight before the box: the box comes first (its tare and size), nothing is sent.
    scan(store, '850');
    expect(store.getState().refusal).toEqual({ kind: 'hint', hint: 'packing.hint.scanBox' });
    scan(store, 'BOX-S2-W');
    expect(store.getState().box).toBe('S2');
    // A misread sheet (wrong check character) is refused at once, and the box stays as it was.
    scan(store, 'BOX-S2-X');
    const bad = store.getState().refusal;
    expect(bad?.kind === 'error' && bad.error.code).toBe('BOX_CODE_INVALID');
    expect(store.getState().box).toBe('S2');
    scan(store, '850');
    await store.getState().settled();
    // Weighed, then routed without a key: the carrier is on screen for the Enter that seals.
    expect(store.getState().session?.step).toBe('ready');
    expect(store.getState().feedback).toMatchObject({
      kind: 'routed',
      tone: 'warning',
      params: { carrier: 'Ninja Van', line: 'backup' },
    });

    store.getState().confirm();
    await store.getState().settled();
    expect(store.getState().session).toBeNull();
    expect(store.getState().lastPacked).toEqual({
      orderRef: 'ORD-1',
      state: 'packed',
      trackingNumber: 'NV123',
      carrierName: 'Ninja Van',
      platformLabel: null,
    });
    expect(calls.map(([c]) => c)).toEqual([
      'packOpen',
      // Asked once for the opened package: what may share the parcel (the K key).
      'packCombinable',
      'packScanItem',
      'packScanItem',
      'packScanItem',
      'packScanItem',
      'packWeigh',
      'packRoute',
      'packComplete',
    ]);
    expect(calls[6]?.[1]).toEqual({
      reading: { kind: 'typed', text: '850' },
      box: { kind: 'preset', code: 'S2' },
    });
  });

  it('offers K combine once the station names an order for the parcel; K combines it and the offer goes', async () => {
    vi.useFakeTimers();
    const { store, calls } = setup();
    scan(store, 'ORD-1');
    await vi.runAllTimersAsync();
    expect(calls).toEqual([
      ['packOpen', 'ORD-1'],
      ['packCombinable', null],
    ]);
    const hint = () => nextAction(store.getState()).keys.find((k) => k.key === 'K');
    expect(hint()).toEqual({ key: 'K', label: 'packing.keys.combine', params: { orderRef: 'ORD-2' } });

    store.getState().key(press({ code: 'KeyK', key: 'k', time: clock }));
    await vi.runAllTimersAsync();
    expect(calls.slice(2, 4)).toEqual([
      ['packCombine', 'o2'],
      ['packCombinable', null],
    ]);
    expect(store.getState().feedback).toMatchObject({ kind: 'combined', params: { orderRef: 'ORD-2' } });
    expect(store.getState().session?.lines.map((l) => l.sku)).toEqual(['MUG', 'PLATE', 'CUP']);
    expect(hint()).toBeUndefined();

    // R takes it back out: the clerk is told to take its scanned item out, and K is offered again.
    const uncombine = () => nextAction(store.getState()).keys.find((k) => k.key === 'R');
    expect(uncombine()).toEqual({ key: 'R', label: 'packing.keys.uncombine', params: { orderRef: 'ORD-2' } });
    store.getState().key(press({ code: 'KeyR', key: 'r', time: clock + 1_000 }));
    await vi.runAllTimersAsync();
    expect(calls.slice(4, 6)).toEqual([
      ['packUncombine', 'o2'],
      ['packCombinable', null],
    ]);
    expect(store.getState().feedback).toMatchObject({
      kind: 'uncombined',
      tone: 'warning',
      params: { orderRef: 'ORD-2', count: 1 },
    });
    expect(store.getState().session?.lines.map((l) => l.sku)).toEqual(['MUG', 'PLATE']);
    expect(uncombine()).toBeUndefined();
    expect(hint()).toMatchObject({ key: 'K' });
  });

  it('takes a lone shortcut letter after a pause, but a code starting with that letter stays a scan', async () => {
    vi.useFakeTimers();
    const { store, calls } = setup();
    scan(store, 'HX-ORDER');
    await vi.runAllTimersAsync();
    expect(store.getState().mode).toBe('pack');
    expect(calls).toEqual([['packOpen', 'HX-ORDER']]);

    store.getState().key(press({ code: 'KeyH', key: 'h', time: clock }));
    expect(store.getState().mode).toBe('pack');
    await vi.advanceTimersByTimeAsync(150);
    expect(store.getState().mode).toBe('handover');

    // A busy page ran the pause's timer first, but the next key was typed 25 ms after the H: it
    // was a scan all along — the screen goes back and the code keeps its first letter.
    store.getState().shortcut('P');
    const t = clock + 5000;
    store.getState().key(press({ code: 'KeyS', key: 's', time: t }));
    await vi.advanceTimersByTimeAsync(200);
    expect(store.getState().mode).toBe('summary');
    scanFrom(store, 'O-77', t + 25);
    await vi.runAllTimersAsync();
    expect(store.getState().mode).toBe('pack');
    expect(calls.at(-1)).toEqual(['packOpen', 'SO-77']);
  });

  it('lists the platform’s own line with the providers it named, next to the carriers with open manifests', async () => {
    vi.useFakeTimers();
    const { store } = setup({ platformDock: true });
    store.getState().shortcut('H');
    await vi.runAllTimersAsync();
    expect(store.getState().carriers.map((c) => [c.name, c.providers, c.packedHere])).toEqual([
      ['J&T Express', [], 0],
      ['TikTok Shop', ['Flash Express'], 1],
    ]);
  });

  it('hands over: carrier by number, parcels scanned in, another carrier refused with its message, driver closes', async () => {
    vi.useFakeTimers();
    const { store, beeps, calls } = setup();
    store.getState().shortcut('H');
    await vi.runAllTimersAsync();
    expect(store.getState().carriers.map((c) => c.name)).toEqual(['J&T Express']);
    store.getState().confirm();
    expect(store.getState().refusal).toEqual({ kind: 'hint', hint: 'packing.hint.pickCarrier' });

    store.getState().key(press({ code: 'Digit1', key: '1', time: clock }));
    clock += 1000;
    await vi.runAllTimersAsync();
    expect(store.getState().handoverStep).toBe('scan');

    scan(store, 'JT0001');
    await vi.runAllTimersAsync();
    expect(store.getState().feedback).toMatchObject({ kind: 'parcelAdded', params: { count: 1 } });
    beeps.length = 0;
    scan(store, 'NV0009');
    await vi.runAllTimersAsync();
    const refusal = store.getState().refusal;
    expect(refusal?.kind === 'error' && refusal.error).toEqual({
      code: 'MANIFEST_WRONG_CARRIER',
      params: { trackingNumber: 'NV0009', expected: 'J&T Express', actual: 'Ninja Van' },
    });
    expect(beeps).toEqual(['error']);

    store.getState().confirm();
    expect(store.getState().handoverStep).toBe('driver');
    await store.getState().closeManifest();
    expect(store.getState().refusal).toEqual({ kind: 'hint', hint: 'packing.hint.driver' });
    store.getState().setDriver('  Ahmad  ');
    await store.getState().closeManifest();
    expect(store.getState().handoverStep).toBe('closed');
    // One parcel packed for J&T was not scanned: the close says so, in amber.
    expect(store.getState().feedback).toMatchObject({ kind: 'manifestMissing', params: { count: 1 } });
    expect(calls.filter(([c]) => c.startsWith('manifest'))).toEqual([
      ['manifestOpen', 'jnt'],
      ['manifestScan', 'JT0001'],
      ['manifestScan', 'NV0009'],
      ['manifestClose', 'Ahmad'],
    ]);
  });
});

/** Timers the test runs by hand: what is pending, and run them. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  return {
    pending,
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        pending.set(++next, { fn, ms });
        return next;
      },
      clearTimeout: (handle: unknown) => void pending.delete(handle as number),
    },
    runAll() {
      const due = [...pending.values()];
      pending.clear();
      for (const t of due) t.fn();
    },
  };
}

describe('the station scale at the weigh step', () => {
  const reading = (
    state: LiveScaleReading['state'],
    grams: number | null,
    commands: LiveScaleReading['commands'] = [],
  ): LiveScaleReading => ({
    configured: true,
    kind: 'mt-sics',
    state,
    grams,
    stable: state === 'stable',
    lastFault: null,
    commands,
  });

  function scaleSetup() {
    const bench = fakeBench();
    const manual = manualTimers();
    const store = createPackingStore({
      api: bench.api,
      beeper: { play: () => undefined },
      soundOn: () => false,
      newActionId: () => 'action',
      scalePollMs: 250,
      timers: manual.timers,
    });
    return { store, bench, manual };
  }

  async function toWeighStep(store: PackingStore): Promise<void> {
    await store.getState().load();
    for (const code of ['ORD-1', '9555000000017', '9555000000017', '9555000000024']) {
      scan(store, code);
      await store.getState().settled();
    }
    expect(store.getState().session?.step).toBe('weigh');
  }

  it('is read every 250 ms only at the weigh step; Enter waits for a steady weight, then takes the station scale', async () => {
    const { store, bench, manual } = scaleSetup();
    bench.scale.now = reading('zero', 0);
    await store.getState().load();
    expect(bench.scale.reads).toBe(0);
    await toWeighStep(store);
    await vi.waitFor(() => expect(store.getState().liveScale).toEqual(reading('zero', 0)));
    expect([...manual.pending.values()].map((t) => t.ms)).toEqual([250]);
    scan(store, 'BOX-S2-W');

    bench.scale.now = reading('in_motion', 655);
    manual.runAll();
    await vi.waitFor(() => expect(store.getState().liveScale?.state).toBe('in_motion'));
    store.getState().confirm();
    await store.getState().settled();
    expect(store.getState().refusal).toEqual({ kind: 'hint', hint: 'packing.hint.weigh' });
    expect(bench.calls.map(([c]) => c)).not.toContain('packWeigh');

    bench.scale.now = reading('stable', 574);
    manual.runAll();
    await vi.waitFor(() => expect(store.getState().liveScale?.state).toBe('stable'));
    // The hint is answered: the banner says the weight is steady.
    expect(store.getState().refusal).toBeNull();
    expect(store.getState().feedback).toMatchObject({ kind: 'scaleSteady', params: { grams: 574 } });
    store.getState().confirm();
    await store.getState().settled();
    expect(bench.calls.find(([c]) => c === 'packWeigh')?.[1]).toEqual({
      reading: { kind: 'station_scale' },
      box: { kind: 'preset', code: 'S2' },
    });
    // Past the weigh step: no more reads, and no reading left on screen.
    expect(store.getState().session?.step).toBe('ready');
    expect(manual.pending.size).toBe(0);
    expect(store.getState().liveScale).toBeNull();
    const reads = bench.scale.reads;
    manual.runAll();
    expect(bench.scale.reads).toBe(reads);
  });

  it('offers Z and T at the weigh step only when the scale takes them, and sends them to the station', async () => {
    const { store, bench, manual } = scaleSetup();
    bench.scale.now = reading('zero', 0);
    await toWeighStep(store);
    scan(store, 'BOX-S2-W');
    await vi.waitFor(() => expect(store.getState().liveScale?.state).toBe('zero'));
    const keysNow = () => nextAction(store.getState()).keys.map((k) => k.key);
    expect(keysNow()).not.toContain('Z');
    store.getState().shortcut('Z');
    await store.getState().settled();
    expect(bench.calls.map(([c]) => c)).not.toContain('packScaleCommand');

    bench.scale.now = reading('zero', 0, ['zero', 'tare']);
    manual.runAll();
    // The fake bench offers an order to combine (K) as well.
    await vi.waitFor(() => expect(keysNow()).toEqual(['Enter', '850 Enter', 'K', 'Z', 'T', 'A']));
    store.getState().shortcut('Z');
    await store.getState().settled();
    expect(store.getState().feedback).toMatchObject({ kind: 'scaleZeroed' });
    store.getState().shortcut('T');
    await store.getState().settled();
    expect(store.getState().feedback).toMatchObject({ kind: 'scaleTared', params: { grams: 120 } });
    expect(bench.calls.filter(([c]) => c === 'packScaleCommand').map(([, v]) => v)).toEqual(['zero', 'tare']);
  });

  it('stops asking when the station has no scale: Enter goes to the station, which says so', async () => {
    const { store, bench, manual } = scaleSetup();
    await toWeighStep(store);
    await vi.waitFor(() => expect(store.getState().liveScale?.configured).toBe(false));
    expect(manual.pending.size).toBe(0);
    expect(bench.scale.reads).toBe(1);
    scan(store, 'BOX-S2-W');
    store.getState().confirm();
    await store.getState().settled();
    expect(bench.calls.map(([c]) => c)).toContain('packWeigh');
  });
});
