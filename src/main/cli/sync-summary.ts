import type { SyncReport } from '../../shared/sync-views';

const SHOWN = 10;

const STATUS_WORDS: Record<SyncReport['status'], string> = {
  ok: 'OK — nothing needs attention',
  attention: 'NEEDS ATTENTION',
  failed: 'FAILED — see errors',
  cancelled: 'CANCELLED',
  running: 'still running',
};

/** The report as a supervisor reads it in a terminal or a scheduled task's log. */
export function formatSyncSummary(report: SyncReport): string {
  const lines: string[] = [];
  const seconds = report.durationMs === null ? '?' : (report.durationMs / 1000).toFixed(1);
  lines.push(`LastMile daily sync ${report.id}: ${STATUS_WORDS[report.status]} (${seconds} s)`);
  if (report.finishedAt !== null) lines.push(`finished ${new Date(report.finishedAt).toISOString()}`);

  lines.push('', 'Pulled:');
  if (report.pulls.length === 0) lines.push('  no feeds configured');
  for (const p of report.pulls) {
    lines.push(
      `  ${p.source.padEnd(22)} ${String(p.fetched).padStart(6)} fetched ${String(p.upserted).padStart(6)} saved` +
        (p.error ? `  ERROR: ${p.error}` : ''),
    );
  }

  lines.push('', 'Pushed:');
  if (report.destinations.length === 0) lines.push('  nothing queued');
  lines.push(
    `  ${'destination'.padEnd(18)} ${'delivered'.padStart(9)} ${'failing'.padStart(8)} ${'dead'.padStart(6)} ${'pending'.padStart(8)}`,
  );
  for (const d of report.destinations) {
    lines.push(
      `  ${d.name.padEnd(18)} ${String(d.delivered).padStart(9)} ${String(d.failed).padStart(8)} ${String(d.dead).padStart(6)} ${String(d.pending).padStart(8)}`,
    );
  }

  if (report.failures.length > 0) {
    lines.push('', `Failures (${report.failures.length}):`);
    for (const f of report.failures.slice(0, SHOWN)) {
      lines.push(
        `  ${f.eventId} ${f.destination} ${f.type} ${f.status} after ${f.attempts} attempts: ${f.error}`,
      );
    }
    if (report.failures.length > SHOWN)
      lines.push(`  … and ${report.failures.length - SHOWN} more (see the Sync screen)`);
  }

  if (report.exceptions.length > 0) {
    lines.push('', `Exceptions: ${report.exceptions.length} parcels with no tracking update for too long:`);
    for (const e of report.exceptions.slice(0, SHOWN)) {
      lines.push(`  ${e.trackingNumber} (${e.carrier}) silent for ${Math.floor(e.hoursSilent)} h`);
    }
    if (report.exceptions.length > SHOWN) lines.push(`  … and ${report.exceptions.length - SHOWN} more`);
  } else {
    lines.push('', 'Exceptions: none');
  }

  const pending = report.pendingTracking;
  if (pending && pending.held + pending.applied + pending.expired + pending.waiting > 0) {
    lines.push(
      '',
      `Tracking updates for parcels not known yet: ${pending.waiting} waiting ` +
        `(${pending.held} new, ${pending.applied} applied as their parcel arrived, ${pending.expired} expired)`,
    );
  }

  if (report.errors.length > 0) {
    lines.push('', 'Errors:');
    for (const e of report.errors) lines.push(`  ${e}`);
  }
  return lines.join('\n') + '\n';
}
