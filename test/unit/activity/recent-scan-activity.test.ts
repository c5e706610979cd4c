import { afterEach, describe, expect, it } from 'vitest';
import { ParcelActivity } from '../../../src/main/activity/parcel-activity';
import {
  PARCEL_OPEN_AFTER_SCAN_MS,
  RECENT_SCAN_SOURCE,
  recentScanActivity,
} from '../../../src/main/activity/recent-scan-activity';
import type { Core } from '../../../src/main/core';
import { makeTestCore, recordingLogger } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  dirs.cleanup();
});

describe('is a parcel open? (read from the database)', () => {
  it('no scan: no; a scan in the last ten minutes: yes; later: no', async () => {
    const { core, clock } = makeTestCore(dirs.make());
    cores.push(core);
    const source = recentScanActivity(core.db);
    const open = (): boolean => source.openParcels(clock.now()).length > 0;
    expect(open()).toBe(false);
    await core.scans.record({ code: 'TH1234567890', source: 'scanner' }, core.session.user());
    expect(source.openParcels(clock.now())).toEqual([
      { source: RECENT_SCAN_SOURCE, clientId: null, since: clock.now() },
    ]);
    clock.advance(PARCEL_OPEN_AFTER_SCAN_MS - 1);
    expect(open()).toBe(true);
    clock.advance(1);
    expect(open()).toBe(false);
    // A clock stepped back makes the scan look new: still open (an update waits).
    clock.advance(-PARCEL_OPEN_AFTER_SCAN_MS * 10);
    expect(open()).toBe(true);
  });

  it('getActivity answers through the contract, with the recent-scan rule, the QC bench’s open receipts and the packing bench’s session registered by the core', async () => {
    const { core, clock } = makeTestCore(dirs.make());
    cores.push(core);
    expect(core.activity.sourceNames()).toEqual([RECENT_SCAN_SOURCE, 'qc-receipt', 'pack-session']);
    expect(await core.dispatch('getActivity', {})).toEqual({
      ok: true,
      value: { parcelOpen: false, open: [], checkedAt: clock.now() },
    });
    await core.dispatch('recordScan', { code: 'TH1234567890', source: 'scanner' });
    const answer = await core.dispatch('getActivity', {}, { clientId: 'main:updates' });
    expect(answer).toMatchObject({ ok: true, value: { parcelOpen: true } });
  });

  it('asks a capability’s source too (the returns QC’s open receipts); one that fails counts as open', () => {
    const { core, clock } = makeTestCore(dirs.make());
    cores.push(core);
    const logger = recordingLogger();
    const activity = new ParcelActivity(clock, logger);
    let receipts: string[] = [];
    const remove = activity.register({
      name: 'qc-receipt',
      openParcels: (now) => receipts.map((clientId) => ({ source: 'qc-receipt', clientId, since: now - 5 })),
    });
    expect(activity.current().parcelOpen).toBe(false);
    receipts = ['ipc:3'];
    expect(activity.current()).toEqual({
      parcelOpen: true,
      open: [{ source: 'qc-receipt', clientId: 'ipc:3', since: clock.now() - 5 }],
      checkedAt: clock.now(),
    });
    remove();
    activity.register({
      name: 'broken',
      openParcels: () => {
        throw new Error('table missing');
      },
    });
    expect(activity.current()).toMatchObject({ parcelOpen: true, open: [{ source: 'broken' }] });
    expect(logger.lines.map((l) => l.message)).toEqual([
      'parcel activity source failed; counting a parcel as open',
    ]);
  });
});
