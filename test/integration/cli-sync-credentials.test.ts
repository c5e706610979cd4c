import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCarrier, type TestCarrier } from '../../src/main/carriers/test-carrier/server';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { SYNC_CONFIG_KEY } from '../../src/main/sync/attach-sync';
import { REPO_ROOT, runChild } from '../helpers/child-process';
import { TEST_ADMIN, addTestAdmin } from '../helpers/session';
import { TempDirs } from '../helpers/temp-dir';
import { enqueue } from './fixtures/outbox-events';

const OLD = 'tc-old-secret-1a2b3c4d5e6f';
const NEW = 'tc-new-secret-9z8y7x6w5v4u';

const temps = new TempDirs();
let carrier: TestCarrier;

beforeAll(async () => {
  carrier = await startTestCarrier({ credentials: { clientId: 'lastmile', clientSecret: OLD } });
});
afterAll(async () => {
  await carrier.close();
  temps.cleanup();
});

const lastmile = (...args: string[]) =>
  runChild(process.execPath, [path.join(REPO_ROOT, 'bin', 'lastmile.js'), ...args]);

/** Opens the station as Settings would, does `change`, and closes it again for the scheduled task. */
async function withStation(dir: string, change: (core: ReturnType<typeof createCore>) => Promise<void>) {
  const core = createCore({ dataDir: dir, logger: silentLogger, printing: { start: false } });
  try {
    await change(core);
  } finally {
    await core.close();
  }
}

/**
 * A scheduled `lastmile sync --daily` reads the account's secrets from the encrypted store when
 * it starts: a secret an admin changes in Settings between two runs is the one the next run
 * sends, against a carrier that refuses the old one from the moment of the change.
 */
describe('lastmile sync --daily and secrets changed in Settings', () => {
  it('sends the secret stored now, not the one stored at an earlier run', async () => {
    const dir = temps.make('lastmile-cli-sync-secrets-');
    await withStation(dir, async (core) => {
      addTestAdmin(core);
      await core.settings.setRaw(SYNC_CONFIG_KEY, {
        destinations: [
          {
            name: 'flash',
            kind: 'test-carrier',
            baseUrl: carrier.url,
            credentials: { clientId: 'lastmile' },
          },
        ],
        feeds: {},
      });
      await core.credentials.set('flash', { 'credentials.clientSecret': OLD }, TEST_ADMIN.id, false);
      enqueue(core.db, core.outbox, core.clock, [{ destination: 'flash', orderingKey: 'k1' }]);
    });
    const first = await lastmile('sync', '--daily', '--data', dir);
    expect(first.code).toBe(0);
    expect(carrier.applied('flash')).toHaveLength(1);

    // The carrier takes only the new secret from now on; the admin saves it in Settings.
    carrier.setCredentials({ clientId: 'lastmile', clientSecret: NEW });
    await withStation(dir, async (core) => {
      await core.credentials.set('flash', { 'credentials.clientSecret': NEW }, TEST_ADMIN.id, false);
      enqueue(core.db, core.outbox, core.clock, [{ destination: 'flash', orderingKey: 'k2' }]);
    });
    const second = await lastmile('sync', '--daily', '--data', dir, '--json');
    expect(second.stderr).not.toContain(NEW);
    expect(second.code).toBe(0);
    expect(carrier.applied('flash')).toHaveLength(2);
    expect(carrier.stats('flash').unauthorized).toBe(0);
  }, 90_000);
});
