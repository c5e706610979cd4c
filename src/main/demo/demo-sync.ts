import { startTestCarrier, type TestCarrier } from '../carriers/test-carrier/server';
import type { Core } from '../core';
import { HUB_DESTINATION, PLATFORM_DESTINATION } from '../scans/scan-routing';
import { attachStoredSync, storeSyncConfig } from '../sync/attach-sync';
import { DEMO_CARRIERS } from './tracking-numbers';

/**
 * Points every demo carrier, the platform and the hub at one local test carrier, and reads the
 * returns and tracking feeds from the platform only (each feed must have one source, or the same
 * update would be stored once per destination).
 */
export async function storeDemoSyncConfig(core: Core, carrierUrl: string): Promise<void> {
  const names = [...new Set([...DEMO_CARRIERS.map((c) => c.name), PLATFORM_DESTINATION, HUB_DESTINATION])];
  await storeSyncConfig(core, {
    destinations: names.map((name) => ({
      name,
      kind: 'test-carrier' as const,
      baseUrl: carrierUrl,
      credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
    })),
    feeds: { returns: [PLATFORM_DESTINATION], tracking: [PLATFORM_DESTINATION] },
  });
}

/**
 * The demo's carriers, platform and hub are one local test carrier on 127.0.0.1, with a feed of
 * new returns and tracking updates for some of the demo parcels; its configuration is stored in
 * the station's settings, so whichever process delivers (this one, or a core process started
 * later) sends every scan to it.
 */
export async function startDemoFeed(core: Core, seed: number): Promise<TestCarrier> {
  const tracked = core.db
    .prepare<[], { tracking_number: string }>(
      "SELECT tracking_number FROM parcels WHERE status NOT IN ('delivered', 'cancelled') ORDER BY id LIMIT 300",
    )
    .all()
    .map((r) => r.tracking_number);
  const carrier = await startTestCarrier({
    seed,
    returns: 40,
    trackingNumbers: tracked,
    trackingPerParcel: 2,
    carrierName: 'demo-feed',
  });
  try {
    await storeDemoSyncConfig(core, carrier.url);
  } catch (err) {
    await carrier.close();
    throw err;
  }
  return carrier;
}

/** The demo feed, with this core's background trickle delivering to it. */
export async function startDemoCarrier(core: Core, seed: number): Promise<TestCarrier> {
  const carrier = await startDemoFeed(core, seed);
  try {
    const stored = attachStoredSync(core, {
      startTrickle: true,
      withSecrets: await core.credentials.syncConfigFiller(),
    });
    if (stored.configError) throw new Error(stored.configError);
  } catch (err) {
    await carrier.close();
    throw err;
  }
  return carrier;
}
