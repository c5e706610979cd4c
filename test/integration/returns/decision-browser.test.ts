import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import type { DecisionPage, DecisionTrail } from '../../../src/shared/returns/supervision-views';
import { makeTestCore, type TestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { addBins, addReturn, bench } from './qc-fixtures';
import { LIPSTICK, actionId, caller, pendingDestroy, supervisorTab } from './supervision-fixtures';

const temp = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temp.cleanup();
});

const TSHIRT = {
  sku: 'SKU-TSHIRT-M-BLK',
  barcode: 'TS-0001',
  name: 'T-shirt M',
  category: 'apparel',
  price: '315',
};

async function restockedTshirt(
  core: Core,
  clientId: string,
): Promise<{ returnOrderId: string; platformReturnId: string }> {
  const b = bench(core, clientId);
  const ret = addReturn(core, { items: [TSHIRT] });
  await b.scan(ret.tracking);
  await b.enter();
  await b.scan(TSHIRT.barcode);
  for (const a of ['yes', 'yes', 'yes'] as const) await b.act({ kind: 'answer', answer: a });
  await b.enter();
  await b.enter();
  await b.enter();
  await b.scan('B-01-01');
  await b.act({ kind: 'no_more_items' });
  await b.enter();
  return { returnOrderId: ret.id, platformReturnId: ret.platformReturnId };
}

async function shift(t: TestCore) {
  const { core, clock } = t;
  addBins(core);
  core.users.create({ id: 'somchai', name: 'Somchai', role: 'clerk', pin: '2222' });
  await core.session.signIn('tab-b', { userId: 'somchai', pin: '2222' });
  const lipstick = await pendingDestroy(core, LIPSTICK, { advance: (ms) => clock.advance(ms) });
  clock.advance(60_000);
  const tshirt = await restockedTshirt(core, 'tab-b');
  clock.advance(60_000);
  const sup = await supervisorTab(core);
  await sup.call('qcDecideApprovals', {
    approvalIds: [lipstick.approvalId],
    decision: 'reject',
    rejectReason: 'resellable',
    instead: { disposition: 'return_to_seller' },
    clientActionId: actionId(),
  });
  return { lipstick, tshirt, sup };
}

