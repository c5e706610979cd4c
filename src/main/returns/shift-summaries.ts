import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { DISPOSITIONS, type Disposition } from '../../shared/returns/qc-codes';
import type { ShiftFigures, ShiftSummary, ShiftTeam } from '../../shared/returns/supervision-views';
import { writeTransaction } from '../db/write';
import { sha256Hex } from './certificate-files';
import { idAtTime, type People, type SupervisionDeps } from './supervision-context';

/** The words printed on the shift slip, in the screen's language (the core knows no language). */
export interface ShiftSlipTexts {
  parcels: string;
  unexpected: string;
  items: string;
  restock: string;
  refurbish: string;
  destroy: string;
  return_to_seller: string;
  overrides: string;
  pendingApprovals: string;
  exceptions: string;
  undos: string;
  medianSeconds: string;
  p90Seconds: string;
}

interface DecisionFact {
  decided_by: string;
  disposition: Disposition;
  suggested: Disposition;
  decided_at: number;
  scanned_at: number;
  scanned_by: string;
  approval_status: string | null;
}

/** Ids of decisions made while the clock had stepped back run ahead of their time; this covers a day of that. */
const ID_SLACK_MS = 86_400_000;

/**
 * A clerk's shift in figures: parcels, units decided and how, overrides of the rule table, the time
 * from a unit's scan to its decision (median and 90th percentile), exceptions raised and undos.
 * For the clerk on their own bench, and for the supervisor across clerks. Printed on the 80 mm
 * shift-summary slip through the print queue.
 */
export class ShiftSummaries {
  private readonly receipts;
  private readonly decisions;
  private readonly exceptions;
  private readonly undos;

  constructor(
    private readonly deps: SupervisionDeps,
    private readonly people: People,
  ) {
    const { db } = deps;
    this.receipts = db.prepare<
      [string, number, number],
      { clerk: string; n: number; unexpected: number; first: number; last: number }
    >(
      `SELECT completed_by AS clerk, count(*) AS n, sum(kind = 'unexpected') AS unexpected,
              min(completed_at) AS first, max(completed_at) AS last
       FROM qc_receipts WHERE station_id = ? AND completed_at >= ? AND completed_at < ? AND completed_by IS NOT NULL
       GROUP BY completed_by`,
    );
    this.decisions = db.prepare<[string, string, number, number], DecisionFact>(
      `SELECT d.decided_by, d.disposition, d.suggested, d.decided_at, u.created_at AS scanned_at,
              u.created_by AS scanned_by, a.status AS approval_status
       FROM qc_unit_decisions d JOIN qc_units u ON u.id = d.unit_id
       LEFT JOIN qc_approvals a ON a.id = d.approval_id
       WHERE d.id >= ? AND d.id < ? AND d.decided_at >= ? AND d.decided_at < ? AND d.status = 'active'`,
    );
    this.exceptions = db.prepare<[number, number], { clerk: string; n: number; first: number; last: number }>(
      `SELECT raised_by AS clerk, count(*) AS n, min(raised_at) AS first, max(raised_at) AS last FROM qc_exceptions
       WHERE status IN ('open', 'resolved') AND raised_at >= ? AND raised_at < ? GROUP BY raised_by`,
    );
    this.undos = db.prepare<[number, number], { clerk: string; n: number }>(
      `SELECT user_id AS clerk, count(*) AS n FROM qc_actions
       WHERE kind = 'undo' AND at >= ? AND at < ? GROUP BY user_id`,
    );
  }

  /** One clerk's figures between `from` and `to` (ms, `to` excluded). */
  of(clerkId: string, from: number, to: number): ShiftSummary {
    return (
      this.team(from, to, clerkId).clerks[0] ??
      this.summary(this.people.user(clerkId), from, to, emptyFigures())
    );
  }

  /** Every clerk with something in the window, and the station's totals. */
  team(from: number, to: number, onlyClerk?: string): ShiftTeam {
    if (!(to > from)) throw new AppError('VALIDATION_FAILED', { field: 'to', issue: 'before_from' });
    const { stationId } = this.deps;
    const acc = new Map<string, Acc>();
    const get = (clerk: string): Acc => {
      let a = acc.get(clerk);
      if (!a) {
        a = { figures: emptyFigures(), seconds: [] };
        acc.set(clerk, a);
      }
      return a;
    };
    for (const r of this.receipts.all(stationId, from, to)) {
      const a = get(r.clerk);
      a.figures.parcels += r.n;
      a.figures.unexpected += r.unexpected;
      span(a.figures, r.first, r.last);
    }
    for (const d of this.decisions.all(idAtTime(from), idAtTime(to + ID_SLACK_MS), from, to)) {
      const a = get(d.decided_by);
      a.figures.items++;
      a.figures.dispositions[d.disposition]++;
      if (d.disposition !== d.suggested) a.figures.overrides++;
      if (d.approval_status === 'pending') a.figures.pendingApprovals++;
      // Only the clerk who scanned the unit: a supervisor's later decision is not inspection time.
      if (d.scanned_by === d.decided_by) a.seconds.push(Math.max(0, d.decided_at - d.scanned_at) / 1000);
      span(a.figures, d.decided_at, d.decided_at);
    }
    for (const e of this.exceptions.all(from, to)) {
      const a = get(e.clerk);
      a.figures.exceptions += e.n;
      span(a.figures, e.first, e.last);
    }
    for (const u of this.undos.all(from, to)) get(u.clerk).figures.undos += u.n;

    const allSeconds: number[] = [];
    const clerks: ShiftSummary[] = [];
    for (const [clerkId, a] of acc) {
      if (onlyClerk !== undefined && clerkId !== onlyClerk) continue;
      a.figures.secondsPerItem = percentiles(a.seconds);
      allSeconds.push(...a.seconds);
      clerks.push(this.summary(this.people.user(clerkId), from, to, a.figures));
    }
    clerks.sort((x, y) => y.items - x.items || x.clerk.name.localeCompare(y.clerk.name));
    const total = emptyFigures();
    for (const c of clerks) addInto(total, c);
    total.secondsPerItem = percentiles(allSeconds);
    return { from, to, station: this.people.station(stationId), clerks, total };
  }

