import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { startChild, stopChild, type Child } from '../../helpers/child-process';
import { makeTestCore } from '../../helpers/core-factory';
import { insertParcel } from '../../helpers/fixtures-db';
import { signInSupervisor } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const children: Child[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) await stopChild(c);
  temps.cleanup();
});

describe('what a clerk did survives', () => {
  it('closing and reopening the core: scans, pending events, settings and users are all still there', async () => {
    const dir = temps.make();
    const first = makeTestCore(dir);
    insertParcel(first.core.db, {
      id: 'P1',
      trackingNumber: 'RB123456785GB',
      carrier: 'royalmail',
      country: 'GB',
    });
    await signInSupervisor(first.core);
    expect(await first.core.dispatch('updateSettings', { stationName: 'DOCK-3' })).toMatchObject({
      ok: true,
    });
    const ids: string[] = [];
    for (const code of ['RB123456785GB', 'UNKNOWN-1', 'UNKNOWN-2']) {
      first.clock.advance(1000);
      const envelope = await first.core.dispatch('recordScan', { code, source: 'scanner' });
      if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
      ids.push((envelope.value as { scanId: string }).scanId);
    }
    const queueBefore = await first.core.dispatch('listQueue', {
      statuses: ['pending'],
      limit: 50,
      offset: 0,
    });
    const usersBefore = first.core.users.list();
    await first.core.close();

    const second = makeTestCore(dir, { seed: 2 });
    try {
      const recent = await second.core.dispatch('recentScans', { limit: 10 });
      expect(recent).toMatchObject({ ok: true });
      expect(recent.ok && (recent.value as { scanId: string }[]).map((s) => s.scanId)).toEqual(
        [...ids].reverse(),
      );
      expect(
        await second.core.dispatch('listQueue', { statuses: ['pending'], limit: 50, offset: 0 }),
      ).toEqual(queueBefore);
      expect(queueBefore).toMatchObject({ ok: true, value: { total: 3 } });
      expect(second.core.settings.get().stationName).toBe('DOCK-3');
      expect(second.core.users.list()).toEqual(usersBefore);
    } finally {
      await second.core.close();
    }
  });

  it('a process killed with SIGKILL right after a scan returned still has the scan on reopen', async () => {
    const dir = temps.make();
    const child = startChild(process.execPath, [
      '--import',
      'tsx',
      path.join(__dirname, 'fixtures', 'scan-then-wait.ts'),
      dir,
      'th0112345678',
    ]);
    children.push(child);
    const [, json] = await child.waitForLine(/^recorded (.*)$/);
    child.proc.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    const envelope = JSON.parse(json ?? '{}');
    expect(envelope.ok).toBe(true);

    const { core } = makeTestCore(dir);
    try {
      expect(core.db.prepare('SELECT id, code, outcome FROM scans').all()).toEqual([
        { id: envelope.value.scanId, code: 'TH0112345678', outcome: 'unknown' },
      ]);
      expect(core.db.prepare('SELECT id, status, destination FROM outbox_events').all()).toEqual([
        { id: envelope.value.outboxEventId, status: 'pending', destination: 'hub' },
      ]);
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await core.close();
    }
  });
});
