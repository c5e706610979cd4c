import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { DeliveryStore } from '../../src/main/outbox/delivery-store';
import { TEST_EPOCH } from '../helpers/core-factory';
import { TempDirs } from '../helpers/temp-dir';
import { enqueue, openOutbox, statusOf } from './fixtures/outbox-events';

/**
 * Withdrawing an event before it reached its destination (a combination taken back out at the
 * bench), on a real SQLite file: pending or dead → discarded in the caller's transaction, and the
 * event behind it on its key becomes the one delivery claims; in flight or delivered → refused.
 */
describe('Outbox.withdrawIn', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
    dirs.cleanup();
  });

  function setup() {
    const clock = new ManualClock(TEST_EPOCH);
    const { db, outbox } = openOutbox(dirs.make(), clock);
    cleanups.push(() => db.close());
    const store = new DeliveryStore(db, clock, { maxAheadMs: 3_600_000 });
    return { clock, db, outbox, store };
  }

  it('discards a pending head with its reason, and the next event on its key is claimed instead', async () => {
    const { db, outbox, store } = setup();
    const [first, second] = enqueue(db, outbox, new ManualClock(TEST_EPOCH), [
      { destination: 'tts', orderingKey: 'order:1' },
      { destination: 'tts', orderingKey: 'order:1' },
    ]);
    const woken: string[] = [];
    outbox.onEnqueued((d) => woken.push(d));
    const withdrawn = db.transaction(() => outbox.withdrawIn(db, first!.id, 'taken out before sealing'))();
    expect(withdrawn).toBe(true);
    expect(statusOf(db, first!.id)).toMatchObject({
      status: 'discarded',
      last_error: 'taken out before sealing',
    });
    const claimed = await store.claim('tts', { limit: 10, owner: 'test', leaseMs: 10_000, now: TEST_EPOCH });
    expect(claimed.map((e) => e.id)).toEqual([second!.id]);
    await expect.poll(() => woken).toEqual(['tts']);
  });

  it('refuses an event in flight or delivered, and changes nothing', async () => {
    const { db, outbox, store } = setup();
    const [event] = enqueue(db, outbox, new ManualClock(TEST_EPOCH), [
      { destination: 'tts', orderingKey: 'k' },
    ]);
    const [claimed] = await store.claim('tts', { limit: 1, owner: 'test', leaseMs: 10_000, now: TEST_EPOCH });
    expect(claimed?.id).toBe(event!.id);
    expect(db.transaction(() => outbox.withdrawIn(db, event!.id, 'too late'))()).toBe(false);
    expect(statusOf(db, event!.id).status).toBe('in_flight');
    db.prepare("UPDATE outbox_events SET status = 'delivered' WHERE id = ?").run(event!.id);
    expect(db.transaction(() => outbox.withdrawIn(db, event!.id, 'too late'))()).toBe(false);
    expect(statusOf(db, event!.id).status).toBe('delivered');
  });

  it('discards a dead event, and refuses to run outside the caller’s transaction', () => {
    const { db, outbox } = setup();
    const [event] = enqueue(db, outbox, new ManualClock(TEST_EPOCH), [
      { destination: 'tts', orderingKey: 'k' },
    ]);
    db.prepare("UPDATE outbox_events SET status = 'dead' WHERE id = ?").run(event!.id);
    expect(() => outbox.withdrawIn(db, event!.id, 'outside')).toThrow(/outside the caller transaction/);
    expect(statusOf(db, event!.id).status).toBe('dead');
    expect(db.transaction(() => outbox.withdrawIn(db, event!.id, 'refused for good'))()).toBe(true);
    expect(statusOf(db, event!.id).status).toBe('discarded');
  });
});