  /** Queues the 80 mm slip of one clerk's shift. */
  async print(
    summary: ShiftSummary,
    texts: ShiftSlipTexts,
    timeZone: string,
    by: UserView,
    printerId?: string,
  ): Promise<{ jobId: string; printerId: string }> {
    const lines: Array<{ label: string; count: number }> = [
      { label: texts.parcels, count: summary.parcels },
      ...(summary.unexpected > 0 ? [{ label: texts.unexpected, count: summary.unexpected }] : []),
      { label: texts.items, count: summary.items },
      ...DISPOSITIONS.map((d) => ({ label: texts[d], count: summary.dispositions[d] })),
      { label: texts.overrides, count: summary.overrides },
      ...(summary.pendingApprovals > 0
        ? [{ label: texts.pendingApprovals, count: summary.pendingApprovals }]
        : []),
      { label: texts.exceptions, count: summary.exceptions },
      { label: texts.undos, count: summary.undos },
      ...(summary.secondsPerItem.median !== null
        ? [
            { label: texts.medianSeconds, count: Math.round(summary.secondsPerItem.median) },
            { label: texts.p90Seconds, count: Math.round(summary.secondsPerItem.p90 ?? 0) },
          ]
        : []),
    ];
    const at = (ms: number): string => localTime(ms, timeZone);
    const data = {
      station: (summary.station.name ?? summary.station.id).slice(0, 40),
      clerk: summary.clerk.name.slice(0, 40),
      shiftStart: at(summary.firstAt ?? summary.from),
      shiftEnd: at(Math.min(summary.to, summary.lastAt ?? summary.to)),
      lines,
      total: summary.items,
      reportId: `SS-${at(summary.from).slice(0, 10).replace(/-/g, '')}-${sha256Hex(`${summary.clerk.id}|${summary.from}|${summary.to}`).slice(0, 8).toUpperCase()}`,
    };
    return writeTransaction(this.deps.db, () => {
      const job = this.deps.labels.enqueue(this.deps.db, {
        template: 'shift-summary',
        data,
        requestedBy: by.id,
        ...(printerId ? { printer: printerId } : {}),
      });
      return { jobId: job.id, printerId: job.printerId };
    });
  }

  private summary(clerk: UserView, from: number, to: number, figures: ShiftFigures): ShiftSummary {
    return { ...figures, clerk, from, to, station: this.people.station(this.deps.stationId) };
  }
}

interface Acc {
  figures: ShiftFigures;
  seconds: number[];
}

function emptyFigures(): ShiftFigures {
  return {
    parcels: 0,
    unexpected: 0,
    items: 0,
    dispositions: { restock: 0, refurbish: 0, destroy: 0, return_to_seller: 0 },
    overrides: 0,
    pendingApprovals: 0,
    secondsPerItem: { median: null, p90: null, samples: 0 },
    exceptions: 0,
    undos: 0,
    firstAt: null,
    lastAt: null,
  };
}

function span(f: ShiftFigures, first: number, last: number): void {
  f.firstAt = f.firstAt === null ? first : Math.min(f.firstAt, first);
  f.lastAt = f.lastAt === null ? last : Math.max(f.lastAt, last);
}

function addInto(total: ShiftFigures, f: ShiftFigures): void {
  total.parcels += f.parcels;
  total.unexpected += f.unexpected;
  total.items += f.items;
  for (const d of DISPOSITIONS) total.dispositions[d] += f.dispositions[d];
  total.overrides += f.overrides;
  total.pendingApprovals += f.pendingApprovals;
  total.exceptions += f.exceptions;
  total.undos += f.undos;
  if (f.firstAt !== null) span(total, f.firstAt, f.lastAt ?? f.firstAt);
}

/** Median and 90th percentile by linear interpolation between closest ranks, in seconds (0.1 s). */
export function percentiles(values: readonly number[]): ShiftFigures['secondsPerItem'] {
  if (values.length === 0) return { median: null, p90: null, samples: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    const v = (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
    return Math.round(v * 10) / 10;
  };
  return { median: at(0.5), p90: at(0.9), samples: sorted.length };
}

/** "YYYY-MM-DD HH:MM" in the station's time zone, as the slip template prints times. */
export function localTime(ms: number, timeZone: string): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(ms);
  } catch {
    throw new AppError('VALIDATION_FAILED', { field: 'timeZone', issue: 'unknown_time_zone' });
  }
  const p = (type: string): string => parts.find((x) => x.type === type)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}
