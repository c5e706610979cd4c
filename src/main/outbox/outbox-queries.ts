import type { OutboxEventView } from '../../shared/domain';
import type { OutboxCounts } from '../../shared/sync-views';
import { OUTBOX_STATUSES } from '../../shared/domain';
import type { Db } from '../db/open';
import { ARCHIVED } from './migrations';

interface EventRow {
  id: string;
  destination: string;
  type: string;
  ordering_key: string;
  status: OutboxEventView['status'];
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  payload: string;
}

type Status = OutboxEventView['status'];

const COLUMNS =
  'id, destination, type, ordering_key, status, attempts, next_attempt_at, last_error, created_at, payload';

/**
 * Read side of the outbox for screens and reports. The screens poll it (the queue every 5 s, the
 * Sync screen every 500 ms during a sync) while the outbox holds months of delivered events, so no
 * call here reads more than it returns: counts come from outbox_counts (kept by triggers, see
 * migrations.ts), and a page of events is found through the (destination, status, seq) index, one
 * probe per destination and status that has any, newest first.
 */
export class OutboxQueries {
  private readonly countRows;
  private readonly seqsOf;
  private readonly bySeqs;
  private readonly byId;
  private readonly statusById;

  constructor(private readonly db: Db) {
    this.countRows = db.prepare<[], { destination: string; status: Status | typeof ARCHIVED; n: number }>(
      'SELECT destination, status, n FROM outbox_counts WHERE n > 0',
    );
    this.seqsOf = db
      .prepare<[string, Status, number], number>(
        'SELECT seq FROM outbox_events WHERE destination = ? AND status = ? ORDER BY seq DESC LIMIT ?',
      )
      .pluck();
    this.bySeqs = db.prepare<[string], EventRow>(
      `SELECT ${COLUMNS} FROM outbox_events WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq DESC`,
    );
    this.byId = db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM outbox_events WHERE id = ?`);
    this.statusById = db.prepare<[string, string], { status: Status; lastError: string | null }>(
      `SELECT status, last_error AS lastError FROM outbox_events WHERE id = ?
       UNION ALL SELECT 'delivered', NULL FROM outbox_archive WHERE id = ? LIMIT 1`,
    );
  }

  list(statuses: readonly Status[], limit: number, offset: number) {
    // One read transaction: the counts and the page come from the same snapshot.
    return this.db.transaction(() => {
      const wanted = new Set(statuses);
      const rows = this.countRows.all();
      const counts = emptyCounts();
      const seqs: number[] = [];
      for (const row of rows) {
        if (row.status === ARCHIVED) continue;
        counts[row.status] += row.n;
        // One at a time: a deep page reads hundreds of thousands of seqs, too many to spread.
        if (wanted.has(row.status)) {
          for (const seq of this.seqsOf.all(row.destination, row.status, offset + limit)) seqs.push(seq);
        }
      }
      seqs.sort((a, b) => b - a);
      const page = seqs.slice(offset, offset + limit);
      const events = page.length > 0 ? this.bySeqs.all(JSON.stringify(page)).map(toView) : [];
      const total = statuses.reduce((sum, status) => sum + counts[status], 0);
      return { events, total, counts };
    })();
  }

  /** Events per status, every status present (the Queue screen's filter buttons). */
  counts(): OutboxCounts {
    const counts = emptyCounts();
    for (const row of this.countRows.all()) if (row.status !== ARCHIVED) counts[row.status] += row.n;
    return counts;
  }

  get(id: string): OutboxEventView | undefined {
    const row = this.byId.get(id);
    return row ? toView(row) : undefined;
  }

  /** Where one event stands; an event the retention step moved to the archive was delivered. */
  statusOf(id: string): { status: Status; lastError: string | null } | undefined {
    return this.statusById.get(id, id);
  }

  /** Counts per destination and status of the events in the outbox, every status present. */
  countsByDestination(): Map<string, OutboxCounts> {
    return this.tally().live;
  }

  /**
   * Delivered events per destination since the station began: those in the outbox and those the
   * retention step moved to the archive (a report's "delivered during the run" must not drop
   * when the archive runs in the middle of it).
   */
  deliveredEver(): Map<string, number> {
    const { live, archived } = this.tally();
    const out = new Map<string, number>();
    for (const name of new Set([...live.keys(), ...archived.keys()])) {
      out.set(name, (live.get(name)?.delivered ?? 0) + (archived.get(name) ?? 0));
    }
    return out;
  }

  private tally(): { live: Map<string, OutboxCounts>; archived: Map<string, number> } {
    const live = new Map<string, OutboxCounts>();
    const archived = new Map<string, number>();
    for (const row of this.countRows.all()) {
      if (row.status === ARCHIVED) {
        archived.set(row.destination, row.n);
        continue;
      }
      let counts = live.get(row.destination);
      if (!counts) {
        counts = emptyCounts();
        live.set(row.destination, counts);
      }
      counts[row.status] = row.n;
    }
    return { live, archived };
  }
}

export function emptyCounts(): OutboxCounts {
  return Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as OutboxCounts;
}

export function toView(row: EventRow): OutboxEventView {
  return {
    id: row.id,
    destination: row.destination,
    type: row.type,
    orderingKey: row.ordering_key,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    summary: summarise(row.payload),
  };
}

/** One line a supervisor can read: the scanned code or tracking number the event is about. */
function summarise(payload: string): string {
  try {
    const p = JSON.parse(payload) as Record<string, unknown>;
    const parts = [p.trackingNumber, p.platformReturnId, p.code].filter(
      (v): v is string => typeof v === 'string',
    );
    return [...new Set(parts)].join(' · ');
  } catch {
    return '';
  }
}
