import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import type { Core } from '../../../src/main/core';
import type { Timers } from '../../../src/main/printing/queue/timers';
import { attachSync } from '../../../src/main/sync/attach-sync';
import { makeTestCore } from '../../helpers/core-factory';
import { benchCalls, readyPackPrinter } from '../../helpers/packing/pack-bench';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';
import { fakeTikTokDestination } from '../../helpers/tiktok-account';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
const T0 = Date.UTC(2026, 0, 15, 8, 0);
const BENCH = { clientId: 'pack-bench' };
const SUPERVISOR = { clientId: 'pack-supervisor' };

/**
 * The platform's label is fetched the moment its ship call is delivered: the station as it runs
 * (sync attached with the background delivery, the TikTok fake over HTTP, a TCP printer sink), the
 * clock a manual one and the label retry's 30 s timer armed but never fired — the label still
 * reaches the printer.
 */
describe('platform label woken by the ship call’s delivery', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  it('prints the label once the ship event is delivered, with no retry round', async () => {
    const printer = await FakePrinter.start();
    cleanups.push(() => printer.close());
    const armed: number[] = [];
    const neverFires: Timers = {
      setTimeout: (_fn, ms) => {
        armed.push(ms);
        return armed.length;
      },
      clearTimeout: () => undefined,
    };
    const { core, clock } = makeTestCore(dirs.make(), {
      now: T0,
      packing: { timeZone: 'Asia/Kuala_Lumpur', labelTimers: neverFires, bookingTimeoutMs: 2_000 },
    });
    cleanups.push(() => core.close());
    const fake = await startFakeTikTokShop({ clock });
    cleanups.push(() => fake.close());
    const sync = attachSync(core, {
      destinations: [
        fakeTikTokDestination(fake, {
          region: 'MY',
          limits: { requestsPerSecond: 200, burst: 50, maxConcurrency: 2, requestTimeoutMs: 1_000 },
        }),
      ],
      startTrickle: true,
      // The orders pull runs when asked, not on its interval.
      ordersEveryMs: 3_600_000,
    });
    cleanups.push(() => sync.close());
    await readyPackPrinter(core, SUPERVISOR, printer.address, ['packing-slip', 'platform-shipping-label']);

    const order = fake.fulfilment.addOrder({
      region: 'MY',
      currency: 'MYR',
      shippingType: 'TIKTOK',
      postcode: '40000',
      buyerName: 'Nur Aisyah',
      lines: [{ sku: 'SKU-MUG', name: 'Mug' }],
    });
    const platformPackageId = fake.fulfilment.packagesOf(order.id)[0]?.id ?? '';
    await sync.orderPulls.runNow();

    const { pack } = benchCalls(BENCH);
    await pack(core, 'packOpen', { code: order.id, source: 'scanner' });
    await pack(core, 'packScanItem', { code: 'SKU-MUG', source: 'scanner' });
    await pack(core, 'packWeigh', {
      reading: { kind: 'typed', text: '600 g' },
      box: { kind: 'dims', dims: { lengthMm: 250, widthMm: 200, heightMm: 100 }, tareGrams: 120 },
    });
    const sealed = await pack<{ state: string; shipEventId: string }>(core, 'packComplete');
    expect(sealed.state).toBe('awaiting_label');

    // Slip now, label after the background delivery: two jobs, the second the platform's PDF.
    await printer.waitForJobs(2);
    expect(printer.jobs[0]?.toString('latin1')).toContain(order.id);
    expect(printer.jobs[1]?.toString('latin1')).toMatch(/\^GFA,/);
    const tracking = fake.fulfilment.getPackage(platformPackageId)?.tracking_number;
    expect(tracking).toBeTruthy();
    await vi.waitFor(() =>
      expect(packageRow(core)).toMatchObject({ state: 'packed', tracking_number: tracking }),
    );
    expect(fake.fulfilment.shipApplications(platformPackageId)).toBe(1);
    expect(fake.fulfilment.docDownloads()).toBe(1);
    // The 30 s retry was armed once and never ran: the delivery alone fetched the label.
    expect(armed).toEqual([30_000]);
    expect(clock.now() - T0).toBeLessThan(30_000);
  });
});

function packageRow(core: Core) {
  return core.db
    .prepare<[], { state: string; tracking_number: string | null }>(
      'SELECT state, tracking_number FROM pack_packages',
    )
    .get();
}
