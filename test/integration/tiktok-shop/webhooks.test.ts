import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookRejected, type WebhookNotification } from '../../../src/main/carriers/connector';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { ManualClock } from '../../../src/main/clock';
import { connectTo, type Harness } from './harness';

const T0 = Date.UTC(2026, 5, 1, 6, 0, 0);

/**
 * Signed notifications sent by the fake over HTTP to a small receiver on 127.0.0.1 that hands the
 * exact raw body and headers to the connector — as the station's or hub's webhook endpoint will.
 */
describe('TikTok Shop webhooks', () => {
  let clock: ManualClock;
  let fake: FakeTikTokShop;
  let h: Harness;
  let receiver: http.Server;
  let target: string;
  const received: Array<{ duplicate: boolean; notification: WebhookNotification }> = [];

  beforeEach(async () => {
    clock = new ManualClock(T0);
    fake = await startFakeTikTokShop({ clock });
    h = connectTo(fake, clock);
    received.length = 0;
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
        );
        try {
          const result = h.connector.webhooks.receive(headers, Buffer.concat(chunks).toString('utf8'));
          received.push(result);
          res.writeHead(200).end(result.duplicate ? 'duplicate' : 'ok');
        } catch (err) {
          if (!(err instanceof WebhookRejected)) throw err;
          res.writeHead(err.reason === 'bad_signature' ? 401 : 400).end(`${err.reason}: ${err.message}`);
        }
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    target = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/webhooks/tiktok`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await fake.close();
  });

  const returnChange = {
    type: 12,
    data: {
      order_id: '576461413038785752',
      return_id: '4035133706470000001',
      return_type: 'RETURN_AND_REFUND',
      return_status: 'BUYER_SHIPPED_ITEM',
      return_role: 'BUYER',
      update_time: T0 / 1000,
    },
  };

  it('a signed RETURN_STATUS_CHANGE is verified and names the return to fetch again', async () => {
    const sent = await fake.sendWebhook(target, { ...returnChange, id: '7335012345678901234' });
    expect(sent.status).toBe(200);
    expect(received[0]).toMatchObject({
      duplicate: false,
      notification: {
        id: '7335012345678901234',
        type: 'RETURN_STATUS_CHANGE',
        refetch: { returnIds: ['4035133706470000001'] },
      },
    });
  });

  it('a PACKAGE_UPDATE names the package and order', async () => {
    const sent = await fake.sendWebhook(target, {
      type: 4,
      data: { order_id: '576461413038785752', package_id: '1153132168123859123', update_time: T0 / 1000 },
    });
    expect(sent.status).toBe(200);
    expect(received[0]?.notification).toMatchObject({
      type: 'PACKAGE_UPDATE',
      refetch: { packageIds: ['1153132168123859123'], orderIds: ['576461413038785752'] },
    });
  });

  it('a bad signature is refused before anything is read or remembered', async () => {
    const forged = await fake.sendWebhook(
      target,
      { ...returnChange, id: 'N1' },
      { secret: 'not-our-secret' },
    );
    expect(forged.status).toBe(401);
    expect(forged.body).toContain('bad_signature');
    // The genuine notification with the same id is still accepted: the forgery burnt nothing.
    expect((await fake.sendWebhook(target, { ...returnChange, id: 'N1' })).status).toBe(200);
    expect(received).toHaveLength(1);
    expect(h.connector.webhooks.stats().refused.bad_signature).toBe(1);
  });

  it('the signature covers the exact bytes: the same JSON re-spaced no longer matches', async () => {
    const genuine = JSON.stringify({
      type: 12,
      tts_notification_id: 'N2',
      shop_id: '1',
      timestamp: T0 / 1000,
      data: returnChange.data,
    });
    const signature = fake.signWebhook(genuine);
    const respaced = JSON.stringify(JSON.parse(genuine), null, 1);
    const res = await fetch(target, {
      method: 'POST',
      headers: { authorization: signature },
      body: respaced,
    });
    expect(res.status).toBe(401);
    const missing = await fetch(target, { method: 'POST', body: genuine });
    expect(missing.status).toBe(401);
  });

  it('a replayed notification is answered as a duplicate', async () => {
    const first = await fake.sendWebhook(target, { ...returnChange, id: 'N3' });
    const replay = await fake.sendWebhook(target, { ...returnChange, id: 'N3' }, { rawBody: first.rawBody });
    expect([first.body, replay.body]).toEqual(['ok', 'duplicate']);
    expect(h.connector.webhooks.stats()).toMatchObject({ accepted: 1, duplicates: 1 });
  });

  it('a notification too far from our clock is refused as stale', async () => {
    const old = await fake.sendWebhook(target, { ...returnChange, id: 'N4', timestamp: T0 / 1000 - 3_600 });
    expect(old.status).toBe(400);
    expect(old.body).toContain('stale');
    expect(received).toHaveLength(0);
  });

  it('other types are accepted and counted, with nothing to fetch', async () => {
    await fake.sendWebhook(target, { type: 6, data: { message: 'seller deauthorised' } });
    await fake.sendWebhook(target, { type: 7, data: { product_id: '1' } });
    expect(received.map((r) => [r.notification.type, r.notification.refetch])).toEqual([
      ['TYPE_6', undefined],
      ['TYPE_7', undefined],
    ]);
    expect(h.connector.webhooks.stats().ignored).toEqual({ TYPE_6: 1, TYPE_7: 1 });
  });

  it('an order status change names the order to fetch again (under the orders pull’s source), and says at once when it is cancelled', async () => {
    await fake.sendWebhook(target, {
      type: 1,
      data: { order_id: '5781', order_status: 'AWAITING_SHIPMENT', update_time: T0 / 1000 },
    });
    await fake.sendWebhook(target, { type: 1, data: { order_id: '5782', order_status: 'CANCELLED' } });
    expect(
      received.map((r) => [r.notification.type, r.notification.refetch, r.notification.orderChanges]),
    ).toEqual([
      [
        'ORDER_STATUS_CHANGE',
        { orderIds: ['5781'] },
        [
          {
            source: 'tiktok-shop:tiktok-th',
            orderId: '5781',
            status: 'AWAITING_SHIPMENT',
            cancellation: null,
          },
        ],
      ],
      [
        'ORDER_STATUS_CHANGE',
        { orderIds: ['5782'] },
        [
          {
            source: 'tiktok-shop:tiktok-th',
            orderId: '5782',
            status: 'CANCELLED',
            cancellation: 'cancelled',
          },
        ],
      ],
    ]);
    expect(h.connector.webhooks.stats()).toMatchObject({ accepted: 2, ignored: {} });
  });

  it('a cancellation status change is a cancellation request, or a cancellation once it went through', async () => {
    await fake.sendWebhook(target, {
      type: 11,
      data: { order_id: '5783', cancel_status: 'CANCELLATION_REQUEST_PENDING', cancellations_role: 'BUYER' },
    });
    await fake.sendWebhook(target, {
      type: 11,
      data: { order_id: '5783', cancel_status: 'CANCELLATION_REQUEST_COMPLETE' },
    });
    expect(received.map((r) => r.notification.orderChanges?.[0]?.cancellation)).toEqual([
      'requested',
      'cancelled',
    ]);
    expect(received[0]?.notification).toMatchObject({
      type: 'CANCELLATION_STATUS_CHANGE',
      refetch: { orderIds: ['5783'] },
    });
    const bad = await fake.sendWebhook(target, { type: 11, data: { cancel_status: 'X' } });
    expect(bad.status).toBe(400);
  });

  it('an unknown order status in a notification is reported', async () => {
    await fake.sendWebhook(target, { type: 1, data: { order_id: '5784', order_status: 'TELEPORTED' } });
    expect(h.unknown).toEqual([expect.objectContaining({ connector: 'tiktok-th', code: 'TELEPORTED' })]);
  });

  it('an unknown return status in a notification is reported', async () => {
    await fake.sendWebhook(target, {
      type: 12,
      data: { ...returnChange.data, return_status: 'RETURN_OR_REFUND_REQUEST_FROZEN' },
    });
    expect(received).toHaveLength(1);
    expect(h.unknown.map((u) => u.code)).toEqual(['RETURN_OR_REFUND_REQUEST_FROZEN']);
  });

  it('a signed body that is not an envelope is refused as malformed', async () => {
    const raw = '{"hello":"world"}';
    const res = await fetch(target, {
      method: 'POST',
      headers: { authorization: fake.signWebhook(raw) },
      body: raw,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('malformed');
  });
});
