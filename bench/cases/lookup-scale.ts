import { createCore, type Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { scanKeys } from '../../src/main/returns/scan-keys';
import type { BenchCase } from '../context';
import { measurement } from '../measurement';
import { prepareQcDatabase, qcScanMix, type QcScan } from '../qc-database';
import { msSince, summarize, type Summary } from '../stats';
import { idle } from '../workload';

/**
 * The lookup the Returns QC screen's scan runs before it writes anything (`QcStation.scan`: the
 * scan's keys, then `ReturnLookup.findFirst`, then which of the returns found already have a
 * parcel on a bench), on a station of 1,000,000 parcels and 200,000 returns against the same on
 * 10,000 parcels and 2,000 returns — same generator, same mix of codes. Index probes cost the
 * depth of their B-tree, so the big database may cost a little more per probe, never per row.
 * The two sizes alternate lookup by lookup so a slow stretch of the machine hits both.
 */
export const lookupScale: BenchCase = {
  name: 'lookup-scale',
  async run(ctx) {
    const { parcels, returnOrders, smallParcels, smallReturnOrders, lookupWarmup, lookupSamples } =
      ctx.profile.qc;
    const bigSize = { parcels, returnOrders };
    const smallSize = { parcels: smallParcels, returnOrders: smallReturnOrders };
    const log = (line: string): void => ctx.log(`lookup scale: ${line}`);
    const big = await prepareQcDatabase(ctx.tempRoot, bigSize, { log });
    const small = await prepareQcDatabase(ctx.tempRoot, smallSize, { log });
    const cores: Core[] = [];
    try {
      const open = (dataDir: string): Core => {
        const core = createCore({ dataDir, logger: silentLogger });
        cores.push(core);
        return core;
      };
      const arms = [
        { name: 'big', core: open(big.dataDir), size: bigSize },
        { name: 'small', core: open(small.dataDir), size: smallSize },
      ];
      const total = lookupWarmup + lookupSamples;
      const mixes = arms.map((a) => qcScanMix(a.size, total, 41));
      const times = arms.map(() => [] as number[]);
      const byKind = arms.map(() => new Map<string, number[]>());
      const found = [0, 0];
      log(`${lookupWarmup} warm-up + ${lookupSamples} lookups at each size, interleaved`);
      for (let n = 0; n < total; n++) {
        // The order alternates too, so neither size always runs right after the other.
        for (const k of n % 2 === 0 ? [0, 1] : [1, 0]) {
          const arm = arms[k];
          const scan = mixes[k]?.[n];
          if (!arm || !scan) continue;
          const start = process.hrtime.bigint();
          const hits = lookUp(arm.core, scan);
          const ms = msSince(start);
          if (n < lookupWarmup) continue;
          times[k]?.push(ms);
          const kinds = byKind[k];
          kinds?.set(scan.kind, [...(kinds.get(scan.kind) ?? []), ms]);
          if (hits !== expectedHits(scan)) {
            throw new Error(
              `${scan.kind} ${scan.code} found ${hits} returns at ${arm.name}, not ${expectedHits(scan)}`,
            );
          }
          if (hits > 0) found[k] = (found[k] ?? 0) + 1;
        }
        if (n % 100 === 99) await idle();
      }
      const [bigStats, smallStats] = times.map((t) => summarize(t)) as [Summary, Summary];
      const kinds = (k: number): Record<string, number> =>
        Object.fromEntries(
          [...(byKind[k] ?? new Map<string, number[]>())].map(([kind, t]) => [kind, summarize(t).p99]),
        );
      const details = {
        parcels,
        returnOrders,
        smallParcels,
        smallReturnOrders,
        big: bigStats,
        small: smallStats,
        p99ByKind: { big: kinds(0), small: kinds(1) },
        foundShare: (found[0] ?? 0) / lookupSamples,
        databaseBuiltMs: big.buildMs + small.buildMs,
      };
      const baselineName = `same lookup, ${smallParcels.toLocaleString('en-US')} parcels`;
      const label = `${parcels.toLocaleString('en-US')} parcels / ${returnOrders.toLocaleString('en-US')} returns`;
      return [
        measurement({
          id: 'lookup-scale.p99',
          name: `scan lookup p99, ${label}`,
          unit: 'ms',
          figure: bigStats.p99,
          baseline: { name: baselineName, value: smallStats.p99 },
          target: { on: 'ratio', op: '<=', value: 1.2 },
          details,
        }),
        measurement({
          id: 'lookup-scale.p50',
          name: `scan lookup p50, ${label}`,
          unit: 'ms',
          figure: bigStats.p50,
          baseline: { name: baselineName, value: smallStats.p50 },
          details: { parcels, returnOrders, smallParcels, smallReturnOrders },
        }),
      ];
    } finally {
      for (const core of cores) await core.close();
    }
  },
};

/** What the idle bench reads for a scan (receiving.ts scanWhenIdle, minus its writes); returns found. */
function lookUp(core: Core, scan: QcScan): number {
  const { keys } = scanKeys(scan.code);
  const { candidates } = core.qc.lookup.findFirst(keys);
  for (const c of candidates) core.qc.store.receiptOfOrder(c.id);
  return candidates.length;
}

function expectedHits(scan: QcScan): number {
  return scan.returnOrder === null ? 0 : 1;
}
