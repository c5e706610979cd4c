import path from 'node:path';
import { createCore, type Core } from '../../src/main/core';
import type { Db } from '../../src/main/db/open';
import { silentLogger } from '../../src/main/logger';
import { attachSync } from '../../src/main/sync/attach-sync';
import { caseDir, type BenchCase } from '../context';
import { measurement } from '../measurement';
import { msSince, summarize } from '../stats';

/** What a screen polling the station may spend per call, whatever the outbox holds. */
const TARGET_MS = 5;
const DESTINATIONS = ['tiktok_shop', 'hub', 'flash', 'kerry', 'jnt', 'ninjavan'];

interface OutboxSizes {
  delivered: number;
  pending: number;
  dead: number;
}

/**
 * The calls the screens poll, on a station whose outbox holds a long history: 1M delivered events,
 * 10k pending, 100 dead letters (spread over the history, as they happen). Each call goes through
 * the contract's dispatcher, as a screen's does (validation of input and output included):
 *
 *   listQueue        the Queue screen's default page (pending + in flight, 9 rows), every 5 s
 *   listDeadLetters  the Sync screen's dead letters (50), with the overview
 *   getSyncOverview  the Sync screen's destinations table, every 500 ms during a sync
 *   outboxCounts     the per-status counts every queue answer carries (OutboxQueries.counts)
 *
 * The calls are interleaved round by round so a slow stretch of the machine hits all of them; the
 * figure is the p99 of each, the target 5 ms.
 */
export const readPaths: BenchCase = {
  name: 'read-paths',
  async run(ctx) {
    const { delivered, pending, dead, samples } = ctx.profile.readPaths;
    const core = createCore({
      dataDir: path.join(caseDir(ctx, 'read-paths'), 'station'),
      logger: silentLogger,
    });
    try {
      ctx.log(
        `read paths: building an outbox of ${delivered} delivered, ${pending} pending, ${dead} dead events`,
      );
      const start = process.hrtime.bigint();
      buildOutbox(core.db, { delivered, pending, dead });
      ctx.log(`read paths: built in ${(msSince(start) / 1000).toFixed(1)} s`);
      checkSizes(core, { delivered, pending, dead });
      attachSync(core, { destinations: [], startTrickle: false });
      const calls: Record<string, () => Promise<unknown> | unknown> = {
        listQueue: () => call(core, 'listQueue', { statuses: ['pending', 'in_flight'], limit: 9, offset: 0 }),
        listDeadLetters: () => call(core, 'listDeadLetters', { limit: 50 }),
        syncOverview: () => call(core, 'getSyncOverview', {}),
        outboxCounts: () => core.outboxQueries.counts(),
      };
      const times: Record<string, number[]> = Object.fromEntries(Object.keys(calls).map((k) => [k, []]));
      // A few warm-up rounds: statements prepared, pages in the cache, as on a station that runs.
      for (let round = -5; round < samples; round++) {
        for (const [name, fn] of Object.entries(calls)) {
          const t = process.hrtime.bigint();
          await fn();
          if (round >= 0) times[name]?.push(msSince(t));
        }
        if (round % 20 === 0) await new Promise((r) => setImmediate(r));
      }
      return Object.entries(times).map(([name, samplesMs]) => {
        const stats = summarize(samplesMs);
        return measurement({
          id: `read-paths.${name}.p99`,
          name: `${name} p99, outbox of ${delivered.toLocaleString('en-US')} delivered`,
          unit: 'ms',
          figure: stats.p99,
          target: { on: 'figure', op: '<=', value: TARGET_MS },
          details: { ...stats, delivered, pending, dead },
        });
      });
    } finally {
      await core.close();
    }
  },
};

async function call(core: Core, name: string, input: unknown): Promise<unknown> {
  const envelope = await core.dispatch(name, input);
  if (!envelope.ok) throw new Error(`${name} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

/**
 * The outbox as a station has it after months: one INSERT … SELECT from a recursive CTE, in one
 * transaction (setup, not timed). Payloads are shaped like a scan event's; ordering keys are
 * parcels, destinations a handful; a hundred events of the history are dead letters.
 */
function buildOutbox(db: Db, sizes: OutboxSizes): void {
  const history = sizes.delivered + sizes.dead;
  const deadEvery = Math.max(1, Math.floor(history / Math.max(1, sizes.dead)));
  const t0 = Date.UTC(2026, 0, 1);
  const insert = db.prepare(
    // Numbers bound from JavaScript arrive as REAL; the CTE's own are INTEGER, so cast once here.
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < CAST(@count AS INTEGER))
     INSERT INTO outbox_events (id, idempotency_key, destination, ordering_key, type, payload, status, attempts,
                                next_attempt_at, created_at, updated_at, delivered_at, last_error)
     SELECT printf('EV%s%012d', @prefix, i), printf('EV%s%012d', @prefix, i),
            json_extract(@destinations, '$[' || (i % CAST(@destinationCount AS INTEGER)) || ']'),
            'parcel:P' || (i % 50000), 'scan.recorded',
            json_object('scanId', printf('S%012d', i), 'code', 'TH' || (4000000000000 + i), 'station', 'Dock 1',
                        'userId', 'clerk-linh', 'parcelId', 'P' || (i % 50000),
                        'trackingNumber', 'TH' || (4000000000000 + i), 'returnOrderId', 'R' || (i % 12000),
                        'platformReturnId', '4035' || (10000000000000 + i), 'scannedAt', CAST(@t0 AS INTEGER) + i * 1000),
            CASE WHEN @history AND i % CAST(@deadEvery AS INTEGER) = 0 THEN 'dead' ELSE @status END,
            1, CAST(@t0 AS INTEGER) + i * 1000, CAST(@t0 AS INTEGER) + i * 1000, CAST(@t0 AS INTEGER) + i * 1000,
            CASE WHEN @status = 'delivered' AND NOT (@history AND i % CAST(@deadEvery AS INTEGER) = 0) THEN CAST(@t0 AS INTEGER) + i * 1000 + 500 END,
            CASE WHEN @history AND i % CAST(@deadEvery AS INTEGER) = 0 THEN 'HTTP 422: tracking number unknown' END
     FROM n`,
  );
  const common = {
    destinations: JSON.stringify(DESTINATIONS),
    destinationCount: DESTINATIONS.length,
    t0,
    deadEvery,
  };
  db.transaction(() => {
    insert.run({ ...common, count: history, prefix: 'H', status: 'delivered', history: 1 });
    insert.run({ ...common, count: sizes.pending, prefix: 'P', status: 'pending', history: 0 });
  }).immediate();
  db.pragma('wal_checkpoint(TRUNCATE)');
}

function checkSizes(core: Core, sizes: OutboxSizes): void {
  const counts = core.db
    .prepare<[], { status: string; n: number }>(
      'SELECT status, count(*) AS n FROM outbox_events GROUP BY status',
    )
    .all();
  const by = Object.fromEntries(counts.map((c) => [c.status, c.n]));
  if (by.delivered !== sizes.delivered || by.pending !== sizes.pending || by.dead !== sizes.dead) {
    throw new Error(`the outbox was built with ${JSON.stringify(by)}, not ${JSON.stringify(sizes)}`);
  }
}
