import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, USAGE } from './args';
import { auditAppend, auditVerifyRate } from './cases/audit';
import { claimAck } from './cases/claim-ack';
import { commitLatency } from './cases/commit-latency';
import { coreProcessCall } from './cases/core-process-call';
import { drainRate } from './cases/drain-rate';
import { enqueueThroughput } from './cases/enqueue-throughput';
import { lookupScale } from './cases/lookup-scale';
import { memoryWithPending } from './cases/memory';
import { packVerify } from './cases/pack-verify';
import { packLabel, packShift } from './cases/packing';
import { readPaths } from './cases/read-paths';
import { printQcTagCases, printQueueRate } from './cases/printing';
import { qcDecisionCommit } from './cases/qc-decision-commit';
import { recogniseRate } from './cases/recognise-rate';
import { scanFeedback } from './cases/scan-feedback';
import type { BenchCase, BenchContext } from './context';
import { describeMachine } from './machine';
import type { Measurement } from './measurement';
import { PROFILES } from './profile';
import { formatReport, summarizeResults, type BenchReport } from './report';

export const CASES: readonly BenchCase[] = [
  commitLatency,
  enqueueThroughput,
  claimAck,
  drainRate,
  readPaths,
  memoryWithPending,
  ...printQcTagCases,
  printQueueRate,
  recogniseRate,
  auditAppend,
  auditVerifyRate,
  coreProcessCall,
  qcDecisionCommit,
  lookupScale,
  scanFeedback,
  packVerify,
  packLabel,
  packShift,
];

/** The options, then every case's name, so the list never goes stale. */
function usage(): string {
  return `${USAGE}\n\nCases: ${CASES.map((c) => c.name).join(', ')}`;
}

export interface RunOptions {
  /** Where progress lines go; stderr by default so stdout stays machine-readable. */
  log?: (line: string) => void;
  /** Where the table or the JSON goes. */
  out?: (text: string) => void;
  /** Parent of the temp directory (default os.tmpdir()). */
  tempParent?: string;
}

/** Runs the selected cases one after another (never in parallel: they would measure each other). */
export async function runBench(argv: readonly string[], options: RunOptions = {}): Promise<BenchReport> {
  const args = parseArgs(argv);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const unknown = args.only.filter((name) => !CASES.some((c) => c.name === name));
  if (unknown.length > 0) throw new Error(`unknown case ${unknown.join(', ')}\n${usage()}`);
  const selected = args.only.length > 0 ? CASES.filter((c) => args.only.includes(c.name)) : CASES;

  const tempRoot = fs.mkdtempSync(path.join(options.tempParent ?? os.tmpdir(), 'lastmile-bench-'));
  const ctx: BenchContext = { profile: PROFILES[args.profile], tempRoot, log };
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const results: Measurement[] = [];
  const skipped: BenchReport['skipped'] = [];
  try {
    for (const c of selected) {
      const caseStart = process.hrtime.bigint();
      try {
        results.push(...(await c.run(ctx)));
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        log(`${c.name} did not complete: ${reason}`);
        skipped.push({ case: c.name, reason });
      }
      log(`${c.name}: ${(Number(process.hrtime.bigint() - caseStart) / 1e9).toFixed(1)} s`);
    }
  } finally {
    fs.rmSync(tempRoot, { recursive: true, force: true });
  }
  const finishedAt = new Date();
  return {
    schema: 1,
    command: commandLine(argv),
    profile: args.profile,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    machine: describeMachine(),
    load: { start: loadAtStart, end: os.loadavg() },
    settings: { journalMode: 'wal', synchronous: 'FULL', tempDir: os.tmpdir() },
    results,
    skipped,
    summary: summarizeResults(results, skipped),
  };
}

/** Entry point of `npm run bench`; resolves to the process exit code. */
export async function main(argv: readonly string[], options: RunOptions = {}): Promise<number> {
  const out = options.out ?? ((text: string) => process.stdout.write(`${text}\n`));
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    out(usage());
    return 0;
  }
  const report = await runBench(argv, options);
  out(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
  if (report.skipped.length > 0) return 1;
  return args.strict && report.summary.failed > 0 ? 1 : 0;
}

function commandLine(argv: readonly string[]): string {
  const rest = argv.join(' ');
  if (process.env.npm_lifecycle_event === 'bench') return rest ? `npm run bench -- ${rest}` : 'npm run bench';
  return `node bin/bench.js${rest ? ` ${rest}` : ''}`;
}
