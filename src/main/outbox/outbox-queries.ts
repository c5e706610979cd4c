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

/** Read side of the outbox for screens and reports. */
export class OutboxQueries {
  constructor(private readonly db: Db) {}

  list(statuses: readonly OutboxEventView['status'][], limit: number, offset: number) {
    const marks = statuses.map(() => '?').join(', ');
    const events = this.db
      .prepare<unknown[], EventRow>(
        `SELECT ${COLUMNS} FROM outbox_events WHERE status IN (${marks}) ORDER BY seq DESC LIMIT ? OFFSET ?`,
      )
      .all(...statuses, limit, offset)
      .map(toView);
    const total =
      this.db
        .prepare<unknown[], { n: number }>(
          `SELECT count(*) AS n FROM outbox_events WHERE status IN (${marks})`,
        )
        .get(...statuses)?.n ?? 0;
    return { events, total };
  }

  get(id: string): OutboxEventView | undefined {
    const row = this.db
      .prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM outbox_events WHERE id = ?`)
      .get(id);
    return row ? toView(row) : undefined;
  }

  /** Counts per destination and status, every status present (zero when none). */
  countsByDestination(): Map<string, OutboxCounts> {
    const rows = this.db
      .prepare<[], { destination: string; status: OutboxEventView['status']; n: number }>(
        'SELECT destination, status, count(*) AS n FROM outbox_events GROUP BY destination, status',
      )
      .all();
    const out = new Map<string, OutboxCounts>();
    for (const row of rows) {
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
