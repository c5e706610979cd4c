import type { OutboxEventView } from '../../shared/domain';
import type { OutboxCounts } from '../../shared/sync-views';
import { OUTBOX_STATUSES } from '../../shared/domain';
import type { Db } from '../db/open';

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

const COLUMNS =
  'id, destination, type, ordering_key, status, attempts, next_attempt_at, last_error, created_at, payload';

/** Read side of the outbox for screens and reports; the screens poll it, so statements are prepared once. */
export class OutboxQueries {
  private readonly listByStatus;
  private readonly countsByStatus;
  private readonly byId;
  private readonly countsByDestinationAndStatus;

  constructor(db: Db) {
    // Statuses arrive as one JSON array, so one statement serves every filter.
    const byStatus = 'status IN (SELECT value FROM json_each(@statuses))';
    this.listByStatus = db.prepare<{ statuses: string; limit: number; offset: number }, EventRow>(
      `SELECT ${COLUMNS} FROM outbox_events WHERE ${byStatus} ORDER BY seq DESC LIMIT @limit OFFSET @offset`,
    );
    this.countsByStatus = db.prepare<[], { status: OutboxEventView['status']; n: number }>(
      'SELECT status, count(*) AS n FROM outbox_events GROUP BY status',
    );
    this.byId = db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM outbox_events WHERE id = ?`);
    this.countsByDestinationAndStatus = db.prepare<
      [],
      { destination: string; status: OutboxEventView['status']; n: number }
    >('SELECT destination, status, count(*) AS n FROM outbox_events GROUP BY destination, status');
  }

  list(statuses: readonly OutboxEventView['status'][], limit: number, offset: number) {
    const filter = JSON.stringify(statuses);
    const events = this.listByStatus.all({ statuses: filter, limit, offset }).map(toView);
    const counts = emptyCounts();
    for (const row of this.countsByStatus.all()) counts[row.status] = row.n;
    const total = statuses.reduce((sum, status) => sum + counts[status], 0);
    return { events, total, counts };
  }

  /** Events per status, every status present (the Queue screen's filter buttons). */
  counts(): OutboxCounts {
    const counts = emptyCounts();
    for (const row of this.countsByStatus.all()) counts[row.status] = row.n;
    return counts;
  }

  get(id: string): OutboxEventView | undefined {
    const row = this.byId.get(id);
    return row ? toView(row) : undefined;
  }

  /** Counts per destination and status, every status present (zero when none). */
  countsByDestination(): Map<string, OutboxCounts> {
    const out = new Map<string, OutboxCounts>();
    for (const row of this.countsByDestinationAndStatus.all()) {
      let counts = out.get(row.destination);
      if (!counts) {
        counts = emptyCounts();
        out.set(row.destination, counts);
      }
      counts[row.status] = row.n;
    }
    return out;
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