describe('the decision browser on a real station database', () => {
  it('filters every decision by day, clerk, disposition, status and a number from the return, and pages', async () => {
    const t = makeTestCore(temp.make('lastmile-browser-'));
    cores.push(t.core);
    const { lipstick, tshirt, sup } = await shift(t);
    const all = await sup.call<DecisionPage>('qcBrowseDecisions', {});
    expect(all.rows.map((r) => [r.disposition, r.status, r.decidedBy.id])).toEqual([
      ['return_to_seller', 'active', 'supervisor'],
      ['restock', 'active', 'somchai'],
      ['destroy', 'undone', 'clerk'],
    ]);
    expect(all.rows[0]).toMatchObject({
      licensePlate: lipstick.licensePlate,
      platformReturnId: lipstick.platformReturnId,
      overrideReason: 'supervisor_instruction',
      suggested: 'destroy',
      approval: null,
      station: { id: t.core.stationId, name: 'QC-1' },
    });
    expect(all.rows[2]).toMatchObject({
      approval: { status: 'rejected', decidedBy: { id: 'supervisor' } },
      photos: 1,
    });

    const byClerk = await sup.call<DecisionPage>('qcBrowseDecisions', { clerkId: 'somchai' });
    expect(byClerk.rows.map((r) => r.platformReturnId)).toEqual([tshirt.platformReturnId]);
    const undone = await sup.call<DecisionPage>('qcBrowseDecisions', { status: 'undone' });
    expect(undone.rows.map((r) => r.disposition)).toEqual(['destroy']);
    const restocks = await sup.call<DecisionPage>('qcBrowseDecisions', { disposition: 'restock' });
    expect(restocks.rows.map((r) => r.binCode)).toEqual(['B-01-01']);
    for (const query of [
      lipstick.platformReturnId,
      lipstick.orderId,
      lipstick.licensePlate,
      lipstick.licensePlate.toLowerCase(),
    ]) {
      const found = await sup.call<DecisionPage>('qcBrowseDecisions', { query });
      expect(
        found.rows.map((r) => r.disposition),
        query,
      ).toEqual(['return_to_seller', 'destroy']);
    }
    expect((await sup.call<DecisionPage>('qcBrowseDecisions', { query: 'NO-SUCH-THING' })).rows).toEqual([]);
    // A day that ended before the shift began.
    const yesterday = await sup.call<DecisionPage>('qcBrowseDecisions', {
      from: 0,
      to: t.clock.now() - 86_400_000,
    });
    expect(yesterday.rows).toEqual([]);

    const first = await sup.call<DecisionPage>('qcBrowseDecisions', { limit: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.next).toBe(first.rows[1]?.id);
    const second = await sup.call<DecisionPage>('qcBrowseDecisions', { limit: 2, before: first.next });
    expect(second).toEqual({ rows: [all.rows[2]], next: null });

    expect(await caller(t.core, 'tab-b').refused('qcBrowseDecisions', {})).toBe('FORBIDDEN');
  });

  it('answers "what happened to this return?": photos, every decision, approval, events with their status, audit', async () => {
    const t = makeTestCore(temp.make('lastmile-trail-'));
    cores.push(t.core);
    const { lipstick, sup } = await shift(t);
    const latest = (await sup.call<DecisionPage>('qcBrowseDecisions', { query: lipstick.platformReturnId }))
      .rows[0]!;
    // What the sync engine would have done by now: one event delivered, one dead.
    const db = t.core.db;
    db.prepare(
      `UPDATE outbox_events SET status = 'delivered', delivered_at = ? WHERE type = 'return.received' AND ordering_key = ?`,
    ).run(t.clock.now(), `return:${lipstick.returnOrderId}`);
    db.prepare(
      `UPDATE outbox_events SET status = 'dead', last_error = 'hub refused: unknown SKU', attempts = 5 WHERE id = (
         SELECT adjustment_event_id FROM qc_unit_decisions WHERE id = ?)`,
    ).run(lipstick.decisionId);

    const trail = await sup.call<DecisionTrail>('qcDecisionTrail', { decisionId: latest.id });
    expect(trail.decision.id).toBe(latest.id);
    expect(trail.history.map((h) => [h.disposition, h.status])).toEqual([
      ['return_to_seller', 'active'],
      ['destroy', 'undone'],
    ]);
    expect(trail.unit).toMatchObject({
      licensePlate: lipstick.licensePlate,
      scannedCode: LIPSTICK.barcode,
      scannedBy: { id: 'clerk' },
    });
    expect(trail.unit.answers).toEqual({ sealed: 'no', contents_intact: 'yes', no_damage: 'yes' });
    expect(trail.receipt).toMatchObject({
      kind: 'expected',
      status: 'completed',
      condition: 'intact',
      openedBy: { id: 'clerk' },
    });
    expect(trail.orders).toEqual([
      expect.objectContaining({
        id: lipstick.returnOrderId,
        platformReturnId: lipstick.platformReturnId,
        decision: 'approve',
      }),
    ]);
    expect(trail.photos).toEqual([
      expect.objectContaining({ sha256: lipstick.evidence, purpose: 'evidence', of: 'unit' }),
    ]);
    expect(trail.approval).toMatchObject({
      id: lipstick.approvalId,
      status: 'rejected',
      rejectReason: 'resellable',
    });
    expect(trail.batch).toBeNull();
    expect(trail.events.map((e) => [e.type, e.status])).toEqual([
      ['return.received', 'delivered'],
      ['inventory.adjusted', 'dead'],
      ['return.receipt_decided', 'pending'],
      ['inventory.adjusted', 'pending'],
      ['inventory.adjusted', 'pending'],
    ]);
    expect(trail.events[1]).toMatchObject({ lastError: 'hub refused: unknown SKU', attempts: 5 });
    expect(
      trail.events.map((e) => e.summary).filter((s) => s.startsWith('+1') || s.startsWith('−1')),
    ).toEqual([
      '+1 SKU-LIPSTICK-07 → DESTROY-CAGE (destroy, B)',
      '−1 SKU-LIPSTICK-07 → DESTROY-CAGE (destroy, B)',
      '+1 SKU-LIPSTICK-07 → RETURN-TO-SELLER (return_to_seller, B)',
    ]);
    expect(trail.audit.map((a) => [a.action, a.entityType, a.user?.id])).toEqual([
      ['qc.destroy_rejected', 'qc_approval', 'supervisor'],
    ]);
    expect(await sup.refused('qcDecisionTrail', { decisionId: 'nope' })).toBe('NOT_FOUND');
  });
});
