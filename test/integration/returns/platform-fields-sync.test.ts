import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { systemClock } from '../../../src/main/clock';
import { createCore, type Core } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import { seededRandom } from '../../../src/main/random';
import { attachSync } from '../../../src/main/sync/attach-sync';
import { ReturnOrderUpserts } from '../../../src/main/sync/return-order-upserts';
import type { UserView } from '../../../src/shared/domain';
import { TempDirs } from '../../helpers/temp-dir';
import { bench } from './qc-fixtures';
import { fakeTikTokDestination } from '../../helpers/tiktok-account';

const temps = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  temps.cleanup();
});

interface PlatformColumns {
  platform_status: string | null;
  return_type: string | null;
  buyer_name: string | null;
  next_action: string | null;
  next_action_deadline: number | null;
  platform_updated_at: number | null;
}

const columns = (core: Core, platformReturnId: string) =>
  core.db
    .prepare<[string], PlatformColumns>(
      `SELECT platform_status, return_type, buyer_name, next_action, next_action_deadline, platform_updated_at
         FROM return_orders WHERE platform_return_id = ?`,
    )
    .get(platformReturnId);

/**
 * The platform's status, the seller's next action and its deadline, pulled by the real daily sync
 * from the TikTok Shop fake over HTTP into a real SQLite file, kept up to date on every pull, and
 * shown by the bench when the parcel is scanned.
 */
describe('platform fields from the returns pull', () => {
  it('stores status, next action and deadline, updates them on the next pull, and never lets an older version win', async () => {
    const fake = await startFakeTikTokShop({ clock: systemClock, region: 'TH' });
    cleanups.push(() => fake.close());
    const core = createCore({ dataDir: temps.make(), logger: silentLogger, random: seededRandom(3) });
    cleanups.push(() => core.close());
    const sync = attachSync(core, {
      destinations: [
        fakeTikTokDestination(fake, {
          limits: { requestsPerSecond: 100, burst: 20, maxConcurrency: 2, requestTimeoutMs: 3_000 },
        }),
      ],
      feeds: { returns: ['tiktok_shop'] },
      startTrickle: false,
      engine: { drainMaxWaitMs: 300 },
    });
    cleanups.push(() => sync.close());
    const boss = core.db
      .prepare<[], UserView>("SELECT id, name, role FROM users WHERE role = 'supervisor' LIMIT 1")
      .get() as UserView;

    const firstUpdate = Math.floor(Date.now() / 1000) - 600;
    const ret = fake.addReturn({ buyerName: 'Nattaya Srisuk', updateTime: firstUpdate });
    const first = await sync.runDaily('ui', boss);
    expect(first.errors).toEqual([]);
    expect(columns(core, ret.return_id)).toEqual({
      platform_status: 'BUYER_SHIPPED_ITEM',
      return_type: 'RETURN_AND_REFUND',
      buyer_name: 'Nattaya Srisuk',
      next_action: 'SELLER_RESPOND_RECEIVE_PACKAGE',
      next_action_deadline: (firstUpdate + 3 * 86_400) * 1000,
      platform_updated_at: firstUpdate * 1000,
    });

    // The bench shows what the platform waits for, and until when.
    const opened = await bench(core).scan(ret.return_tracking_number ?? '');
    expect(opened.state.receipt?.orders[0]).toMatchObject({
      platformStatus: 'BUYER_SHIPPED_ITEM',
      nextAction: { action: 'SELLER_RESPOND_RECEIVE_PACKAGE', deadline: (firstUpdate + 3 * 86_400) * 1000 },
    });

    // The platform moves on: a new deadline, then no action at all; each pull stores the newer version.
    const secondUpdate = firstUpdate + 300;
    fake.updateReturn(ret.return_id, {
      update_time: secondUpdate,
      return_status: 'RETURN_OR_REFUND_REQUEST_SUCCESS',
      seller_next_action_response: [{ action: 'SELLER_REVIEW_RETURN', deadline: secondUpdate + 86_400 }],
    });
    const second = await sync.runDaily('ui', boss);
    expect(second.errors).toEqual([]);
    expect(columns(core, ret.return_id)).toMatchObject({
      platform_status: 'RETURN_OR_REFUND_REQUEST_SUCCESS',
      next_action: 'SELLER_REVIEW_RETURN',
      next_action_deadline: (secondUpdate + 86_400) * 1000,
      platform_updated_at: secondUpdate * 1000,
    });
    const after = await bench(core).state();
    expect(after.receipt?.orders[0]?.nextAction).toEqual({
      action: 'SELLER_REVIEW_RETURN',
      deadline: (secondUpdate + 86_400) * 1000,
    });

    // An older version (an overlapping window replayed) changes nothing.
    const upserts = new ReturnOrderUpserts(core.db, core.clock, core.newId);
    const stale = core.db.transaction(() =>
      upserts.apply([
        {
          platform: 'tiktok_shop',
          platformReturnId: ret.return_id,
          orderId: ret.order_id,
          status: 'expected',
          reason: 'Wrong size',
          returnTrackingNumber: ret.return_tracking_number,
          returnCarrier: 'flash-th',
          country: 'TH',
          items: [{ sku: 'SKU-TEE-M', barcode: null, name: 'Cotton tee — Default', quantity: 1 }],
          platformFields: {
            status: 'BUYER_SHIPPED_ITEM',
            returnType: 'RETURN_AND_REFUND',
            buyerName: 'Nattaya Srisuk',
            nextAction: { action: 'SELLER_RESPOND_RECEIVE_PACKAGE', deadline: 1 },
            updatedAt: firstUpdate * 1000,
          },
        },
      ]),
    )();
    expect(stale).toBe(0);
    expect(columns(core, ret.return_id)).toMatchObject({
      platform_status: 'RETURN_OR_REFUND_REQUEST_SUCCESS',
      next_action: 'SELLER_REVIEW_RETURN',
    });

    // The platform no longer waits for the seller: the action and its deadline are cleared.
    fake.updateReturn(ret.return_id, { update_time: secondUpdate + 60, seller_next_action_response: [] });
    expect((await sync.runDaily('ui', boss)).errors).toEqual([]);
    expect(columns(core, ret.return_id)).toMatchObject({
      next_action: null,
      next_action_deadline: null,
      platform_updated_at: (secondUpdate + 60) * 1000,
    });
  });
});
