import type { Core } from '../core';
import { HUB_DESTINATION, PLATFORM_DESTINATION } from '../scans/scan-routing';
import { storeSyncConfig } from '../sync/attach-sync';
import { DEMO_CARRIERS } from './tracking-numbers';

/**
 * Points every demo carrier, the platform and the hub at one local test carrier, and reads the
 * returns and tracking feeds from the platform only (each feed must have one source, or the same
 * update would be stored once per destination).
 */
export function storeDemoSyncConfig(core: Core, carrierUrl: string): void {
  const names = [...new Set([...DEMO_CARRIERS.map((c) => c.name), PLATFORM_DESTINATION, HUB_DESTINATION])];
  storeSyncConfig(core, {
    destinations: names.map((name) => ({
      name,
      kind: 'test-carrier' as const,
      baseUrl: carrierUrl,
      credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
    })),
    feeds: { returns: [PLATFORM_DESTINATION], tracking: [PLATFORM_DESTINATION] },
  });
}
