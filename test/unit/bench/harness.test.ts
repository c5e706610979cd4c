import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Measurement } from '../../../bench/measurement';
import type { BenchReport } from '../../../bench/report';
import { runChild } from '../../helpers/child-process';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * Runs the real harness, every case, on the tiny workload, in its own process the way
 * `npm run bench -- --json` does, and checks what a script reading the JSON relies on. It asserts
 * nothing about speed: figures on a tiny workload mean nothing.
 */
describe('npm run bench -- --json (tiny workload)', () => {
  const tmp = makeTempDir('bench-harness-');
  let stdout: string;
  let stderr: string;
  let exitCode: number | null;

  beforeAll(async () => {
    const out = await runChild(process.execPath, ['bin/bench.js', '--tiny', '--json'], {
      env: { ...process.env, TMPDIR: tmp.dir },
    });
    ({ stdout, stderr } = out);
    exitCode = out.code;
  }, 120_000);

  afterAll(() => tmp.cleanup());

  it('prints one JSON object and nothing else on stdout, and every case completes', () => {
    expect(stderr).toContain('commit latency'); // progress went to stderr…
    const report = JSON.parse(stdout) as BenchReport; // …so stdout parses as a whole
    expect(report.skipped).toEqual([]);
    expect(exitCode).toBe(0);
    expect(report.schema).toBe(1);
    expect(report.profile).toBe('tiny');
    expect(report.command).toBe('node bin/bench.js --tiny --json');
    expect(report.settings).toMatchObject({ journalMode: 'wal', synchronous: 'FULL' });
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.machine.sqlite).toMatch(/^3\.\d+\.\d+$/);
    expect(report.machine.node).toBe(process.versions.node);
    expect(Date.parse(report.finishedAt)).toBeGreaterThanOrEqual(Date.parse(report.startedAt));
  });

  it('reports every figure the issue asks for, each consistent with its baseline and target', () => {
    const report = JSON.parse(stdout) as BenchReport;
    const ids = report.results.map((r) => r.id);
    for (const id of [
      'commit.p50',
      'commit.p99',
      'enqueue.throughput',
      'enqueue.zod',
      'claim.throughput',
      'drain.batched',
      'drain.unbatched',
      'drain.peakRequests.batched',
      'drain.peakRequests.unbatched',
      'drain.throttled',
      'memory.rssQueued',
      'memory.rssPeak',
      'memory.heapPeak',
      'memory.heap-after-300k',
      'memory.heap-after-stop',
      'read-paths.listQueue.p99',
      'read-paths.listDeadLetters.p99',
      'read-paths.syncOverview.p99',
      'read-paths.outboxCounts.p99',
      'recognise.rate',
      'recognise.perScanP99',
      'audit.append.p99',
      'audit.append.perRow',
      'audit.verify.rate',
      'audit.verify.heapGrowth',
      'coreProcess.scanP50',
      'coreProcess.scanP99',
      'coreProcess.readP50',
      'qc-decision-commit.p50',
      'qc-decision-commit.p99',
      'lookup-scale.p99',
      'scan-feedback.p99',
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of report.results) {
      expect(Number.isFinite(r.figure), r.id).toBe(true);
      expect(r.figure, r.id).toBeGreaterThanOrEqual(0);
      if (r.baseline) expect(r.ratio, r.id).toBeCloseTo(r.figure / r.baseline.value, 9);
      else expect(r.ratio, r.id).toBeNull();
      expect(r.pass, r.id).toBe(verdict(r));
    }
    const byId = new Map(report.results.map((r) => [r.id, r]));
    expect(byId.get('commit.p99')?.target).toEqual({ on: 'ratio', op: '<=', value: 1.2 });
    expect(byId.get('enqueue.throughput')?.target).toEqual({ on: 'ratio', op: '>=', value: 0.8 });
    expect(byId.get('claim.throughput')?.target).toEqual({ on: 'ratio', op: '>=', value: 5 });
    expect(byId.get('drain.batched')?.target).toEqual({ on: 'figure', op: '>=', value: 5000 });
    expect(byId.get('read-paths.listQueue.p99')?.target).toEqual({ on: 'figure', op: '<=', value: 5 });
    expect(byId.get('recognise.rate')?.target).toEqual({ on: 'figure', op: '>=', value: 20_000 });
    expect(byId.get('recognise.rate')?.baseline?.name).toBe('normaliseScan alone');
    expect(byId.get('audit.append.p99')?.target).toEqual({ on: 'ratio', op: '<=', value: 1.2 });
    expect(byId.get('audit.verify.rate')?.target).toEqual({ on: 'figure', op: '>=', value: 100_000 });
    expect(byId.get('qc-decision-commit.p99')?.target).toEqual({ on: 'ratio', op: '<=', value: 1.5 });
    expect(byId.get('qc-decision-commit.p99')?.details).toMatchObject({ parcels: 2000, returnOrders: 400 });
    expect(byId.get('lookup-scale.p99')?.target).toEqual({ on: 'ratio', op: '<=', value: 1.2 });
    expect(byId.get('scan-feedback.p99')?.target).toEqual({ on: 'figure', op: '<=', value: 50 });
    const summary = report.summary;
    expect(summary.passed + summary.failed + summary.info).toBe(report.results.length);
    expect(summary.passed).toBe(report.results.filter((r) => r.pass === true).length);
  });

  it('keeps the percentiles of the commit samples in order', () => {
    const report = JSON.parse(stdout) as BenchReport;
    const details = report.results.find((r) => r.id === 'commit.p99')?.details as Record<
      'scan' | 'floor',
      { n: number; min: number; p50: number; p90: number; p99: number; max: number }
    >;
    for (const s of [details.scan, details.floor]) {
      expect(s.n).toBe(10);
      expect(s.min).toBeLessThanOrEqual(s.p50);
      expect(s.p50).toBeLessThanOrEqual(s.p90);
      expect(s.p90).toBeLessThanOrEqual(s.p99);
      expect(s.p99).toBeLessThanOrEqual(s.max);
    }
    expect(report.results.find((r) => r.id === 'commit.p99')?.figure).toBe(details.scan.p99);
  });

  it('removes its temp files', () => {
    expect(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('lastmile-bench-'))).toEqual([]);
  });
});

function verdict(r: Measurement): boolean | null {
  if (!r.target) return null;
  const v = r.target.on === 'ratio' ? r.ratio : r.figure;
  if (v === null) return false;
  return r.target.op === '<=' ? v <= r.target.value : v >= r.target.value;
}
