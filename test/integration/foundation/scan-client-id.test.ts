import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore } from '../../helpers/core-factory';
import { countRows, insertParcel } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

describe('recordScan with the screen’s clientScanId', () => {
  it('a repeat is answered with the first result and recorded once, with one outbox event', async () => {
    const { core, clock } = makeTestCore(temps.make());
    try {
      insertParcel(core.db, { id: 'P1', trackingNumber: 'TH0000000001', carrier: 'flash' });
      const input = { code: 'TH0000000001', source: 'scanner', clientScanId: 'tab1-scan-0001' };
      const first = await core.dispatch('recordScan', input);
      clock.advance(5000);
      const again = await core.dispatch('recordScan', input);

      expect(first).toMatchObject({ ok: true, value: { outcome: 'parcel', parcel: { id: 'P1' } } });
      expect(again).toEqual(first);
      expect(countRows(core.db, 'scans')).toBe(1);
      expect(countRows(core.db, 'outbox_events')).toBe(1);
    } finally {
      await core.close();
    }
  });

  it('two identical requests at once (a retry overtaking a slow answer) still make one scan', async () => {
    const { core } = makeTestCore(temps.make());
    try {
      const input = { code: 'MYSTERY-7', source: 'keyboard', clientScanId: 'tab1-scan-0002' };
      const answers = await Promise.all([1, 2, 3].map(() => core.dispatch('recordScan', input)));
      expect(answers.every((a) => a.ok)).toBe(true);
      expect(
        new Set(answers.map((a) => (a.ok ? (a.value as { scanId: string }).scanId : ''))),
      ).toHaveProperty('size', 1);
      expect(countRows(core.db, 'scans')).toBe(1);
      expect(countRows(core.db, 'outbox_events')).toBe(1);
    } finally {
      await core.close();
    }
  });

  it('scans without an id, or with different ids, are each recorded', async () => {
    const { core } = makeTestCore(temps.make());
    try {
      await core.dispatch('recordScan', { code: 'SAME-CODE', source: 'scanner' });
      await core.dispatch('recordScan', { code: 'SAME-CODE', source: 'scanner' });
      await core.dispatch('recordScan', {
        code: 'SAME-CODE',
        source: 'scanner',
        clientScanId: 'tab1-scan-0003',
      });
      await core.dispatch('recordScan', {
        code: 'SAME-CODE',
        source: 'scanner',
        clientScanId: 'tab1-scan-0004',
      });
      expect(countRows(core.db, 'scans')).toBe(4);
    } finally {
      await core.close();
    }
  });

  it('the same id with another code is refused (a caller bug, not a retry) and writes nothing', async () => {
    const { core } = makeTestCore(temps.make());
    try {
      await core.dispatch('recordScan', {
        code: 'FIRST-CODE',
        source: 'scanner',
        clientScanId: 'tab1-scan-0005',
      });
      const other = await core.dispatch('recordScan', {
        code: 'OTHER-CODE',
        source: 'scanner',
        clientScanId: 'tab1-scan-0005',
      });
      expect(other).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          params: { call: 'recordScan', field: 'clientScanId', issue: 'reused' },
        },
      });
      expect(countRows(core.db, 'scans')).toBe(1);
    } finally {
      await core.close();
    }
  });

  it.each(['short', 'has space inside', 'x'.repeat(65), 'émoji-0001'])(
    'an id the contract does not accept (%s) is VALIDATION_FAILED on clientScanId',
    async (clientScanId) => {
      const { core } = makeTestCore(temps.make());
      try {
        const r = await core.dispatch('recordScan', { code: 'C1', source: 'scanner', clientScanId });
        expect(r).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_FAILED', params: { field: 'clientScanId' } },
        });
        expect(countRows(core.db, 'scans')).toBe(0);
      } finally {
        await core.close();
      }
    },
  );
});
