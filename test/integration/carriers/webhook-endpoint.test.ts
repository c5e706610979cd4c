import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAfterShipFake, type AfterShipFake } from '../../../src/main/carriers/aftership/fake-server';
import { startNinjaVanFake, type NinjaVanFake } from '../../../src/main/carriers/ninja-van/fake-server';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import type { ManualClock } from '../../../src/main/clock';
import type { Core } from '../../../src/main/core';
import { startStationServer, type StationServer } from '../../../src/main/station/server';
import { attachSync } from '../../../src/main/sync/attach-sync';
import { makeTestCore } from '../../helpers/core-factory';
import { insertParcel } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const AS_SECRET = 'as-webhook-secret-for-the-endpoint';
const NV_ID = 'nv-client-endpoint';
const NV_SECRET = 'nv-secret-endpoint-0a1b2c';

/**
 * POST /webhooks/<connector>/<account> on a real station server, with requests signed by each
 * carrier's fake (its own HMAC code), and the rows they leave in the station's SQLite file.
 */
describe('the station server webhook endpoint', () => {
  const temps = new TempDirs();
  let core: Core;
  let clock: ManualClock;
  let server: StationServer;
  let aftership: AfterShipFake;
  let ninja: NinjaVanFake;
  let tiktok: FakeTikTokShop;

  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}webhooks/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const count = (sql: string, ...params: unknown[]): number =>
    (core.db.prepare(sql).get(...params) as { n: number }).n;
  const eventsOf = (tracking: string): number =>
    count(
      'SELECT count(*) AS n FROM tracking_events e JOIN parcels p ON p.id = e.parcel_id WHERE p.tracking_number = ?',
      tracking,
    );

  beforeAll(async () => {
    ({ core, clock } = makeTestCore(temps.make('lastmile-webhooks-')));
    aftership = await startAfterShipFake({ apiKey: 'as-key', webhookSecret: AS_SECRET, clock });
    ninja = await startNinjaVanFake({ clientId: NV_ID, clientSecret: NV_SECRET, country: 'my', clock });
    tiktok = await startFakeTikTokShop({ clock });
    attachSync(core, {
      destinations: [
        {
          name: 'aftership-vn',
          kind: 'aftership',
          apiKey: 'as-key',
          webhookSecret: AS_SECRET,
          baseUrl: aftership.baseUrl,
          market: 'VN',
        },
        {
          name: 'ninja-my',
          kind: 'ninja-van',
          clientId: NV_ID,
          clientSecret: NV_SECRET,
          country: 'my',
          baseUrl: ninja.baseUrl,
        },
        {
          name: 'tiktok_shop',
          kind: 'tiktok-shop',
          baseUrl: tiktok.url,
          authBaseUrl: tiktok.url,
          appKey: tiktok.appKey,
          appSecret: tiktok.appSecret,
          shopCipher: tiktok.shopCipher,
          refreshToken: tiktok.refreshToken(),
        },
        {
          name: 'flash',
          kind: 'test-carrier',
          baseUrl: 'http://127.0.0.1:9',
          credentials: { clientId: 'lastmile', clientSecret: 'tc-secret' },
        },
      ],
      feeds: {},
      startTrickle: false,
    });
    server = await startStationServer({
      core,
      rendererDir: temps.make('lastmile-empty-renderer-'),
      port: 0,
      token: 'webhook-endpoint-test-token',
      webhooks: () => core.sync?.webhooks,
      maxWebhookBytes: 16 * 1024,
    });
    insertParcel(core.db, { id: 'p-vn', trackingNumber: 'VN77', carrier: 'ninjavan-vn', country: 'VN' });
    insertParcel(core.db, { id: 'p-my', trackingNumber: 'NVMY0100', carrier: 'ninjavan-my', country: 'MY' });
  });

  afterAll(async () => {
    await server?.close();
    await core?.close();
    await aftership?.close();
    await ninja?.close();
    await tiktok?.close();
    temps.cleanup();
  });

  it('stores a signed AfterShip push once; the replay answers 200 duplicate and writes nothing', async () => {
    aftership.setTracking(
      'VN77',
      'ninjavan',
      [
        {
          checkpoint_time: '2026-01-15T08:00:00+07:00',
          message: 'picked up',
          tag: 'InTransit',
          subtag: 'InTransit_002',
          city: 'Hanoi',
        },
        {
          checkpoint_time: '2026-01-15T12:00:00+07:00',
          message: 'delivered',
          tag: 'Delivered',
          subtag: 'Delivered_003',
          city: 'Hanoi',
        },
      ],
      clock.now(),
    );
    const push = aftership.push('VN77', 'evt-endpoint-1');
    const first = await post('aftership/aftership-vn', push.body, push.headers);
    expect(first).toEqual({
      status: 200,
      body: { ok: true, id: 'evt-endpoint-1', duplicate: false, tracking: 2, returns: 0 },
    });
    expect(eventsOf('VN77')).toBe(2);
    expect(core.db.prepare("SELECT status FROM parcels WHERE id = 'p-vn'").get()).toEqual({
      status: 'delivered',
    });

    const replay = await post('aftership/aftership-vn', push.body, push.headers);
    expect(replay).toEqual({
      status: 200,
      body: { ok: true, id: 'evt-endpoint-1', duplicate: true, tracking: 0, returns: 0 },
    });
    expect(eventsOf('VN77')).toBe(2);
    expect(
      count("SELECT count(*) AS n FROM webhook_notifications WHERE notification_id = 'evt-endpoint-1'"),
    ).toBe(1);
  });

  it('refuses a bad AfterShip signature with 401 and the documented body; nothing stored or remembered', async () => {
    aftership.setTracking(
      'VN77',
      'ninjavan',
      [
        {
          checkpoint_time: '2026-01-15T13:00:00+07:00',
          message: 'late scan',
          tag: 'InTransit',
          subtag: 'InTransit_001',
          city: 'Hanoi',
        },
      ],
      clock.now(),
    );
    const push = aftership.push('VN77', 'evt-endpoint-2');
    const forged = await post('aftership/aftership-vn', push.body, {
      'aftership-hmac-sha256': Buffer.from('not the signature').toString('base64'),
    });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ ok: false, error: 'bad_signature' });
    expect(typeof forged.body.message).toBe('string');
    const tampered = await post('aftership/aftership-vn', `${push.body} `, push.headers);
    expect(tampered.status).toBe(401);
    expect(eventsOf('VN77')).toBe(2);
    // The forgeries burnt nothing: the genuine push with the same id is stored.
    expect((await post('aftership/aftership-vn', push.body, push.headers)).body).toMatchObject({
      duplicate: false,
      tracking: 1,
    });
    expect(eventsOf('VN77')).toBe(3);
  });

  it('a store that fails leaves neither the events nor the remembered id: the retry is stored', async () => {
    aftership.setTracking(
      'VN77',
      'ninjavan',
      [
        {
          checkpoint_time: '2026-01-15T14:00:00+07:00',
          message: 'second attempt',
          tag: 'InTransit',
          subtag: 'InTransit_003',
          city: 'Hanoi',
        },
      ],
      clock.now(),
    );
    const push = aftership.push('VN77', 'evt-endpoint-fail');
    core.db.exec(`CREATE TEMP TRIGGER fail_webhook BEFORE INSERT ON webhook_notifications
      WHEN NEW.notification_id = 'evt-endpoint-fail' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const failed = await post('aftership/aftership-vn', push.body, push.headers);
    expect(failed).toMatchObject({ status: 503, body: { ok: false, error: 'not_stored' } });
    expect(eventsOf('VN77')).toBe(3);
    expect(count("SELECT count(*) AS n FROM connector_state WHERE key LIKE '%evt-endpoint-fail%'")).toBe(0);
    core.db.exec('DROP TRIGGER fail_webhook');
    const retried = await post('aftership/aftership-vn', push.body, push.headers);
    expect(retried.body).toMatchObject({ ok: true, duplicate: false, tracking: 1 });
    expect(eventsOf('VN77')).toBe(4);
  });

  it('stores a signed Ninja Van status push once, HMAC checked', async () => {
    const push = ninja.push({
      tracking_id: 'NVMY0100',
      event: 'On Vehicle for Delivery',
      status: 'On Vehicle for Delivery',
      timestamp: '2026-01-15T16:05:00+0800',
    });
    const first = await post('ninja-van/ninja-my', push.body, push.headers);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, duplicate: false, tracking: 1 });
    const again = await post('ninja-van/ninja-my', push.body, push.headers);
    expect(again.body).toMatchObject({ ok: true, duplicate: true, tracking: 0 });
    expect(eventsOf('NVMY0100')).toBe(1);
    expect(core.db.prepare("SELECT status FROM parcels WHERE id = 'p-my'").get()).toEqual({
      status: 'out_for_delivery',
    });
    const forged = await post('ninja-van/ninja-my', push.body, { 'X-Ninjavan-Hmac-Sha256': 'AAAA' });
    expect(forged).toMatchObject({ status: 401, body: { ok: false, error: 'bad_signature' } });
  });

  it('records a TikTok Shop RETURN_STATUS_CHANGE once by tts_notification_id, with what to fetch again', async () => {
    const target = `${server.url}webhooks/tiktok-shop/tiktok_shop`;
    const notification = {
      type: 12,
      id: '7335012345678900001',
      data: {
        order_id: '576461413038785752',
        return_id: '4035133706470000001',
        return_status: 'BUYER_SHIPPED_ITEM',
        update_time: Math.floor(clock.now() / 1000),
      },
    };
    const first = await tiktok.sendWebhook(target, notification);
    expect(first.status).toBe(200);
    const replay = await tiktok.sendWebhook(target, notification, { rawBody: first.rawBody });
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.body)).toMatchObject({ ok: true, duplicate: true });
    const rows = core.db
      .prepare("SELECT type, refetch FROM webhook_notifications WHERE destination = 'tiktok_shop'")
      .all() as { type: string; refetch: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.type).toBe('RETURN_STATUS_CHANGE');
    expect(JSON.parse(rows[0]!.refetch)).toEqual({
      returnIds: ['4035133706470000001'],
    });
    const forged = await tiktok.sendWebhook(target, { ...notification, id: 'N-forged' }, { secret: 'nope' });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body)).toMatchObject({ ok: false, error: 'bad_signature' });
  });

  it('answers 404 for an unknown connector, an unknown account, and a connector without webhooks', async () => {
    expect(await post('dhl/anything', '{}')).toMatchObject({
      status: 404,
      body: { ok: false, error: 'unknown_connector' },
    });
    expect(await post('aftership/no-such-account', '{}')).toMatchObject({
      status: 404,
      body: { ok: false, error: 'unknown_account' },
    });
    // An account name under the wrong connector is not found either.
    expect(await post('ninja-van/aftership-vn', '{}')).toMatchObject({
      status: 404,
      body: { ok: false, error: 'unknown_account' },
    });
    expect(await post('test-carrier/flash', '{}')).toMatchObject({
      status: 404,
      body: { ok: false, error: 'no_webhooks' },
    });
  });

  it('refuses a body over the limit with 413 before reading it, and anything but POST with 405', async () => {
    const before = count('SELECT count(*) AS n FROM webhook_notifications');
    const big = await post('aftership/aftership-vn', `{"pad":"${'x'.repeat(20 * 1024)}"}`);
    expect(big).toMatchObject({ status: 413, body: { ok: false, error: 'too_large' } });
    const get = await fetch(`${server.url}webhooks/aftership/aftership-vn`);
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ ok: false, error: 'method_not_allowed' });
    expect(count('SELECT count(*) AS n FROM webhook_notifications')).toBe(before);
  });
});
