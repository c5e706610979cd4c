import { syncReportSchema, type SyncReport } from '../../shared/sync-views';
import type { Clock } from '../clock';
import type { Db } from '../db/open';

interface RunRow {
  id: string;
  trigger: SyncReport['trigger'];
  status: SyncReport['status'];
  started_at: number;
  finished_at: number | null;
  report: string | null;
}

export const INTERRUPTED =
  'interrupted: the sync stopped before writing its report (the program was closed or crashed); nothing saved before that was lost';

/** The sync_runs table: one row per daily sync, its JSON report written when it ends. */
export class SyncRuns {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a starting run. Call while holding the sync lock: any other row still 'running' then
   * belongs to a run that died, and is closed as interrupted.
   */
  begin(id: string, trigger: SyncReport['trigger'], startedBy: string | null, startedAt: number): void {
    const stale = this.db
      .prepare<[string], RunRow>(
        "SELECT id, trigger, status, started_at, finished_at, report FROM sync_runs WHERE status = 'running' AND id <> ?",
      )
      .all(id);
    const close = this.db.prepare(
      "UPDATE sync_runs SET status = 'failed', finished_at = ?, report = ? WHERE id = ?",
    );
    for (const row of stale) {
      const report = { ...toReport(row), status: 'failed' as const, finishedAt: this.clock.now() };
      close.run(report.finishedAt, JSON.stringify(report), row.id);
    }
    this.db
      .prepare(
        "INSERT INTO sync_runs (id, trigger, status, started_by, started_at) VALUES (?, ?, 'running', ?, ?)",
      )
      .run(id, trigger, startedBy, startedAt);
  }

  finish(report: SyncReport): void {
    this.db
      .prepare('UPDATE sync_runs SET status = ?, finished_at = ?, report = ? WHERE id = ?')
      .run(report.status, report.finishedAt, JSON.stringify(report), report.id);
  }

  /**
   * Newest first; a run with no stored report yet is shown with what is known of it. `isLive`
   * tells a run still going (here or in another process) from one that died without a report.
   */
  list(limit: number, isLive: (runId: string) => boolean): SyncReport[] {
    return this.db
      .prepare<[number], RunRow>(
        'SELECT id, trigger, status, started_at, finished_at, report FROM sync_runs ORDER BY started_at DESC, rowid DESC LIMIT ?',
      )
      .all(limit)
      .map((row) => {
        const report = toReport(row);
        return row.status === 'running' && isLive(row.id) ? { ...report, errors: [] } : report;
      });
  }
}

function toReport(row: RunRow): SyncReport {
  if (row.report !== null) {
    try {
      const parsed = syncReportSchema.safeParse(JSON.parse(row.report));
      if (parsed.success) return parsed.data;
    } catch {
      // Falls through to the summary below: a report we cannot read is still a run that happened.
    }
  }
  return {
    id: row.id,
    trigger: row.trigger,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.finished_at === null ? null : Math.max(0, row.finished_at - row.started_at),
    destinations: [],
    pulls: [],
    failures: [],
    exceptions: [],
    errors: row.report === null ? [INTERRUPTED] : ['the stored report of this run could not be read'],
  };
}
