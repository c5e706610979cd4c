import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { makeTestCore } from '../../helpers/core-factory';
import { countRows } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
let core: Core;
beforeEach(() => {
  ({ core } = makeTestCore(temps.make()));
});
afterEach(async () => {
  await core.close();
  temps.cleanup();
});

const payload = { scanId: 'S1', code: 'X1', station: 'QC-1', userId: null, scannedAt: 1 };

describe('outbox.enqueue', () => {
  it('refuses to run outside the caller transaction, so no event can be written on its own', () => {
    expect(() =>
      core.outbox.enqueue(core.db, {
        destination: 'hub',
        orderingKey: 'code:X1',
        type: 'scan.unknown',
        payload,
      }),
    ).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(countRows(core.db, 'outbox_events')).toBe(0);
  });

  it('an invalid payload rolls back the domain write of the same transaction', () => {
    const tx = core.db.transaction(() => {
      core.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('marker', '1', 1)").run();
      core.outbox.enqueue(core.db, {
        destination: 'hub',
        orderingKey: 'code:X1',
        type: 'scan.unknown',
        payload: { ...payload, scannedAt: 'yesterday' } as unknown as typeof payload,
      });
    });
    expect(() => tx()).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(countRows(core.db, 'outbox_events')).toBe(0);
    expect(core.settings.getRaw('marker')).toBeUndefined();
  });

  it('refuses a payload with a key its schema does not know, instead of silently dropping it', () => {
    const tx = core.db.transaction(() =>
      core.outbox.enqueue(core.db, {
        destination: 'hub',
        orderingKey: 'code:X1',
        type: 'scan.unknown',
        payload: { ...payload, scanedAt: 2 } as unknown as typeof payload,
      }),
    );
    expect(() => tx()).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(countRows(core.db, 'outbox_events')).toBe(0);
  });

  it('gives events commit order (seq), sortable ids and wakes listeners only after the commit', async () => {
    const woken: { destination: string; committed: number }[] = [];
    core.outbox.onEnqueued((destination) =>
      woken.push({ destination, committed: countRows(core.db, 'outbox_events') }),
    );
    const events = core.db.transaction(() => [
      core.outbox.enqueue(core.db, {
        destination: 'hub',
        orderingKey: 'code:A',
        type: 'scan.unknown',
        payload,
      }),
      core.outbox.enqueue(core.db, {
        destination: 'flash',
        orderingKey: 'code:A',
        type: 'scan.unknown',
        payload: { ...payload, scanId: 'S2' },
        idempotencyKey: 'scan:S2',
      }),
    ])();
    expect(events[1]!.seq).toBe(events[0]!.seq + 1);
    expect(events[1]!.id > events[0]!.id).toBe(true);
    expect(events[0]!.idempotencyKey).toBe(events[0]!.id);
    expect(events[1]!.idempotencyKey).toBe('scan:S2');
    expect(woken).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toEqual([
      { destination: 'hub', committed: 2 },
      { destination: 'flash', committed: 2 },
    ]);
  });

  it('refuses a second event with the same idempotency key, and the transaction with it', () => {
    const enqueue = (scanId: string) =>
      core.db.transaction(() =>
        core.outbox.enqueue(core.db, {
          destination: 'hub',
          orderingKey: 'code:A',
          type: 'scan.unknown',
          payload: { ...payload, scanId },
          idempotencyKey: 'same-key',
        }),
      )();
    enqueue('S1');
    expect(() => enqueue('S2')).toThrow(/UNIQUE/);
    expect(countRows(core.db, 'outbox_events')).toBe(1);
  });
});
