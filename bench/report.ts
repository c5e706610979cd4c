import { describeTarget, formatNumber, type Measurement } from './measurement';
import type { Machine } from './machine';

export interface BenchReport {
  /** Bumped when the JSON layout changes, so stored runs stay comparable. */
  schema: 1;
  command: string;
  profile: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  machine: Machine;
  /** os.loadavg() (1, 5, 15 min) when the run started and ended: on a shared box, the noise level. */
  load: { start: number[]; end: number[] };
  settings: { journalMode: 'wal'; synchronous: 'FULL'; tempDir: string };
  results: Measurement[];
  /** Cases that could not run, with the reason (e.g. a module they need is missing). */
  skipped: { case: string; reason: string }[];
  summary: { passed: number; failed: number; info: number; skipped: number };
}

export function summarizeResults(
  results: readonly Measurement[],
  skipped: readonly unknown[],
): BenchReport['summary'] {
  return {
    passed: results.filter((r) => r.pass === true).length,
    failed: results.filter((r) => r.pass === false).length,
    info: results.filter((r) => r.pass === null).length,
    skipped: skipped.length,
  };
}

const HEADERS = ['benchmark', 'figure', 'baseline', 'ratio', 'target', 'result'] as const;

/** A plain-text table that reads the same in a terminal and pasted into Markdown. */
export function formatTable(results: readonly Measurement[]): string {
  const rows = results.map((r) => [
    r.name,
    `${formatNumber(r.figure)} ${r.unit}`,
    r.baseline ? `${formatNumber(r.baseline.value)} ${r.unit} (${r.baseline.name})` : '—',
    r.ratio === null ? '—' : `${formatNumber(r.ratio)}×`,
    describeTarget(r.target, r.unit) || '—',
    r.pass === null ? 'info' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const out = [
    `LastMile Desk benchmarks — ${report.startedAt} — \`${report.command}\` (profile ${report.profile})`,
    `${m.cpuModel}, ${m.cpus} CPUs, Node ${m.node}, SQLite ${m.sqlite}, ${m.platform}; WAL + synchronous=FULL in ${report.settings.tempDir}`,
    `load average at start ${report.load.start.map((l) => l.toFixed(2)).join(' ')}, at end ${report.load.end.map((l) => l.toFixed(2)).join(' ')}`,
    '',
    formatTable(report.results),
    '',
    `${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.info} for information` +
      `, ${report.summary.skipped} skipped; ${(report.durationMs / 1000).toFixed(1)} s`,
  ];
  for (const s of report.skipped) out.push(`skipped ${s.case}: ${s.reason}`);
  return out.join('\n');
}
