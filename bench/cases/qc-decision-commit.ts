import fs from 'node:fs';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import type { BenchCase } from '../context';
import { measurement } from '../measurement';
import { BenchCaller, finishParcel, RESTOCK_BIN, unitWaitingForBin } from '../qc-bench-driver';
import { prepareQcDatabase, qcScanMix } from '../qc-database';
import { msSince, summarize } from '../stats';
import { idle } from '../workload';

/**
 * What a clerk waits for when the scan that decides an item commits: the bin scanned for a
 * restock, through the dispatcher as the Returns QC screen calls it (`qcScan`), which commits in
 * one durable transaction the decision row, the unit's new step, the `inventory.adjusted` event
 * for the hub, the license-plate and restock labels for the print queue and the bench's journal
 * entry — and answers with the bench's new state. On the generated station database of 1,000,000
 * parcels and 200,000 returns.
 *
 * The floor is the bare durable INSERT commit-latency uses — one row in its own BEGIN IMMEDIATE
 * transaction — written into the same database file (a table of its own), so it shares the WAL,
 * the pragmas and the station's checkpoint timer with the decisions. Decision and floor alternate
 * sample by sample, in alternating order. Bringing each unit to the bin step (receive, condition,
 * item scan, checklist, reason…) and completing its parcel afterwards are not timed.
 */
export const qcDecisionCommit: BenchCase = {
  name: 'qc-decision-commit',
  async run(ctx) {
    const { parcels, returnOrders, decisionWarmup, decisionSamples } = ctx.profile.qc;
    const size = { parcels, returnOrders };
    const log = (line: string): void => ctx.log(`qc decision commit: ${line}`);
    const prepared = await prepareQcDatabase(ctx.tempRoot, size, { log });
    const core = createCore({ dataDir: prepared.dataDir, logger: silentLogger });
    try {
      const { db } = core;
      db.exec('CREATE TABLE bench_floor (id TEXT PRIMARY KEY, payload TEXT NOT NULL) STRICT');
      const insertFloor = db.prepare<[string, string]>('INSERT INTO bench_floor (id, payload) VALUES (?, ?)');
      const counts = (): { parcels: number; returnOrders: number } => ({
        parcels: db.prepare('SELECT count(*) FROM parcels').pluck().get() as number,
        returnOrders: db.prepare('SELECT count(*) FROM return_orders').pluck().get() as number,
      });
      const found = counts();
      if (found.parcels !== parcels || found.returnOrders !== returnOrders) {
        throw new Error(`the database holds ${JSON.stringify(found)}, not ${JSON.stringify(size)}`);
      }
      // As long as an inventory.adjusted event's payload, so the floor is not cheaper for being small.
      const floorPayload = JSON.stringify({ pad: 'x'.repeat(420) });
      const b = new BenchCaller(core);
      let floorN = 0;
      const floor = (): number => {
        const id = `F${(++floorN).toString().padStart(10, '0')}`;
        const start = process.hrtime.bigint();
        db.transaction(() => insertFloor.run(id, floorPayload)).immediate();
        return msSince(start);
      };
      const decide = async (): Promise<number> => {
        const start = process.hrtime.bigint();
        const result = await b.scan(RESTOCK_BIN);
        const ms = msSince(start);
        if (result.feedback.kind !== 'decided')
          throw new Error(`the bin scan answered ${result.feedback.kind}`);
        return ms;
      };
      const walFile = `${db.name}-wal`;
      const walGrowth = async (op: () => number | Promise<number>): Promise<number> => {
        db.pragma('wal_checkpoint(TRUNCATE)');
        await op();
        return fs.statSync(walFile).size;
      };

      const decisionMs: number[] = [];
      const floorMs: number[] = [];
      const walDecision: number[] = [];
      const walFloor: number[] = [];
      const diagnostics = Math.min(20, Math.max(2, Math.floor(decisionSamples / 10)));
      const total = decisionWarmup + decisionSamples + diagnostics;
      // Half the mix is return tracking numbers: drawing three times as many leaves plenty.
      const returns = qcScanMix(size, total * 3, 73)
        .filter((s) => s.kind === 'return_tracking')
        .map((s) => ({ tracking: s.code, id: `BR${String(s.returnOrder).padStart(7, '0')}` }));
      if (returns.length < total)
        throw new Error(`only ${returns.length} returns drawn for ${total} decisions`);
      log(
        `${decisionWarmup} warm-up + ${decisionSamples} decisions and floor rows, interleaved; ${diagnostics} more for the WAL bytes`,
      );
      const started = process.hrtime.bigint();
      for (let n = 0; n < total; n++) {
        const ret = returns[n];
        if (!ret) break;
        await unitWaitingForBin(core, b, ret.tracking, ret.id);
        // Between two scans the station's event loop is idle and its checkpoint timer may run.
        await idle();
        if (n >= decisionWarmup + decisionSamples) {
          walDecision.push(await walGrowth(decide));
          walFloor.push(await walGrowth(floor));
        } else if (n % 2 === 0) {
          const f = floor();
          const d = await decide();
          if (n >= decisionWarmup) {
            floorMs.push(f);
            decisionMs.push(d);
          }
        } else {
          const d = await decide();
          const f = floor();
          if (n >= decisionWarmup) {
            floorMs.push(f);
            decisionMs.push(d);
          }
        }
        await finishParcel(b);
        if (n % 50 === 49) log(`${n + 1} of ${total} (${(msSince(started) / 1000).toFixed(0)} s)`);
      }
      const events = db
        .prepare("SELECT count(*) FROM outbox_events WHERE type = 'inventory.adjusted'")
        .pluck()
        .get() as number;
      if (events !== total) throw new Error(`${events} inventory.adjusted events for ${total} decisions`);

      const decision = summarize(decisionMs);
      const floorStats = summarize(floorMs);
      const floorName = 'bare 1-row INSERT, same file';
      const details = {
        parcels: found.parcels,
        returnOrders: found.returnOrders,
        decision,
        floor: floorStats,
        walBytesPerCommit: { decision: summarize(walDecision).p50, floor: summarize(walFloor).p50 },
        database: { cached: prepared.cached, buildMs: prepared.buildMs, copyMs: prepared.copyMs },
      };
      return [
        measurement({
          id: 'qc-decision-commit.p50',
          name: 'bin scan → restock decision committed, p50',
          unit: 'ms',
          figure: decision.p50,
          baseline: { name: floorName, value: floorStats.p50 },
          details,
        }),
        measurement({
          id: 'qc-decision-commit.p99',
          name: 'bin scan → restock decision committed, p99',
          unit: 'ms',
          figure: decision.p99,
          baseline: { name: floorName, value: floorStats.p99 },
          target: { on: 'ratio', op: '<=', value: 1.5 },
          details,
        }),
        measurement({
          id: 'qc-decision-commit.walBytes',
          name: 'WAL bytes per decision commit',
          unit: 'B',
          figure: details.walBytesPerCommit.decision,
          baseline: { name: floorName, value: details.walBytesPerCommit.floor },
          details: { samples: diagnostics },
        }),
      ];
    } finally {
      await core.close();
    }
  },
};
