import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { PARCEL_OPEN_AFTER_SCAN_MS, recentScanParcelOpen } from '../../../src/main/updates/parcel-activity';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  dirs.cleanup();
});

describe('is a parcel open? (read from the database)', () => {
  it('no scan: no; a scan in the last ten minutes: yes; later: no', () => {
    const { core, clock } = makeTestCore(dirs.make());
    cores.push(core);
    const parcelOpen = recentScanParcelOpen(core.db, clock);
    expect(parcelOpen()).toBe(false);
    core.scans.record({ code: 'TH1234567890', source: 'scanner' }, core.session.user());
    expect(parcelOpen()).toBe(true);
    clock.advance(PARCEL_OPEN_AFTER_SCAN_MS - 1);
    expect(parcelOpen()).toBe(true);
    clock.advance(1);
    expect(parcelOpen()).toBe(false);
    // A clock stepped back makes the scan look new: still open (an update waits).
    clock.advance(-PARCEL_OPEN_AFTER_SCAN_MS * 10);
    expect(parcelOpen()).toBe(true);
  });
});
