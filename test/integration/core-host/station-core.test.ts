import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/logger';
import { startStationServer } from '../../../src/main/station/server';
import { openStationCore, type StationCore } from '../../../src/main/station/station-core';
import { TempDirs } from '../../helpers/temp-dir';
import { until } from '../fixtures/carrier-harness';

const dirs = new TempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.cleanup();
});

const TOKEN = 'station-core-token-0123456789';

async function serve(station: StationCore): Promise<(name: string, input: unknown) => Promise<unknown>> {
  const rendererDir = dirs.make('lastmile-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>LastMile Desk</title>');
  const server = await startStationServer({ core: station, rendererDir, port: 0, token: TOKEN });
  cleanups.push(() => server.close());
  return async (name, input) => {
    const response = await fetch(`${server.url}api/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return response.json();
  };
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('lastmile station, with its core in this process or in a child process', () => {
  for (const mode of ['in-process', 'core-process'] as const) {
    it(`${mode}: serves the contract over HTTP and delivers the outbox to the demo carrier`, async () => {
      const dataDir = dirs.make(`lastmile-station-${mode}-`);
      const lines: string[] = [];
      const station = await openStationCore({
        dataDir,
        logger: silentLogger,
        mode,
        demo: { seed: 7, parcels: 150 },
        print: (l) => lines.push(l),
      });
      cleanups.push(() => station.close());
      expect(station.supervisor === null).toBe(mode === 'in-process');
      expect(lines[0]).toMatch(/^demo data: \d+ parcels, \d+ return orders/);
      const call = await serve(station);

      // An unknown code: its event goes to the hub, which the demo points at the local carrier too.
      expect(await call('recordScan', { code: 'UNKNOWN0001', source: 'scanner' })).toMatchObject({
        ok: true,
      });
      expect(await call('getActivity', {})).toMatchObject({ ok: true, value: { parcelOpen: true } });
      // The sync engine runs wherever the core runs: the scan's event reaches the demo carrier.
      await eventually(async () => {
        const q = (await call('listQueue', { statuses: ['delivered'], limit: 1, offset: 0 })) as {
          value: { total: number };
        };
        return q.value.total >= 1;
      }, 60_000);
    }, 180_000);
  }

  it('core-process: a crash of the core is invisible to the server but for the wait; the scans are kept', async () => {
    const dataDir = dirs.make('lastmile-station-crash-');
    const station = await openStationCore({ dataDir, logger: silentLogger, mode: 'core-process' });
    cleanups.push(() => station.close());
    const call = await serve(station);
    expect(await call('recordScan', { code: 'VN123456789', source: 'keyboard' })).toMatchObject({ ok: true });

    const first = station.supervisor!.pid()!;
    process.kill(first, 'SIGKILL');
    await until(
      () => station.supervisor!.status().state !== 'running' || station.supervisor!.pid() !== first,
    );
    // Made while the core restarts: the server's answer waits for the new core.
    const recent = (await call('recentScans', { limit: 5 })) as { ok: boolean; value: { code: string }[] };
    expect(recent).toMatchObject({ ok: true });
    expect(recent.value.map((s) => s.code)).toEqual(['VN123456789']);
    expect(station.supervisor!.pid()).not.toBe(first);
  }, 120_000);
});
