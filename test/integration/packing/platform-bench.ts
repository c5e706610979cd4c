import { startFakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { tiktokPlatformShipping } from '../../../src/main/packing/tiktok-platform-shipping';
import { tiktokPlatformProviders } from '../../../src/main/packing/tiktok-providers';
import { makeTestCore } from '../../helpers/core-factory';
import { packDeliveryEngine, pullOrdersInto, readyPackPrinter } from '../../helpers/packing/pack-bench';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import type { TempDirs } from '../../helpers/temp-dir';
import { connectTo, type Harness } from '../tiktok-shop/harness';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
export const PLATFORM_T0 = Date.UTC(2026, 0, 15, 8, 0);

/**
 * The bench the platform-shipped packing tests start from, on a real SQLite file: the TikTok fake
 * over HTTP as account `tiktok-my` (its providers and platform shipping wired into packing), one
 * ZPL label printer at a TCP sink, the real delivery engine to the fake, and `pull` / `drain`.
 */
export async function platformPackBench(
  dirs: TempDirs,
  cleanups: Array<() => Promise<void> | void>,
  supervisor: { clientId: string },
) {
  const printer = await FakePrinter.start();
  let h: Harness | null = null;
  const connector = (name: string) => (name === 'tiktok-my' ? (h?.connector ?? null) : null);
  const { core, clock } = makeTestCore(dirs.make(), {
    now: PLATFORM_T0,
    printing: { backoff: { baseMs: 20, capMs: 100 } },
    packing: {
      providers: tiktokPlatformProviders(connector),
      platformShipping: tiktokPlatformShipping(connector),
      timeZone: 'Asia/Kuala_Lumpur',
      labelRetryMs: 0,
      bookingTimeoutMs: 2_000,
    },
  });
  const fake = await startFakeTikTokShop({ clock });
  h = connectTo(fake, clock, {
    config: {
      region: 'MY',
      limits: { requestsPerSecond: 200, burst: 50, maxConcurrency: 2, requestTimeoutMs: 1_000 },
    },
    name: 'tiktok-my',
  });
  const harness = h;
  cleanups.push(
    () => printer.close(),
    () => fake.close(),
    () => core.close(),
  );
  await readyPackPrinter(core, supervisor, printer.address, [
    'shipping-label',
    'packing-slip',
    'platform-shipping-label',
  ]);
  const engine = packDeliveryEngine(core, clock, harness.connector.destination);
  cleanups.push(() => engine.stop());
  const drain = async (): Promise<void> => {
    for (let round = 0; round < 20; round++) {
      // The station's clock stands still here: a retry waits for no backoff, each round restarts it.
      if ((await engine.drain({ maxWaitMs: 0 })).remaining === 0) return;
    }
    throw new Error('the outbox did not drain');
  };
  const pull = async (): Promise<void> => {
    await pullOrdersInto(core, harness.connector.orders, null);
  };
  return { core, clock, printer, fake, harness, pull, drain };
}
