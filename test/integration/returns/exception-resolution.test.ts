import { afterEach, describe, expect, it } from 'vitest';
import { SUPERVISOR_PIN } from '../../helpers/session';
import type { Core } from '../../../src/main/core';
import type { ExceptionView } from '../../../src/shared/returns/qc-views';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { addBins, addReturn, bench, outboxRows, png, uploadPhoto } from './qc-fixtures';
import { actionId, auditActions, caller, supervisorTab } from './supervision-fixtures';

const temp = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temp.cleanup();
});

async function unexpected(core: Core, code: string, note: string, seed: number): Promise<string> {
  const b = bench(core);
  await b.act({ kind: 'start_unexpected', code });
  await b.act({ kind: 'photo', sha256: await uploadPhoto(core, png(seed)) });
  await b.act({ kind: 'note', text: note });
  await b.scan('Q-01-01');
  return (
    core.db.prepare<[string], { id: string }>('SELECT id FROM qc_exceptions WHERE code = ?').get(code) as {
      id: string;
    }
  ).id;
}

describe('resolving unexpected returns on a real station database', () => {
  it('matches one to a return order found later (then received at the bench) and disposes of another, audited', async () => {
    const t = makeTestCore(temp.make('lastmile-exceptions-'));
    const { core, clock } = t;
    cores.push(core);
    addBins(core);
    const first = await unexpected(core, 'ZZ0000000001', 'Label torn off, two phone cases', 51);
    const second = await unexpected(core, 'ZZ0000000002', 'Empty box, no label', 52);
    const sup = await supervisorTab(core);
    const open = await sup.call<ExceptionView[]>('qcListExceptions', { status: 'open' });
    expect(open.map((e) => [e.id, e.code, e.quarantineBin, e.resolution])).toEqual([
      [first, 'ZZ0000000001', 'Q-01-01', null],
      [second, 'ZZ0000000002', 'Q-01-01', null],
    ]);
    expect(open[0]?.photos).toHaveLength(1);

    // The seller's return order arrives in the next sync; the supervisor finds it and matches it.
    const ret = addReturn(core, {
      items: [{ sku: 'SKU-PHONECASE-15', barcode: 'PC-15', category: 'electronics', price: '210' }],
    });
    clock.advance(3_600_000);
    // An hour idle ends a supervisor's sign-in; they sign in again at the same tab.
    await supervisorTab(core);
    const matched = await sup.call<ExceptionView>('qcResolveException', {
      exceptionId: first,
      resolution: { kind: 'match', returnOrderId: ret.id, note: 'Buyer sent it without the label' },
      clientActionId: actionId(),
    });
    expect(matched).toMatchObject({
      status: 'resolved',
      resolution: {
        kind: 'matched',
        returnOrderId: ret.id,
        platformReturnId: ret.platformReturnId,
        disposal: null,
        note: 'Buyer sent it without the label',
        by: { id: 'supervisor' },
        at: clock.now(),
      },
    });
    // The hub hears of it after the event that raised it (same ordering key).
    const events = outboxRows(core).filter((e) => e.ordering_key === `exception:${first}`);
    expect(events.map((e) => e.type)).toEqual(['qc.exception_raised', 'qc.exception_resolved']);
    expect(events[1]?.data).toMatchObject({
      resolution: 'matched',
      returnOrderId: ret.id,
      resolvedBy: 'supervisor',
    });
    // Back at a bench, scanning that return receives it as usual.
    expect((await bench(core).scan(ret.tracking)).feedback.kind).toBe('received');

    // Disposing needs a note and a supervisor (by PIN at the clerk's screen).
    const clerk = caller(core, 'clerk-tab');
    expect(
      await clerk.refused('qcResolveException', {
        exceptionId: second,
        resolution: { kind: 'dispose', disposal: 'scrap' },
        clientActionId: actionId(),
      }),
    ).toBe('VALIDATION_FAILED');
    const dispose = {
      exceptionId: second,
      resolution: { kind: 'dispose', disposal: 'scrap', note: 'Empty, nothing to keep' },
    };
    expect(await clerk.refused('qcResolveException', { ...dispose, clientActionId: actionId() })).toBe(
      'FORBIDDEN',
    );
    const id = actionId();
    const disposed = await clerk.call<ExceptionView>('qcResolveException', {
      ...dispose,
      authorization: { userId: 'supervisor', pin: SUPERVISOR_PIN },
      clientActionId: id,
    });
    expect(disposed.resolution).toMatchObject({ kind: 'disposed', disposal: 'scrap', returnOrderId: null });
    // A retry of the same request is answered, not refused, and resolves nothing twice.
    expect(
      (
        await clerk.call<ExceptionView>('qcResolveException', {
          ...dispose,
          authorization: { userId: 'supervisor', pin: SUPERVISOR_PIN },
          clientActionId: id,
        })
      ).status,
    ).toBe('resolved');
    expect(await sup.refused('qcResolveException', { ...dispose, clientActionId: actionId() })).toBe(
      'QC_EXCEPTION_RESOLVED',
    );

    const audit = auditActions(core, 'qc.exception_resolved');
    expect(audit.map((a) => [a.entity_id, a.user_id])).toEqual([
      [first, 'supervisor'],
      [second, 'supervisor'],
    ]);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({
      resolution: 'disposed',
      disposal: 'scrap',
      operator: 'clerk',
    });
    expect(await sup.call<ExceptionView[]>('qcListExceptions', { status: 'open' })).toEqual([]);
  });

  it('refuses to match a return another parcel already brought, and a return order that does not exist', async () => {
    const t = makeTestCore(temp.make('lastmile-exceptions-2-'));
    cores.push(t.core);
    addBins(t.core);
    const exception = await unexpected(t.core, 'ZZ0000000009', 'Unknown parcel', 53);
    const ret = addReturn(t.core, {
      items: [{ sku: 'SKU-BOTTLE-750', barcode: 'BT-750', category: 'home', price: '525' }],
    });
    await bench(t.core).scan(ret.tracking); // received at a bench: it came in its own parcel
    const sup = await supervisorTab(t.core);
    expect(
      await sup.refused('qcResolveException', {
        exceptionId: exception,
        resolution: { kind: 'match', returnOrderId: ret.id },
        clientActionId: actionId(),
      }),
    ).toBe('QC_RETURN_CLOSED');
    expect(
      await sup.refused('qcResolveException', {
        exceptionId: exception,
        resolution: { kind: 'match', returnOrderId: 'RT-NOPE' },
        clientActionId: actionId(),
      }),
    ).toBe('NOT_FOUND');
    expect(
      (await sup.call<ExceptionView[]>('qcListExceptions', { status: 'open' })).map((e) => e.id),
    ).toEqual([exception]);
    expect(outboxRows(t.core, 'qc.exception_resolved')).toEqual([]);
  });
});
