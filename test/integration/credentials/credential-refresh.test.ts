import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCarrier } from '../../../src/main/carriers/test-carrier/server';
import { createCore, type Core } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import { startBackgroundServices } from '../../../src/main/station/background-services';
import { SYNC_CONFIG_KEY } from '../../../src/main/sync/attach-sync';
import { TEST_ADMIN, addTestAdmin } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';
import { enqueue } from '../fixtures/outbox-events';

const OLD = 'tc-old-secret-1a2b3c4d5e6f';
const NEW = 'tc-new-secret-9z8y7x6w5v4u';

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * A running station's engine (the background trickle, as in the app and `lastmile station`)
 * takes new credentials saved for an account at once: no restart, against a carrier that
 * refuses the old ones from the moment of the change.
 */
describe('new credentials reach the running sync engine', () => {
  const temps = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    temps.cleanup();
  });

  it('delivers with the old secret, is refused after the carrier rotates it, and delivers again once the new one is saved', async () => {
    const carrier = await startTestCarrier({ credentials: { clientId: 'lastmile', clientSecret: OLD } });
    cleanups.push(() => carrier.close());
    const core: Core = createCore({
      dataDir: temps.make('lastmile-cred-refresh-'),
      logger: silentLogger,
      printing: { start: false },
    });
    cleanups.push(() => core.close());
    addTestAdmin(core);
    await core.settings.setRaw(SYNC_CONFIG_KEY, {
      destinations: [
        { name: 'flash', kind: 'test-carrier', baseUrl: carrier.url, credentials: { clientId: 'lastmile' } },
      ],
      feeds: {},
    });
    await core.credentials.set('flash', { 'credentials.clientSecret': OLD }, TEST_ADMIN.id, false);
    const services = await startBackgroundServices(core, {
      syncTrickle: true,
      dailyBackups: false,
      printing: false,
      logger: silentLogger,
    });
    cleanups.push(() => services.stop());
    const before = core.sync;

    enqueue(core.db, core.outbox, core.clock, [{ destination: 'flash', orderingKey: 'k1' }]);
    await until('the first delivery', () => carrier.applied('flash').length === 1);

    // The carrier now accepts only the new secret; the engine still holds the old one.
    carrier.setCredentials({ clientId: 'lastmile', clientSecret: NEW });
    enqueue(core.db, core.outbox, core.clock, [{ destination: 'flash', orderingKey: 'k2' }]);
    await until('the old secret refused', () => carrier.stats('flash').unauthorized > 0);
    expect(carrier.applied('flash')).toHaveLength(1);

    await core.credentials.set('flash', { 'credentials.clientSecret': NEW }, TEST_ADMIN.id, false);
    await until(
      'the waiting event delivered with the new secret',
      () => carrier.applied('flash').length === 2,
    );
    expect(core.sync).not.toBe(before);

    // And new work keeps flowing with it.
    enqueue(core.db, core.outbox, core.clock, [{ destination: 'flash', orderingKey: 'k3' }]);
    await until('the next delivery', () => carrier.applied('flash').length === 3);
  }, 60_000);
});
