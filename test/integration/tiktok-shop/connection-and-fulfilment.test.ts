import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAIL_DELIVERY_REASONS,
  packageUpdateOf,
  parcelDeliveryResultPayloadSchema,
} from '../../../src/main/carriers/tiktok-shop/delivery-results';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { ManualClock } from '../../../src/main/clock';
import { DeliveryError } from '../../../src/main/sync/destination';
import { INCIDENT_REASONS } from '../../../src/shared/tracking';
import { connectTo, never, pngBytes } from './harness';

const T0 = Date.UTC(2026, 5, 1, 6, 0, 0);

describe('TikTok Shop test connection', () => {
  let clock: ManualClock;
  let fake: FakeTikTokShop;
  beforeEach(async () => {
    clock = new ManualClock(T0);
    fake = await startFakeTikTokShop({ clock, shopName: 'Siam Gadgets', region: 'TH' });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('names the authorised shop', async () => {
    const check = await connectTo(fake, clock).connector.testConnection(never);
    expect(check).toEqual({ ok: true, detail: 'shop Siam Gadgets (TH) is authorised' });
    expect(fake.log('shops')[0]?.path).toBe('/authorization/202309/shops');
  });

  it('says when the credentials work but the shop is not one of them', async () => {
    const check = await connectTo(fake, clock, {
      config: { shopCipher: 'ROW_someoneElse' },
    }).connector.testConnection(never);
    expect(check).toEqual({
      ok: false,
      reason: 'config',
      detail: 'the credentials work, but the configured shop is not among the 1 shops this app may use',
    });
  });

  it('says the credentials are refused for a wrong app secret', async () => {
    const issued = fake.issueAccessToken();
    const check = await connectTo(fake, clock, {
      config: { appSecret: 'wrong', accessToken: issued.token, accessTokenExpiresAt: issued.expiresAt },
    }).connector.testConnection(never);
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/^credentials refused: /);
    expect(fake.stats().badSignatures).toBe(1);
  });

  it('says so when the platform does not answer in time', async () => {
    fake.inject({ route: 'shops', kind: 'hang' });
    const h = connectTo(fake, clock);
    const check = await h.connector.testConnection(AbortSignal.timeout(500));
    expect(check).toEqual({ ok: false, reason: 'timeout', detail: 'no answer from TikTok Shop in time' });
  });
});

describe('TikTok Shop delivery results and order tracking', () => {
  let clock: ManualClock;
  let fake: FakeTikTokShop;
  beforeEach(async () => {
    clock = new ManualClock(T0);
    fake = await startFakeTikTokShop({ clock });
  });
  afterEach(async () => {
    await fake.close();
  });

  const result = (over: Record<string, unknown>) =>
    parcelDeliveryResultPayloadSchema.parse({
      stationId: 'st-1',
      parcelId: 'P-1',
      platformOrderId: 'O-1',
      platformPackageId: 'PKG-1',
      outcome: 'delivered',
      reason: null,
      proof: null,
      recordedBy: 'driver-3',
      attemptedAt: T0,
      ...over,
    });

  it('maps every incident reason to a documented fail_delivery_reason', () => {
    const documented = new Set([
      'INVALID_ADDRESS',
      'UNABLE_RECEIVE',
      'UNABLE_CONTACT_BUYER',
      'BUYER_REFUSED',
      'DELAY_DELIVERY',
      'PACKAGE_LOST',
      'PACKAGE_DAMAGE',
      'FORCE_MAJEURE',
      'OTHER',
    ]);
    for (const reason of INCIDENT_REASONS)
      expect(documented.has(FAIL_DELIVERY_REASONS[reason]), reason).toBe(true);
    expect(() => result({ outcome: 'failed' })).toThrow(/a failed delivery needs a reason/);
  });

  it('sends delivered and failed results with proof; a package the platform does not know comes back by id', async () => {
    fake.addPackage('PKG-1', 'O-1');
    fake.addPackage('PKG-2', 'O-2');
    const h = connectTo(fake, clock);
    const proof = await h.connector.client.uploadDeliveryImage(
      { bytes: pngBytes(1080, 1440), mimeType: 'image/jpeg', fileName: 'pod.jpg' },
      never,
    );
    const refused = await h.connector.client.deliverPackages(
      [
        packageUpdateOf(result({ platformPackageId: 'PKG-1' }), proof.url),
        packageUpdateOf(result({ platformPackageId: 'PKG-2', outcome: 'failed', reason: 'refused' }), null),
        packageUpdateOf(
          result({ platformPackageId: 'PKG-404', outcome: 'failed', reason: 'not_home' }),
          null,
        ),
      ],
      never,
    );
    expect(refused).toEqual([{ packageId: 'PKG-404', code: 21001001, message: 'package not found' }]);
    expect(fake.deliveries()).toEqual([
      { id: 'PKG-1', delivery_type: 'DELIVERY_SUCCESS', file_type: 'IMG', file_url: proof.url },
      { id: 'PKG-2', delivery_type: 'DELIVERY_FAILED', fail_delivery_reason: 'BUYER_REFUSED' },
    ]);
  });

  it('reads an order’s tracking, and refuses an unknown order with the platform’s code', async () => {
    const ret = fake.addReturn();
    fake.setTracking(ret.order_id, [
      { description: 'Parcel picked up by the seller fleet', update_time_millis: T0 - 7_200_000 },
      { description: 'Delivered, signed by the buyer', update_time_millis: T0 - 600_000 },
    ]);
    const h = connectTo(fake, clock);
    expect(await h.connector.client.orderTracking(ret.order_id, never)).toEqual([
      { description: 'Parcel picked up by the seller fleet', updateTimeMs: T0 - 7_200_000 },
      { description: 'Delivered, signed by the buyer', updateTimeMs: T0 - 600_000 },
    ]);
    const err = await h.connector.client.orderTracking('999', never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).kind).toBe('rejected');
    expect((err as DeliveryError).message).toContain('code 21001002: order not found');
  });

  it('429 is throttled with the platform’s Retry-After, 5xx a server error, garbage malformed', async () => {
    const h = connectTo(fake, clock);
    const ret = fake.addReturn();
    fake.inject({ route: 'tracking', kind: 'status', status: 429, retryAfter: '7' });
    fake.inject({ route: 'tracking', kind: 'status', status: 502 });
    fake.inject({ route: 'tracking', kind: 'garbage' });
    const kinds = [];
    for (let i = 0; i < 3; i++) {
      const err = (await h.connector.client
        .orderTracking(ret.order_id, never)
        .catch((e: unknown) => e)) as DeliveryError;
      kinds.push([err.kind, err.details.retryAfterMs]);
    }
    expect(kinds).toEqual([
      ['throttled', 7_000],
      ['server', undefined],
      ['malformed', undefined],
    ]);
  });
});
