import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { startNinjaVanFake } from '../../src/main/carriers/ninja-van/fake-server';
import { buildConnector, type StoredDestinationInput } from '../../src/main/carriers/registry';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../src/main/carriers/tiktok-shop/fake-server';
import { systemClock } from '../../src/main/clock';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { seededRandom } from '../../src/main/random';
import type { PullSource } from '../../src/main/sync/destination';
import { startChild, stopChild, type Child } from '../helpers/child-process';
import { insertParcel } from '../helpers/fixtures-db';
import { TempDirs } from '../helpers/temp-dir';
import { MemoryConnectorState } from './tiktok-shop/harness';
import { fakeTikTokDestination } from '../helpers/tiktok-account';

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

  describe('TikTok Shop returns pulls', () => {
    const declared = { requestsPerSecond: 10, burst: 3 };
    const RETURNS = 100;
    const PAGE = 10;

    /** A shop with RETURNS returns and their orders; the connector's first access token already issued. */
    async function shop(): Promise<{ fake: FakeTikTokShop; destination: Record<string, unknown> }> {
      const fake = await startFakeTikTokShop({ rotateRefreshTokens: false });
      cleanups.push(() => fake.close());
      const updated = Math.floor(Date.now() / 1000) - 3600;
      for (let i = 0; i < RETURNS; i++) fake.addReturn({ updateTime: updated + i });
      const first = fake.issueAccessToken(86_400);
      const destination = fakeTikTokDestination(fake, {
        accessToken: first.token,
        accessTokenExpiresAt: first.expiresAt,
        limits: { ...declared, maxConcurrency: 2, requestTimeoutMs: 5000 },
        pull: { pageSize: PAGE },
      });
      return { fake, destination };
    }

    /** What the fake received after `since` (performance.now in this process, the fake's too). */
    const arrivals = (fake: FakeTikTokShop, since: number) =>
      fake
        .log()
        .filter((r) => r.receivedAt >= since)
        .map((r) => r.receivedAt);

    it('two processes pulling one shop never exceed its declared rate together', async () => {
      const { fake, destination } = await shop();
      const dataDir = temps.make('lastmile-tiktok-budget-');
      const start = (): Child => {
        const child = startChild(process.execPath, [
          '--import',
          'tsx',
          path.join(__dirname, 'fixtures', 'pull-budget-child.ts'),
          dataDir,
          JSON.stringify(destination),
          'returns',
        ]);
        children.push(child);
        return child;
      };
      // One after the other: the station database is created by the first.
      const a = start();
      await a.waitForLine(/^ready$/, 60_000);
      const b = start();
      await b.waitForLine(/^ready$/, 60_000);
      const since = performance.now();
      a.proc.stdin.write('go\n');
      b.proc.stdin.write('go\n');
      const [doneA, doneB] = await Promise.all([
        a.waitForLine(/^done \d+ \d+$/, 60_000),
        b.waitForLine(/^done \d+ \d+$/, 60_000),
      ]);
      expect(doneA[0]).toBe(`done ${String(RETURNS / PAGE)} ${String(RETURNS)}`);
      expect(doneB[0]).toBe(`done ${String(RETURNS / PAGE)} ${String(RETURNS)}`);

      // Each page is one search and one order lookup, in each process.
      const all = arrivals(fake, since);
      expect(all).toHaveLength(2 * 2 * (RETURNS / PAGE));
      expect(fake.stats().refreshes).toBe(0);
      expect(maxPerSecond(all)).toBeLessThanOrEqual(declared.requestsPerSecond + declared.burst);
      const span = Math.max(...all) - Math.min(...all);
      expect(span).toBeGreaterThan(((all.length - declared.burst) / declared.requestsPerSecond) * 1000 * 0.9);
    }, 120_000);

    it('without a shared budget two pullers of the same shop together exceed its declared rate', async () => {
      const { fake, destination } = await shop();
      // Each with a budget of its own (what ConnectorDeps without `budget` gives): the shop sees both.
      const pullers = [0, 1].map(() => {
        const connector = buildConnector(destination as StoredDestinationInput, {
          clock: systemClock,
          random: seededRandom(3),
          logger: silentLogger,
          fetch: globalThis.fetch,
          state: new MemoryConnectorState(systemClock),
        });
        cleanups.push(() => connector.close());
        const pull = connector.pulls.returns;
        if (!pull) throw new Error('TikTok Shop has a returns feed');
        return pull;
      });
      const walk = async (pull: PullSource<unknown>) => {
        let cursor: string | null = null;
        let items = 0;
        for (;;) {
          const page = await pull.pull(cursor, new AbortController().signal);
          items += page.items.length;
          if (!page.hasMore) return items;
          cursor = page.nextCursor;
        }
      };
      const since = performance.now();
      expect(await Promise.all(pullers.map(walk))).toEqual([RETURNS, RETURNS]);
      const all = arrivals(fake, since);
      expect(all).toHaveLength(2 * 2 * (RETURNS / PAGE));
      expect(maxPerSecond(all)).toBeGreaterThan(declared.requestsPerSecond + declared.burst);
    }, 60_000);
  });
});
