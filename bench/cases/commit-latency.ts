import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../src/main/core';
import { openDatabase } from '../../src/main/db/open';
import { seedDemo } from '../../src/main/demo/seed';
import { silentLogger } from '../../src/main/logger';
import { CodeLookup } from '../../src/main/scans/lookup';
import { normaliseScan } from '../../src/shared/scan-code';
import { caseDir, type BenchCase } from '../context';
import { measurement } from '../measurement';
import { msSince, summarize } from '../stats';
import { scanCodes } from '../workload';

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
      const scan = (): number => {
        const code = codes[i % codes.length] as string;
        const start = process.hrtime.bigint();
        core.scans.record({ code, source: 'scanner' }, null);
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
        const { parcel, returnOrder } = lookup.find(code);
        const outcome = returnOrder ? 'return_order' : parcel ? 'parcel' : 'unknown';
        const station = core.settings.get().stationName;
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
        scan();
        floor();
      }
      const scanMs: number[] = [];
      const floorMs: number[] = [];
      for (let s = 0; s < samples; s++, i++) {
        scanMs.push(scan());
        floorMs.push(floor());
      }
      const scanStats = summarize(scanMs);
      const floorStats = summarize(floorMs);

      // Why the two differ: bytes each commit appends to the WAL (and so must fsync), and how the
      // tail looks once checkpoints (every 1000 WAL pages, run inside whichever commit crosses the
      // line) are taken off the commit path. Both are diagnostics, measured after the real figures.
      const walFile = (db: typeof floorDb): string => `${db.name}-wal`;
      const walBytesPerCommit = (db: typeof floorDb, commit: () => number, n: number): number => {
        db.pragma('wal_checkpoint(TRUNCATE)');
        for (let k = 0; k < n; k++, i++) commit();
        return fs.statSync(walFile(db)).size / n;
      };
      core.db.pragma('wal_autocheckpoint = 0');
      floorDb.pragma('wal_autocheckpoint = 0');
      const walScan = walBytesPerCommit(core.db, scan, 50);
      const walScanOnly = walBytesPerCommit(core.db, scanOnly, 50);
      const walFloor = walBytesPerCommit(floorDb, floor, 50);
      const quietScan: number[] = [];
      const quietScanOnly: number[] = [];
      const quietFloor: number[] = [];
      for (let s = 0; s < Math.ceil(samples / 2); s++, i++) {
        quietScan.push(scan());
        quietScanOnly.push(scanOnly());
        quietFloor.push(floor());
      }
      core.db.pragma('wal_autocheckpoint = 1000');
      floorDb.pragma('wal_autocheckpoint = 1000');
      const quietScanStats = summarize(quietScan);
      const quietFloorStats = summarize(quietFloor);
      const quietScanOnlyStats = summarize(quietScanOnly);
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
          id: 'commit.p99NoAutoCheckpoint',
          name: 'commit p99, checkpoints off commit path',
          unit: 'ms',
          figure: quietScanStats.p99,
          baseline: { name: floorName, value: quietFloorStats.p99 },
          details: {
            note: 'wal_autocheckpoint=0 on both files: what a background checkpointer would give',
            scan: quietScanStats,
            floor: quietFloorStats,
          },
        }),
        measurement({
          id: 'commit.p99ScanOnly',
          name: 'same, scan row without outbox event',
          unit: 'ms',
          figure: quietScanOnlyStats.p99,
          baseline: { name: floorName, value: quietFloorStats.p99 },
          details: {
            note: 'the scan service minus outbox.enqueue, checkpoints off like the row above',
            scanOnly: quietScanOnlyStats,
            walBytesPerCommit: walScanOnly,
          },
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
      floorDb.close();
      await core.close();
    }
  },
};
