import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../src/main/core';
import { startCheckpointer } from '../../src/main/db/checkpointer';
import { openDatabase } from '../../src/main/db/open';
import { seedDemo } from '../../src/main/demo/seed';
import { silentLogger } from '../../src/main/logger';
import { CodeLookup } from '../../src/main/scans/lookup';
import { lookupKeys } from '../../src/shared/codes/lookup-keys';
import { recognise } from '../../src/shared/codes/recognise';
import { normaliseScan } from '../../src/shared/scan-code';
import { caseDir, type BenchCase } from '../context';
import { measurement } from '../measurement';
import { msSince, summarize } from '../stats';
import { idle, scanCodes } from '../workload';

/**
 * What a clerk waits for after a scan (lookup, scan row and outbox event in one durable
 * transaction) against the least any durable write can cost on this disk: one bare row in its own
 * transaction. The two alternate sample by sample so a slow patch of disk hits both alike.
 */
export const commitLatency: BenchCase = {
  name: 'commit-latency',
  async run(ctx) {
    const { demoParcels, warmup, samples } = ctx.profile.commit;
    const dir = caseDir(ctx, 'commit');
    const core = createCore({ dataDir: path.join(dir, 'station'), logger: silentLogger });
    const floorDb = openDatabase({ file: path.join(dir, 'floor', 'floor.sqlite'), migrations: [] });
    // The floor file gets the station's own checkpoint policy (a timer between commits, none inside
    // one), so both sides pay exactly the commit and nothing else.
    const floorCheckpointer = startCheckpointer(floorDb, silentLogger);
    try {
      ctx.log(`commit latency: seeding ${demoParcels} demo parcels`);
      seedDemo(core.db, core.users, { seed: 20_251_125, parcels: demoParcels, now: Date.now() });
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      floorDb.exec('CREATE TABLE floor_rows (id TEXT PRIMARY KEY, payload TEXT NOT NULL) STRICT');
      const insertFloor = floorDb.prepare<[string, string]>(
        'INSERT INTO floor_rows (id, payload) VALUES (?, ?)',
      );
      const codes = scanCodes(core.db, 1000);
      // As long as a scan event's payload, so the floor row is not cheaper merely for being small.
      const floorPayload = JSON.stringify({
        scanId: core.newId(),
        code: codes[0],
        station: 'bench',
        pad: 'x'.repeat(150),
      });

      let i = 0;
      const scan = async (): Promise<number> => {
        const code = codes[i % codes.length] as string;
        const start = process.hrtime.bigint();
        await core.scans.record({ code, source: 'scanner' }, null);
        return msSince(start);
      };
      const floor = (): number => {
        const id = `F${i.toString().padStart(10, '0')}`;
        const start = process.hrtime.bigint();
        floorDb.transaction(() => insertFloor.run(id, floorPayload)).immediate();
        return msSince(start);
      };

      // The scan service minus its outbox event (same lookup, same scan row, same transaction
      // kind, same file): what the outbox itself adds to a clerk's wait. Used in the diagnostics.
      const lookup = new CodeLookup(core.db);
      const insertScan = core.db.prepare(
        `INSERT INTO scans (id, code, symbology, source, station, user_id, outcome, parcel_id, return_order_id, scanned_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const scanOnly = (): number => {
        const raw = codes[i % codes.length] as string;
        const start = process.hrtime.bigint();
        const { code, symbology } = normaliseScan(raw);
        const { parcel, returnOrder } = lookup.findFirst([code, ...lookupKeys(recognise(raw))]);
        const outcome = returnOrder ? 'return_order' : parcel ? 'parcel' : 'unknown';
        const station = core.settings.value('stationName');
        core.db
          .transaction(() =>
            insertScan.run(
              core.newId(),
              code,
              symbology,
              'scanner',
              station,
              null,
              outcome,
              parcel?.id ?? null,
              returnOrder?.id ?? null,
              core.clock.now(),
            ),
          )
          .immediate();
        return msSince(start);
      };

      ctx.log(`commit latency: ${warmup} warm-up + ${samples} samples of each, interleaved`);
      for (; i < warmup; i++) {
        await scan();
        floor();
      }
      const scanMs: number[] = [];
      const floorMs: number[] = [];
      for (let s = 0; s < samples; s++, i++) {
        scanMs.push(await scan());
        floorMs.push(floor());
        // A clerk scans every few seconds; between scans the event loop is idle and the station's
        // checkpoint timer runs. Yield now and then so it does here too (outside the timed calls).
        if (s % 25 === 24) await idle();
      }
      const scanStats = summarize(scanMs);
      const floorStats = summarize(floorMs);

      // Why the two differ: bytes each commit appends to the WAL (and so must fsync), and what the
      // scan row alone costs without its outbox event. Diagnostics, measured after the real figures.
      const walFile = (db: typeof floorDb): string => `${db.name}-wal`;
      const walBytesPerCommit = async (
        db: typeof floorDb,
        commit: () => number | Promise<number>,
        n: number,
      ): Promise<number> => {
        db.pragma('wal_checkpoint(TRUNCATE)');
        for (let k = 0; k < n; k++, i++) await commit();
        return fs.statSync(walFile(db)).size / n;
      };
      const walScan = await walBytesPerCommit(core.db, scan, 50);
      const walScanOnly = await walBytesPerCommit(core.db, scanOnly, 50);
      const walFloor = await walBytesPerCommit(floorDb, floor, 50);
      const pairScanOnly: number[] = [];
      const pairFloor: number[] = [];
      for (let s = 0; s < Math.ceil(samples / 2); s++, i++) {
        pairScanOnly.push(scanOnly());
        pairFloor.push(floor());
      }
      // What the station's timer pays between scans instead: one passive checkpoint of the WAL the
      // scans above left behind.
      const checkpointStart = process.hrtime.bigint();
      const [checkpoint] = core.db.pragma('wal_checkpoint(PASSIVE)') as { checkpointed: number }[];
      const checkpointMs = msSince(checkpointStart);
      const pairFloorStats = summarize(pairFloor);
      const pairScanOnlyStats = summarize(pairScanOnly);
      const floorName = 'bare 1-row INSERT';
      return [
        measurement({
          id: 'commit.p50',
          name: 'scan + outbox commit p50',
          unit: 'ms',
          figure: scanStats.p50,
          baseline: { name: floorName, value: floorStats.p50 },
          details: { scan: scanStats, floor: floorStats },
        }),
        measurement({
          id: 'commit.p99',
          name: 'scan + outbox commit p99',
          unit: 'ms',
          figure: scanStats.p99,
          baseline: { name: floorName, value: floorStats.p99 },
          target: { on: 'ratio', op: '<=', value: 1.2 },
          details: {
            scan: scanStats,
            floor: floorStats,
            walBytesPerCommit: { scan: walScan, scanOnly: walScanOnly, floor: walFloor },
          },
        }),
        measurement({
          id: 'commit.p99ScanOnly',
          name: 'same, scan row without outbox event',
          unit: 'ms',
          figure: pairScanOnlyStats.p99,
          baseline: { name: floorName, value: pairFloorStats.p99 },
          details: {
            note: 'the scan service minus outbox.enqueue',
            scanOnly: pairScanOnlyStats,
            walBytesPerCommit: walScanOnly,
          },
        }),
        measurement({
          id: 'commit.checkpoint',
          name: 'WAL checkpoint, between scans',
          unit: 'ms',
          figure: checkpointMs,
          details: { frames: checkpoint?.checkpointed ?? 0, note: 'paid by the 1 s timer, not by a commit' },
        }),
        measurement({
          id: 'commit.walBytes',
          name: 'WAL bytes per scan commit',
          unit: 'B',
          figure: walScan,
          baseline: { name: floorName, value: walFloor },
        }),
      ];
    } finally {
      floorCheckpointer.stop();
      floorDb.close();
      await core.close();
    }
  },
};
