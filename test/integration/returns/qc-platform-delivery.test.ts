import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { systemClock } from '../../../src/main/clock';
import { createCore, type Core } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import { seededRandom } from '../../../src/main/random';
import { DeliveryEngine } from '../../../src/main/sync/delivery-engine';
import { TempDirs } from '../../helpers/temp-dir';
import { tiktokShopConfigSchema } from '../../../src/main/carriers/tiktok-shop/config';
import { tiktokShopConnector } from '../../../src/main/carriers/tiktok-shop/definition';
import { connectTo } from '../tiktok-shop/harness';
import { addBins, addReturn, bench, outboxRows, png, uploadPhoto } from './qc-fixtures';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  temp.cleanup();
});

/**
 * The "done when" of the QC bench, against the platform's stand-in: a parcel with three items and
 * three dispositions, processed with scans and Enter only, reaches the TikTok Shop fake as one
 * receipt decision, counted at the fake before its de-duplication.
 */
describe('the receipt decision reaches the platform exactly once', () => {
  it('three items, three dispositions, scanner and Enter only; the fake sees one decision request', async () => {
    const core: Core = createCore({ dataDir: temp.make(), logger: silentLogger, random: seededRandom(4) });
    cleanups.push(() => core.close());
    await core.settings.update({ qcUndoMinutes: 0 });
    addBins(core);
    const fake = await startFakeTikTokShop({ clock: systemClock });
    cleanups.push(() => fake.close());
    const platformReturn = fake.addReturn({ status: 'BUYER_SHIPPED_ITEM' });
    const ret = addReturn(core, {
      tracking: platformReturn.return_tracking_number,
      items: [
        { sku: 'SKU-EARBUDS-W', barcode: '8850001000033', category: 'electronics', price: '1365' },
        { sku: 'SKU-LAMP-LED', barcode: '8850001000071', category: 'electronics', price: '840' },
        { sku: 'SKU-TSHIRT-M-BLK', barcode: '8850001000019', category: 'apparel', price: '250' },
      ],
      reason: 'buyer_remorse',
    });
    core.db
      .prepare('UPDATE return_orders SET platform_return_id = ? WHERE id = ?')
      .run(platformReturn.return_id, ret.id);
    const b = bench(core);
    const enter = () => b.scan('QC-OK');
    const yes = () => b.scan('QC-YES');
    const no = () => b.scan('QC-NO');

    await b.scan(ret.tracking);
    await enter(); // condition: intact
    // Earbuds: like new → restock into A-01-01.
    await b.scan('8850001000033');
    await enter(); // no serial label
    for (const answer of [yes, yes, yes, yes, no]) await answer();
    await enter(); // reason
    await enter(); // photos
    await enter(); // restock
    await b.scan('A-01-01');
    // Lamp: opened and scratched → grade C, electronics worth repairing → refurbish.
    await b.scan('8850001000071');
    await enter();
    for (const answer of [no, yes, no, yes, no]) await answer();
    await enter();
    await enter();
    await enter();
    // T-shirt: worn → C, cheap → destroy, pending the supervisor's approval in the queue.
    await b.scan('8850001000019');
    for (const answer of [yes, no, yes]) await answer();
    await enter();
    await enter();
    await enter(); // destroy
    await b.scan('QC-1'); // scrap reason: broken beyond repair
    const evidence = await uploadPhoto(core, png(11));
    await b.act({ kind: 'photo', sha256: evidence });
    await b.scan('QC-LATER');
    await b.scan('QC-DONE');
    const done = await enter();
    expect(done.feedback.kind).toBe('completed');
    const units = core.db
      .prepare<[], { disposition: string }>('SELECT disposition FROM qc_unit_decisions ORDER BY rowid')
      .all();
    expect(units.map((u) => u.disposition)).toEqual(['restock', 'refurbish', 'destroy']);

    // The connector reads evidence photos from the station's own photo store, by hash.
    const h = connectTo(fake, systemClock, {
      name: 'tiktok_shop',
      config: { limits: { requestsPerSecond: 100, burst: 20, maxConcurrency: 1, requestTimeoutMs: 3_000 } },
    });
    const connector = tiktokShopConnector.create('tiktok_shop', tiktokShopConfigSchema.parse(h.config), {
      clock: systemClock,
      random: seededRandom(5),
      logger: silentLogger,
      fetch: globalThis.fetch,
      state: h.state,
      blobs: core.qc.photos,
    });
    const engine = new DeliveryEngine({
      db: core.db,
      clock: systemClock,
      random: seededRandom(9),
      destinations: connector.destination ? [connector.destination] : [],
      logger: silentLogger,
      leaseMs: 5_000,
      backoff: { baseMs: 5, capMs: 40 },
      breaker: { failureThreshold: 50, cooldownMs: 20, maxCooldownMs: 40 },
    });
    cleanups.push(() => engine.stop());
    for (let i = 0; i < 20; i++) {
      const summary = await engine.drain({ maxWaitMs: 2_000 });
      if (summary.remaining === 0) break;
    }
    const platform = outboxRows(core).filter((e) => e.destination === 'tiktok_shop');
    expect(platform.map((e) => [e.type, e.status])).toEqual([
      ['return.received', 'delivered'],
      ['return.receipt_decided', 'delivered'],
    ]);
    const key = core.db
      .prepare<[], { idempotency_key: string }>(
        "SELECT idempotency_key FROM outbox_events WHERE type = 'return.receipt_decided'",
      )
      .get()?.idempotency_key as string;
    expect(fake.decisionRequests(key)).toBe(1);
    expect(fake.applications(key)).toBe(1);
    // The worn T-shirt of a buyer who "changed their mind": the package is rejected, with its evidence.
    expect(fake.decisionsFor(platformReturn.return_id).map((d) => [d.decision, d.rejectReason])).toEqual([
      ['REJECT_RECEIVED_PACKAGE', 'reverse_reject_request_reason_2'],
    ]);
    expect(fake.uploads(evidence)).toBe(1);
  });
});
