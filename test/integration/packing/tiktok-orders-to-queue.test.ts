import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { ManualClock } from '../../../src/main/clock';
import { openDatabase, type Db } from '../../../src/main/db/open';
import { writeTransaction } from '../../../src/main/db/write';
import { createIdGenerator } from '../../../src/main/ids';
import { OutboundOrderStore } from '../../../src/main/packing/outbound-orders';
import { seededRandom } from '../../../src/main/random';
import { calendarForMarket } from '../../../src/shared/calendar/calendars';
import { TempDirs } from '../../helpers/temp-dir';
import { connectTo, never } from '../tiktok-shop/harness';

const T0 = Date.UTC(2026, 5, 5, 9, 0); // Friday 16:00 Bangkok
const S0 = T0 / 1000;

describe('TikTok Shop orders into the pack queue', () => {
  const dirs = new TempDirs();
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  it('pulled orders queue by deadline with their risk; a cancellation mid-packing reaches the store', async () => {
    const clock = new ManualClock(T0);
    const fake = await startFakeTikTokShop({ clock });
    closers.push(() => fake.close());
    const h = connectTo(fake, clock, { config: { region: 'TH' } });
    const db: Db = openDatabase({ file: path.join(dirs.make(), 'lastmile.sqlite') });
    closers.push(() => {
      db.close();
    });
    const store = new OutboundOrderStore(db, clock, createIdGenerator(clock, seededRandom(8)));

    const urgent = fake.fulfilment.addOrder({
      deadlines: { rts_sla_time: S0 + 2 * 3600 },
      updateTime: S0 - 30,
    }); // 18:00 today
    const monday = fake.fulfilment.addOrder({
      deadlines: { rts_sla_time: Date.UTC(2026, 5, 8, 2) / 1000 },
      updateTime: S0 - 20,
    }); // Mon 09:00
    const later = fake.fulfilment.addOrder({
      deadlines: { rts_sla_time: S0 + 7 * 86_400 },
      updateTime: S0 - 10,
    });

    let cursor: string | null = null;
    const pullInto = async () => {
      for (;;) {
        const page = await h.connector.orders.pull(cursor, never);
        // The page's orders and the cursor commit together in the lead's pull runner; here the orders.
        await writeTransaction(db, () => page.items.map((o) => store.upsertIn(db, o)));
        cursor = page.nextCursor;
        if (!page.hasMore) return;
      }
    };
    await pullInto();
    const queue = store.queue({
      now: T0,
      calendarFor: calendarForMarket,
      policy: { hours: { startMinute: 540, endMinute: 1080 } },
    });
    expect(queue.map((q) => [q.order.externalId, q.risk.status, q.risk.reason])).toEqual([
      [urgent.id, 'at_risk', 'deadline_soon'],
      [monday.id, 'at_risk', 'deadline_soon'],
      [later.id, 'on_time', 'on_time'],
    ]);

    const packing = store.bySource('tiktok-shop:tiktok-th', urgent.id);
    await writeTransaction(db, () => store.setStatus(db, packing?.id ?? '', 'packing'));
    clock.advance(60_000);
    fake.fulfilment.cancelOrder(urgent.id, 'Out of stock');
    await pullInto();
    expect(store.bySource('tiktok-shop:tiktok-th', urgent.id)).toMatchObject({
      status: 'cancelled',
      stage: 'cancelled',
      cancellation: { state: 'cancelled', reason: 'Out of stock' },
    });
    expect(store.queue({ now: T0, calendarFor: calendarForMarket }).map((q) => q.order.externalId)).toEqual([
      monday.id,
      later.id,
    ]);
  });
});
