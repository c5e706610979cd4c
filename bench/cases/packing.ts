import net from 'node:net';
import { systemClock } from '../../src/main/clock';
import { createCore, type Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import type { PackBooking, PlatformProviders } from '../../src/main/packing/pack-booking';
import { seededRandom } from '../../src/main/random';
import { DEFAULT_SUPERVISOR } from '../../src/main/session/users';
import type { UserView } from '../../src/shared/domain';
import type { OutboundOrder } from '../../src/shared/packing/outbound-order';
import { caseDir, type BenchCase, type BenchContext } from '../context';
import { measurement } from '../measurement';
import { msSince, summarize } from '../stats';
import { rawSend } from '../printer-sink';

/**
 * The packing bench through the core's contract calls (the dispatcher, as the screen and the
 * station server reach it), on a real SQLite file, with labels to a TCP printer on 127.0.0.1.
 * Booking is an in-process carrier that answers at once: the carrier's own latency is its, not ours.
 */

/** A printer on 127.0.0.1 that keeps each job's bytes and says when each has arrived. */
async function labelSink() {
  const arrived: Buffer[] = [];
  let waiters: Array<{ n: number; resolve: () => void }> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {});
    socket.once('end', () => {
      arrived.push(Buffer.concat(chunks));
      socket.end();
      waiters = waiters.filter((w) => (arrived.length >= w.n ? (w.resolve(), false) : true));
    });
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    arrived,
    waitFor: (n: number) =>
      arrived.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const instantCarrier = (): PackBooking => {
  let seq = 0;
  const booked = new Map<string, string>();
  return {
    book(request) {
      let t = booked.get(request.packageId);
      if (!t) {
        seq += 1;
        t = `JMY${String(seq).padStart(9, '0')}`;
        booked.set(request.packageId, t);
      }
      return Promise.resolve({ trackingNumber: t });
    },
  };
};

const listed: PlatformProviders = {
  list: (order) =>
    Promise.resolve(
      order.source.startsWith('tiktok-shop:') ? [{ id: '7117858858072016686', name: 'J&T Express' }] : null,
    ),
};

function order(n: number, now: number): OutboundOrder {
  const items = 1 + (n % 3);
  return {
    source: 'tiktok-shop:tiktok-my',
    externalId: `5781${String(n).padStart(14, '0')}`,
    seller: null,
    market: 'MY',
    stage: 'to_ship',
    platformStatus: 'AWAITING_SHIPMENT',
    cancellation: null,
    recipient: {
      name: `Buyer ${String(n)}`,
      phone: null,
      address1: `${String(n)} Jalan Ampang`,
      address2: null,
      city: 'Kuala Lumpur',
      region: null,
      postcode: '50450',
      country: 'MY',
    },
    cod: n % 4 === 0 ? { amountMinor: 12_950, currency: 'MYR' } : null,
    deadlines: {
      shipBy: now + (2 + (n % 48)) * 3_600_000,
      shipAutoCancel: null,
      collectBy: null,
      collectAutoCancel: null,
      deliverBy: null,
      deliverAutoCancel: null,
    },
    lines: Array.from({ length: items }, (_, i) => ({
      lineRef: `${String(n)}-${String(i)}`,
      sku: `SKU-${String(i)}`,
      productName: `Item ${String(i)}`,
      quantity: 1,
      unitGrams: 200,
      barcode: `95551234${String(i).padStart(5, '0')}`,
      packageId: null,
    })),
    shippingType: 'seller',
    deliveryOptionId: '7091146663229654785',
    service: null,
    notes: null,
    sourceUpdatedAt: now,
  };
}

async function packingCore(ctx: BenchContext, name: string, orders: number) {
  const sink = await labelSink();
  const core = createCore({
    dataDir: caseDir(ctx, name),
    clock: systemClock,
    random: seededRandom(11),
    logger: silentLogger,
    printing: { backoff: { baseMs: 20, capMs: 100 } },
    packing: { booking: instantCarrier(), providers: listed, timeZone: 'Asia/Kuala_Lumpur', labelRetryMs: 0 },
  });
  await core.printing.ready();
  const supervisor: UserView = {
    id: DEFAULT_SUPERVISOR.id,
    name: DEFAULT_SUPERVISOR.name,
    role: 'supervisor',
  } as UserView;
  await core.printing.savePrinter(
    {
      id: 'pack-zebra',
      name: 'Pack-Zebra',
      language: 'zpl',
      model: 'Zebra ZD421',
      interface: `tcp://127.0.0.1:${String(sink.port)}`,
      media: { widthMm: 100, heightMm: 150 },
      dpi: 203,
      fonts: [{ id: '0', scripts: ['latin'] }],
      templates: ['shipping-label', 'packing-slip'],
    },
    { id: supervisor.id },
  );
  await core.routes.set({ country: 'MY', primary: 'jnt-my', backup: null }, supervisor);
  await core.packing.boxes.save({
    code: 'S2',
    name: 'Small box',
    innerMm: { lengthMm: 250, widthMm: 200, heightMm: 100 },
    tareGrams: 120,
  });
  const now = systemClock.now();
  const all = Array.from({ length: orders }, (_, i) => order(i, now));
  await core.packing.orders.upsertMany(all);
  return { core, sink, orders: all, close: async () => (await core.close(), await sink.close()) };
}

let action = 0;
async function call(core: Core, name: string, input: Record<string, unknown>): Promise<unknown> {
  action += 1;
  const env = await core.dispatch(
    name,
    { clientActionId: `bench-${String(action).padStart(10, '0')}`, ...input },
    {
      clientId: 'bench-packer',
    },
  );
  if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
  return env.value;
}

/** A scripted clerk up to the last step: open, scan every item, weigh (typed), route. */
async function packUpToComplete(core: Core, o: OutboundOrder): Promise<void> {
  await call(core, 'packOpen', { code: o.externalId, source: 'scanner' });
  for (const line of o.lines)
    await call(core, 'packScanItem', { code: line.barcode ?? line.sku, source: 'scanner' });
  await call(core, 'packWeigh', {
    reading: {
      kind: 'scale',
      grams: 120 + 200 * o.lines.length + 7,
      stable: true,
      overRange: false,
      underZero: false,
    },
    box: { kind: 'preset', code: 'S2' },
  });
  await call(core, 'packRoute', {});
}

/**
 * `pack-label`: from the clerk's last keystroke (packComplete: booking, the package's state, the
 * ship call and the label job in one transaction, then the print worker renders and sends) to the
 * label's last byte at the printer, against a raw socket write of the very same bytes to the
 * same printer, interleaved label by label.
 */
export const packLabel: BenchCase = {
  name: 'pack-label',
  async run(ctx) {
    const { warmup, samples } = ctx.profile.printing;
    const n = warmup + samples;
    ctx.log(`pack-label: ${String(samples)} packages, last scan → label at the printer vs raw send`);
    const b = await packingCore(ctx, 'pack-label', n);
    try {
      const ours: number[] = [];
      const calls: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < n; i++) {
        const o = b.orders[i] as OutboundOrder;
        await packUpToComplete(b.core, o);
        const start = process.hrtime.bigint();
        const expected = b.sink.arrived.length + 1;
        await call(b.core, 'packComplete', {});
        const c = msSince(start);
        await b.sink.waitFor(expected);
        const a = msSince(start);
        const bytes = b.sink.arrived[b.sink.arrived.length - 1] as Buffer;
        const rawStart = process.hrtime.bigint();
        await rawSend(b.sink.port, bytes);
        const r = msSince(rawStart);
        if (i >= warmup) {
          ours.push(a);
          calls.push(c);
          raw.push(r);
        }
      }
      const o = summarize(ours);
      const r = summarize(raw);
      return [
        measurement({
          id: 'pack-label.p99',
          name: 'Packing: last scan → label bytes at the printer, p99',
          unit: 'ms',
          figure: o.p99,
          baseline: { name: 'raw socket write of the same label bytes, p99', value: r.p99 },
          details: { samples, complete_to_label: o, complete_call: summarize(calls), raw_send: r },
        }),
        measurement({
          id: 'pack-label.p50',
          name: 'Packing: last scan → label bytes at the printer, p50',
          unit: 'ms',
          figure: o.p50,
          baseline: { name: 'raw socket write of the same label bytes, p50', value: r.p50 },
        }),
      ];
    } finally {
      await b.close();
    }
  },
};

