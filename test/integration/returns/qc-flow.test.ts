import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { makeTestCore } from '../../helpers/core-factory';
import { SUPERVISOR_PIN, settleSupervisorPin } from '../../helpers/session';
import { UNROUTED } from '../../../src/main/printing/queue/print-queue';
import { templateNamed } from '../../../src/main/printing/templates';
import { TempDirs } from '../../helpers/temp-dir';
import { addBins, addReturn, bench, outboxRows, png, uploadPhoto } from './qc-fixtures';

const temp = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temp.cleanup();
});

function station() {
  const t = makeTestCore(temp.make());
  cores.push(t.core);
  addBins(t.core);
  // The supervisor who approves at the bench has chosen their own PIN (0000 must be changed first).
  settleSupervisorPin(t.core);
  return t;
}

const EARBUDS = { sku: 'SKU-EARBUDS-W', barcode: '8850001000033', category: 'electronics', price: '1365' };
const LAMP = { sku: 'SKU-LAMP-LED', barcode: '8850001000071', category: 'electronics', price: '840' };
const LIPSTICK = { sku: 'SKU-LIPSTICK-07', barcode: '8850001000040', category: 'cosmetics', price: '420' };

describe('a parcel with three items and three dispositions, end to end on a real database', () => {
  it('receives, grades, decides restock / refurbish / destroy and completes with its outbox events and labels', async () => {
    const { core, clock } = station();
    const ret = addReturn(core, { items: [EARBUDS, LAMP, LIPSTICK], reason: 'buyer_remorse' });
    const b = bench(core);

    const opened = await b.scan(ret.tracking);
    expect(opened.feedback).toMatchObject({ tone: 'ok', kind: 'received', scannedCode: ret.tracking });
    expect(opened.state.receipt).toMatchObject({
      step: 'condition',
      orders: [{ id: ret.id, status: 'received' }],
    });
    await b.enter(); // intact

    // 1: earbuds, serial, all good → A → restock into a bin that exists.
    expect((await b.scan(EARBUDS.barcode)).feedback.kind).toBe('item_matched');
    await b.scan('SN-EB-000123');
    for (const answer of ['yes', 'yes', 'yes', 'yes', 'no'] as const) await b.act({ kind: 'answer', answer });
    await b.enter(); // reason: the buyer's
    await b.enter(); // no photos
    const restock = await b.enter(); // suggestion
    expect(restock.state.receipt?.units[0]).toMatchObject({
      grade: 'A',
      chosen: 'restock',
      step: 'bin',
      serial: 'SN-EB-000123',
    });
    expect((await b.scan('A-01-02')).feedback).toMatchObject({
      kind: 'decided',
      params: { disposition: 'restock', location: 'A-01-02' },
    });

    // 2: lamp, does not power on, reason defective → refurbish (work order + tag).
    await b.scan(LAMP.barcode);
    await b.enter(); // no serial
    for (const answer of ['no', 'no', 'yes', 'yes', 'no'] as const) await b.act({ kind: 'answer', answer });
    await b.act({ kind: 'choose', index: 1 }); // defective
    await b.enter();
    const refurbish = await b.enter();
    expect(refurbish.feedback).toMatchObject({ kind: 'decided', params: { disposition: 'refurbish' } });

    // 3: opened lipstick → destroy: scrap reason, evidence photo, supervisor at the bench.
    await b.scan(LIPSTICK.barcode);
    for (const answer of ['no', 'yes', 'yes'] as const) await b.act({ kind: 'answer', answer });
    await b.enter();
    await b.enter();
    expect((await b.enter()).state.receipt?.units[2]).toMatchObject({
      grade: 'B',
      chosen: 'destroy',
      step: 'scrap_reason',
    });
    await b.act({ kind: 'choose', index: 1 }); // hygiene
    const evidence = await uploadPhoto(core, png(7));
    await b.act({ kind: 'photo', sha256: evidence });
    const approved = await b.act({
      kind: 'approve_here',
      authorization: { userId: 'supervisor', pin: SUPERVISOR_PIN },
    });
    expect(approved.feedback).toMatchObject({
      kind: 'decided',
      params: { disposition: 'destroy', approvedBy: 'Supervisor' },
    });

    expect((await b.act({ kind: 'no_more_items' })).feedback).toMatchObject({
      kind: 'missing_closed',
      params: { count: 0 },
    });
    const review = await b.state();
    expect(review.receipt?.decisions).toEqual([
      expect.objectContaining({ returnOrderId: ret.id, decision: 'approve', rejectReason: null }),
    ]);
    clock.advance(1000);
    const done = await b.enter();
    expect(done.feedback.kind).toBe('completed');
    expect(done.state.receipt).toBeNull();
    expect(done.state.lastCompleted?.id).toBe(opened.state.receipt?.id);

    const events = outboxRows(core);
    const platform = events.filter((e) => e.destination === 'tiktok_shop');
    expect(platform.map((e) => e.type)).toEqual(['return.received', 'return.receipt_decided']);
    expect(new Set(platform.map((e) => e.ordering_key))).toEqual(new Set([`return:${ret.id}`]));
    const decision = platform[1];
    expect(decision?.data).toMatchObject({
      stationId: core.stationId,
      returnOrderId: ret.id,
      platformReturnId: ret.platformReturnId,
      decision: 'approve',
      rejectReason: null,
      images: [],
      decidedBy: 'clerk',
    });
    // Held back for the undo window (10 minutes by default), so an undo can still withdraw it.
    expect(decision?.next_attempt_at).toBe(clock.now() + 10 * 60_000);

    const adjustments = events.filter((e) => e.type === 'inventory.adjusted');
    expect(
      adjustments.map((e) => [e.destination, e.data.disposition, e.data.location, e.data.quantity]),
    ).toEqual([
      ['hub', 'restock', 'A-01-02', 1],
      ['hub', 'refurbish', 'REFURBISH-BENCH', 1],
      ['hub', 'destroy', 'DESTROY-CAGE', 1],
    ]);
    expect(adjustments[0]?.data).toMatchObject({
      sku: EARBUDS.sku,
      serial: 'SN-EB-000123',
      grade: 'A',
      stationId: core.stationId,
    });

    const decisions = core.db
      .prepare<
        [],
        {
          disposition: string;
          decided_by: string;
          station_id: string;
          rule_id: string;
          work_order_id: string | null;
        }
      >(
        'SELECT disposition, decided_by, station_id, rule_id, work_order_id FROM qc_unit_decisions ORDER BY decided_at, rowid',
      )
      .all();
    expect(decisions.map((d) => [d.disposition, d.rule_id, d.decided_by, d.station_id])).toEqual([
      ['restock', 'sellable', 'clerk', core.stationId],
      ['refurbish', 'defective-electronics', 'clerk', core.stationId],
      ['destroy', 'opened-cosmetics', 'clerk', core.stationId],
    ]);
    expect(decisions[1]?.work_order_id).toMatch(/^WO-/);
    const approval = core.db
      .prepare<[], { status: string; decided_by: string; decided_via: string }>(
        'SELECT status, decided_by, decided_via FROM qc_approvals',
      )
      .get();
    expect(approval).toEqual({ status: 'approved', decided_by: 'supervisor', decided_via: 'station' });
    expect(core.db.prepare('SELECT count(*) AS n FROM destruction_batch_items').get()).toEqual({ n: 1 });

    // The print queue itself, in the decisions' transactions; no printer is set up, so they wait.
    const labels = core.db
      .prepare<[], { template: string; data: string; printer_id: string; status: string }>(
        'SELECT template, data, printer_id, status FROM print_jobs ORDER BY seq',
      )
      .all();
    for (const label of labels) {
      // Each label's data is exactly what its template declares (the queue checks it too).
      expect(() => templateNamed(label.template).schema.parse(JSON.parse(label.data))).not.toThrow();
      expect([label.printer_id, label.status]).toEqual([UNROUTED, 'queued']);
    }
    expect(labels.map((l) => l.template)).toEqual([
      'license-plate',
      'restock-label',
      'license-plate',
      'refurbish-work-order',
      'license-plate',
      'qc-tag',
    ]);
    expect(core.db.prepare('SELECT status FROM return_orders WHERE id = ?').get(ret.id)).toEqual({
      status: 'completed',
    });
  });
});
