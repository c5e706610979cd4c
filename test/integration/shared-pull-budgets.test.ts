import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startNinjaVanFake } from '../../src/main/carriers/ninja-van/fake-server';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { startChild, stopChild, type Child } from '../helpers/child-process';
import { insertParcel } from '../helpers/fixtures-db';
import { TempDirs } from '../helpers/temp-dir';

const temps = new TempDirs();
const children: Child[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => stopChild(c)));
  for (const c of cleanups.splice(0).reverse()) await c();
  temps.cleanup();
});

/** The most requests the fake received in any one-second window. */
function maxPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('pull budgets shared across processes', () => {
  it('two processes pulling one Ninja Van account on one database never exceed its declared rate together', async () => {
    const declared = { requestsPerSecond: 10, burst: 3 };
    const fake = await startNinjaVanFake({
      clientId: 'nv-shared',
      clientSecret: 'nv-shared-secret',
      country: 'my',
    });
    cleanups.push(() => fake.close());
    const dataDir = temps.make('lastmile-pull-budget-');
    const core = createCore({ dataDir, logger: silentLogger, printing: { start: false } });
    core.db
      .transaction(() => {
        for (let i = 0; i < 30; i++) {
          const number = `NVMY${String(1000 + i)}`;
          insertParcel(core.db, {
            id: `p${String(i)}`,
            trackingNumber: number,
            carrier: 'ninjavan-my',
            country: 'MY',
          });
          if (i % 3 === 0) {
            fake.setEvents(number, [
              {
                status: 'Pending Pickup',
                event: 'Pending Pickup',
                timestamp: '2026-01-15T09:00:00+0800',
              },
            ]);
          }
        }
      })
      .immediate();
    await core.close();

    const destination = JSON.stringify({
      name: 'ninja-my',
      kind: 'ninja-van',
      clientId: 'nv-shared',
      clientSecret: 'nv-shared-secret',
      country: 'my',
      baseUrl: fake.baseUrl,
      limits: { ...declared, maxConcurrency: 3, requestTimeoutMs: 5000 },
    });
    const start = (): Child => {
      const child = startChild(process.execPath, [
        '--import',
        'tsx',
        path.join(__dirname, 'fixtures', 'pull-budget-child.ts'),
        dataDir,
        destination,
      ]);
      children.push(child);
      return child;
    };
    const a = start();
    const b = start();
    await Promise.all([a.waitForLine(/^ready$/), b.waitForLine(/^ready$/)]);
    // Only the walks after "go" are measured: both processes warm, both start at once.
    fake.http.requests.splice(0);
    a.proc.stdin.write('go\n');
    b.proc.stdin.write('go\n');
    const [doneA, doneB] = await Promise.all([
      a.waitForLine(/^done \d+ \d+$/, 60_000),
      b.waitForLine(/^done \d+ \d+$/, 60_000),
    ]);
    expect(doneA[0]).toBe('done 2 10');
    expect(doneB[0]).toBe('done 2 10');

    const tracking = fake.http.requests.filter((r) => r.route === 'tracking');
    // Both walked every parcel: the fake saw each number twice (the warm-up's tokens still good).
    expect(tracking).toHaveLength(60);
    expect(fake.http.requests.filter((r) => r.route === 'token')).toHaveLength(0);
    // A bucket of 10/s with a burst of 3 admits at most 13 in any one second; both together kept to it.
    const all = fake.http.requests.map((r) => r.receivedAt);
    expect(maxPerSecond(all)).toBeLessThanOrEqual(declared.requestsPerSecond + declared.burst);
    // Took as long as one budget needs for 60 requests, not half of it.
    const span = Math.max(...all) - Math.min(...all);
    expect(span).toBeGreaterThan(((60 - declared.burst) / declared.requestsPerSecond) * 1000 * 0.9);
  }, 90_000);
});
