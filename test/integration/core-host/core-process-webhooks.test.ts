import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startAfterShipFake } from '../../../src/main/carriers/aftership/fake-server';
import { createCore, DATABASE_FILE } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import { startStationServer } from '../../../src/main/station/server';
import { openStationCore } from '../../../src/main/station/station-core';
import { SYNC_CONFIG_KEY } from '../../../src/main/sync/attach-sync';
import { insertParcel } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const SECRET = 'as-webhook-secret-core-process';

/**
 * `lastmile station --core-process` (the desktop app's arrangement): the server in this process
 * hands a carrier's push to the core in the child, which verifies and stores it. Asserted in the
 * station's SQLite file, read after the child wrote it.
 */
describe('webhooks with the core in another process', () => {
  const temps = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    temps.cleanup();
  });

  it('stores a signed AfterShip push once, refuses a forged one, and answers 503 once the core is gone', async () => {
    const aftership = await startAfterShipFake({ apiKey: 'as-key', webhookSecret: SECRET });
    cleanups.push(() => aftership.close());
    const dataDir = temps.make('lastmile-cp-webhooks-');
    const setup = createCore({ dataDir, logger: silentLogger, printing: { start: false } });
    insertParcel(setup.db, { id: 'p-vn', trackingNumber: 'VN88', carrier: 'ninjavan-vn', country: 'VN' });
    await setup.settings.setRaw(SYNC_CONFIG_KEY, {
      destinations: [
        {
          name: 'aftership-vn',
          kind: 'aftership',
          apiKey: 'as-key',
          webhookSecret: SECRET,
          baseUrl: aftership.baseUrl,
          market: 'VN',
        },
      ],
      feeds: {},
    });
    await setup.close();

    const station = await openStationCore({ dataDir, logger: silentLogger, mode: 'core-process' });
    let stationOpen = true;
    cleanups.push(() => (stationOpen ? station.close() : undefined));
    expect(station.supervisor).not.toBeNull();
    const rendererDir = temps.make('lastmile-renderer-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>LastMile Desk</title>');
    const server = await startStationServer({
      core: station,
      rendererDir,
      port: 0,
      token: 'core-process-webhooks-token',
      ...(station.webhooks ? { webhooks: station.webhooks } : {}),
    });
    cleanups.push(() => server.close());
    const post = async (body: string, headers: Record<string, string>) => {
      const res = await fetch(`${server.url}webhooks/aftership/aftership-vn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const eventsInFile = (): number => {
      const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
      try {
        return (
          db
            .prepare(
              "SELECT count(*) AS n FROM tracking_events e JOIN parcels p ON p.id = e.parcel_id WHERE p.tracking_number = 'VN88'",
            )
            .get() as { n: number }
        ).n;
      } finally {
        db.close();
      }
    };

    aftership.setTracking(
      'VN88',
      'ninjavan',
      [
        {
          checkpoint_time: '2026-01-15T08:00:00+07:00',
          message: 'picked up',
          tag: 'InTransit',
          subtag: 'InTransit_002',
          city: 'Hanoi',
        },
      ],
      Date.now(),
    );
    const push = aftership.push('VN88', 'evt-cp-1');
    expect(await post(push.body, push.headers)).toEqual({
      status: 200,
      body: { ok: true, id: 'evt-cp-1', duplicate: false, tracking: 1, returns: 0 },
    });
    expect(eventsInFile()).toBe(1);
    expect(await post(push.body, push.headers)).toEqual({
      status: 200,
      body: { ok: true, id: 'evt-cp-1', duplicate: true, tracking: 0, returns: 0 },
    });
    expect(eventsInFile()).toBe(1);

    const forged = await post(push.body.replace('evt-cp-1', 'evt-cp-2'), push.headers);
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ ok: false, error: 'bad_signature' });
    expect(eventsInFile()).toBe(1);

    // No core behind the server any more: the carrier is told to send it again later, not "ok".
    await station.close();
    stationOpen = false;
    const later = await post(push.body, push.headers);
    expect(later.status).toBe(503);
    expect(later.body).toMatchObject({ ok: false });
  });
});
