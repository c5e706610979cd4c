import { describe, expect, it } from 'vitest';
import type { LastmileApi } from '../../../src/shared/contract';
import type { CutoffTableRow } from '../../../src/shared/packing/carrier-cutoffs';
import type { CutoffException } from '../../../src/shared/packing/pack-views';
import { createCutoffsStore } from '../../../src/renderer/src/features/cutoffs/cutoffs-store';
import type { Authorize } from '../../../src/renderer/src/features/session/step-up';

const exception = (orderRef: string, rebookable: boolean): CutoffException => ({
  packageId: `pkg-${orderRef}`,
  orderRef,
  carrier: 'jnt-my',
  carrierName: 'J&T Express',
  market: 'MY',
  trackingNumber: null,
  state: 'packed',
  packedAt: 1,
  cutoffAt: 2,
  nextPickupAt: 3,
  risk: {
    status: 'on_time',
    reason: 'on_time',
    deadline: null,
    deadlineAt: null,
    remainingWorkingMinutes: null,
    remainingMs: null,
    calendarCovered: true,
  },
  resolution: null,
  rebookable,
});

const catchAll: CutoffTableRow = {
  carrier: '*',
  carrierName: '*',
  market: '*',
  lastPickup: '17:00',
  days: null,
  pickupDays: [1, 2, 3, 4, 5],
  origin: 'default',
  sourceKind: 'ours',
  sourceRef: 'assumed',
  updatedBy: null,
  updatedAt: null,
};

/** The cut-off calls, answered from lists kept here; every write is recorded as sent. */
function fakeApi() {
  const sent: Array<{ call: string; input: Record<string, unknown> }> = [];
  let items = [exception('SO-1', true), exception('SO-2', false)];
  const api = {
    packCutoffExceptions: async () => items,
    packCutoffTable: async () => [catchAll],
    packCutoffResolve: async (input: Record<string, unknown>) => {
      sent.push({ call: 'packCutoffResolve', input });
      items = items.filter((i) => i.packageId !== input.packageId);
      return {};
    },
    packCutoffSet: async (input: Record<string, unknown>) => {
      sent.push({ call: 'packCutoffSet', input });
      return [catchAll];
    },
  } as unknown as LastmileApi;
  const authorize: Authorize = (_purpose, action) => action(undefined);
  return { api, authorize, sent };
}

describe('the cut-offs store', () => {
  it('resolves the selected parcel only on Enter, needs a note for O, and refuses R for a parcel that cannot be rebooked', async () => {
    const { api, authorize, sent } = fakeApi();
    let n = 0;
    const store = createCutoffsStore({ api, authorize, newActionId: () => `sv-${String(++n)}` });
    const s = () => store.getState();
    await s().load();
    expect(s().items.map((i) => i.orderRef)).toEqual(['SO-1', 'SO-2']);

    s().move(1);
    expect(s().choose('rebook')).toBe(false);
    expect(s().error?.code).toBe('CUTOFF_REBOOK_NOT_ALLOWED');
    expect(s().choose('note')).toBe(true);
    expect(await s().confirm()).toBe(false);
    expect(s().error?.code).toBe('CUTOFF_NOTE_REQUIRED');
    s().setNote('  seller collects  ');
    expect(await s().confirm()).toBe(true);
    expect(sent).toEqual([
      {
        call: 'packCutoffResolve',
        input: { packageId: 'pkg-SO-2', action: 'note', note: 'seller collects', clientActionId: 'sv-1' },
      },
    ]);
    expect(s().notice).toEqual({ kind: 'note', orderRef: 'SO-2' });
    expect(s().items.map((i) => i.orderRef)).toEqual(['SO-1']);
    expect(s().cursor).toBe(0);
    // Esc forgets the chosen action: Enter then does nothing.
    s().choose('next_pickup');
    s().cancel();
    expect(await s().confirm()).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it('edits the selected parcel’s own row from the catch-all; a time that is not HH:MM is not sent; at least one day stays', async () => {
    const { api, authorize, sent } = fakeApi();
    const store = createCutoffsStore({ api, authorize, newActionId: () => 'sv-x' });
    const s = () => store.getState();
    await s().load();
    s().edit();
    expect(s().draft).toEqual({
      carrier: 'jnt-my',
      market: 'MY',
      lastPickup: '17:00',
      days: null,
      override: false,
    });
    s().setWorkingWeek(false);
    expect(s().draft?.days).toEqual([1, 2, 3, 4, 5]);
    for (const d of [1, 2, 3, 4, 5]) s().toggleDay(d);
    expect(s().draft?.days).toEqual([5]);
    s().toggleDay(6);
    s().editDraft({ lastPickup: '7pm' });
    expect(await s().saveDraft()).toBe(false);
    expect(s().error).toMatchObject({ code: 'VALIDATION_FAILED', params: { issue: 'cutoff_time' } });
    s().editDraft({ lastPickup: '19:30' });
    expect(await s().saveDraft()).toBe(true);
    expect(sent).toEqual([
      {
        call: 'packCutoffSet',
        input: { carrier: 'jnt-my', market: 'MY', lastPickup: '19:30', days: [5, 6], clientActionId: 'sv-x' },
      },
    ]);
    expect(s().draft).toBeNull();
  });
});