/**
 * `pack-shift`: a scripted clerk packs N orders (1–3 items each) through the contract calls, and
 * hands them over on manifests of 100 parcels (closed with a driver: PDF, CSV, handover events);
 * timed until the last label has reached the printer. Orders per minute, and the process's peak
 * resident memory sampled every 20 ms, against its resident memory before the shift.
 */
export const packShift: BenchCase = {
  name: 'pack-shift',
  async run(ctx) {
    const orders = ctx.profile.pack.shiftOrders;
    ctx.log(`pack-shift: ${String(orders)} orders packed and handed over by a scripted clerk`);
    const b = await packingCore(ctx, 'pack-shift', orders);
    try {
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const start = process.hrtime.bigint();
      let manifestId: string | null = null;
      let onManifest = 0;
      for (const o of b.orders) {
        await packUpToComplete(b.core, o);
        const done = (await call(b.core, 'packComplete', {})) as { trackingNumber: string };
        if (manifestId === null) {
          manifestId = ((await call(b.core, 'manifestOpen', { carrier: 'jnt-my' })) as { id: string }).id;
        }
        await call(b.core, 'manifestScan', { manifestId, code: done.trackingNumber, source: 'scanner' });
        onManifest += 1;
        if (onManifest === 100) {
          await call(b.core, 'manifestClose', { manifestId, driverName: 'Ahmad bin Ali' });
          manifestId = null;
          onManifest = 0;
        }
      }
      if (manifestId !== null)
        await call(b.core, 'manifestClose', { manifestId, driverName: 'Ahmad bin Ali' });
      await b.sink.waitFor(orders);
      const ms = msSince(start);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const handedOver = (
        b.core.db.prepare("SELECT count(*) AS n FROM pack_packages WHERE state = 'handed_over'").get() as {
          n: number;
        }
      ).n;
      if (handedOver !== orders)
        throw new Error(`only ${String(handedOver)} of ${String(orders)} handed over`);
      const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
      return [
        measurement({
          id: 'pack-shift.ordersPerMinute',
          name: `Packing shift: ${String(orders)} orders packed and handed over`,
          unit: 'orders/min',
          figure: Math.round((orders / ms) * 60_000),
          details: { orders, seconds: Math.round(ms / 100) / 10, labels: b.sink.arrived.length },
        }),
        measurement({
          id: 'pack-shift.peakRssMb',
          name: 'Packing shift: peak resident memory',
          unit: 'MB',
          figure: mb(peak),
          baseline: { name: 'resident memory before the shift', value: mb(rssBefore) },
        }),
      ];
    } finally {
      await b.close();
    }
  },
};
