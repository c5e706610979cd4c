import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { OutboxEventType } from '../../shared/outbox-events';
import {
  routeInputSchema,
  type LineReason,
  type LineResolution,
  type Route,
  type RouteInput,
  type RouteKey,
  type RouteStatus,
} from '../../shared/route-views';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { IdGenerator } from '../ids';
import type { EnqueuedEvent, NewOutboxEvent, Outbox } from '../outbox/outbox';

/** Since when a line (a destination) has been unreachable, or null while it answers. */
export interface LineHealth {
  downSince(destination: string): number | null;
}

export interface RouteBookOptions {
  db: Db;
  clock: Clock;
  newId: IdGenerator;
  outbox: Outbox;
  audit: AuditLog;
  health: LineHealth;
  /** Read at every decision, so a changed sync configuration applies at once. */
  failoverAfterMs: () => number;
  /** The configured connector accounts (sync destinations) a route may name; read at each use. */
  lines?: () => readonly string[];
  /** Stores the failover delay (the sync configuration's failoverAfterMs) in the caller's transaction. */
  writeFailoverAfterMs?: (ms: number) => void;
}

/** A piece of new work for a route: an outbox event whose destination the route decides. */
export type RoutedEvent<T extends OutboxEventType> = Omit<NewOutboxEvent<T>, 'destination'>;

export interface BackupLineCount {
  country: string;
  sellerId: string | null;
  primary: string;
  backup: string;
  sent: number;
}

interface RouteRow {
  id: string;
  country: string;
  seller_id: string | null;
  primary_line: string;
  backup_line: string | null;
  updated_at: number;
  updated_by: string | null;
}

const DAY_MS = 86_400_000;

/**
 * The route supervisor: which carrier (primary line, backup line) takes new work for a destination
 * country and, optionally, one seller; and which of the two is active now. A primary whose circuit
 * has stayed open longer than `failoverAfterMs` hands NEW work to the backup; work already in the
 * primary's queue stays there, in order (a carrier-specific call — a label, a booking — cannot be
 * sent to another carrier), and goes when the primary answers again.
 *
 * Public API: new RouteBook(options).resolveLine({ country, sellerId? }) → { primary, backup,
 * active, reason }; list(), set(input, by), delete(key, by), status(); enqueueRouted(tx, key,
 * event) for callers that enqueue routed work; takeBackupCounts() for the daily report.
 */
export class RouteBook {
  constructor(private readonly options: RouteBookOptions) {}

  list(): Route[] {
    return this.options.db
      .prepare<[], RouteRow>('SELECT * FROM routes ORDER BY country, seller_id IS NOT NULL, seller_id')
      .all()
      .map(toRoute);
  }

  /** Sets how long a primary must stay unreachable before new work goes to its backup. Audited. */
  async setFailoverAfter(ms: number, by: UserView): Promise<{ failoverAfterMs: number }> {
    const { db, audit, writeFailoverAfterMs } = this.options;
    if (!writeFailoverAfterMs) throw new AppError('INTERNAL', { reason: 'no failover setting store' });
    return writeTransaction(db, () => {
      const was = this.options.failoverAfterMs();
      writeFailoverAfterMs(ms);
      audit.record({
        userId: by.id,
        action: 'route.failover_after',
        entityType: 'routes',
        entityId: 'failoverAfterMs',
        details: { was, now: ms },
      });
      return { failoverAfterMs: this.options.failoverAfterMs() };
    });
  }

  /** The lines a route may name: the configured connector accounts, sorted. */
  lines(): string[] {
    return [...(this.options.lines?.() ?? [])].sort();
  }

  /**
   * Creates or replaces the route of (country, seller). Audited. Both lines must differ and, with
   * `checkLines` (the supervisor's call), be configured connector accounts.
   */
  async set(input: RouteInput, by: UserView, opts: { checkLines?: boolean } = {}): Promise<Route> {
    const route = routeInputSchema.parse(input);
    if (route.backup === route.primary) throw new AppError('ROUTE_LINES_SAME', { line: route.primary });
    if (opts.checkLines) {
      const lines = this.lines();
      for (const line of [route.primary, route.backup]) {
        if (line !== null && !lines.includes(line)) {
          throw new AppError('ROUTE_LINE_UNKNOWN', { line, lines: lines.join(', ') || '—' });
        }
      }
    }
    const sellerId = route.sellerId ?? null;
    const { db, clock, audit } = this.options;
    return writeTransaction(db, () => {
      const existing = this.find(route.country, sellerId);
      const id = existing?.id ?? this.options.newId();
      const now = clock.now();
      db.prepare(
        `INSERT INTO routes (id, country, seller_id, primary_line, backup_line, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET primary_line = excluded.primary_line, backup_line = excluded.backup_line,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(id, route.country, sellerId, route.primary, route.backup, now, by.id);
      audit.record({
        userId: by.id,
        action: existing ? 'route.update' : 'route.create',
        entityType: 'route',
        entityId: id,
        details: {
          country: route.country,
          sellerId,
          primary: route.primary,
          backup: route.backup,
          ...(existing ? { was: { primary: existing.primary_line, backup: existing.backup_line } } : {}),
        },
      });
      return toRoute(this.find(route.country, sellerId) as RouteRow);
    });
  }

  /** Removes the route of (country, seller); false when there was none. Audited. */
  async delete(key: RouteKey, by: UserView): Promise<{ deleted: boolean }> {
    const sellerId = key.sellerId ?? null;
    const { db, audit } = this.options;
    return writeTransaction(db, () => {
      const existing = this.find(key.country, sellerId);
      if (!existing) return { deleted: false };
      db.prepare('DELETE FROM routes WHERE id = ?').run(existing.id);
      audit.record({
        userId: by.id,
        action: 'route.delete',
        entityType: 'route',
        entityId: existing.id,
        details: {
          country: key.country,
          sellerId,
          primary: existing.primary_line,
          backup: existing.backup_line,
        },
      });
      return { deleted: true };
    });
  }

  /**
   * The lines of the route for this country (the seller's own route first, else the country's)
   * and which one takes new work now. NOT_FOUND when no route covers it.
   */
  resolveLine(target: { country: string; sellerId?: string | null }): LineResolution {
    return this.resolveRow(this.routeFor(target));
  }

  /**
   * Enqueues new work on the route's active line inside the caller's transaction, and records
   * which line it went to (the daily report counts the backup ones).
   */
  enqueueRouted<T extends OutboxEventType>(
    tx: Db,
    target: { country: string; sellerId?: string | null },
    event: RoutedEvent<T>,
  ): EnqueuedEvent & { line: LineResolution; destination: string } {
    const row = this.routeFor(target);
    const line = this.resolveRow(row);
    const destination = line.active === 'backup' && line.backup !== null ? line.backup : line.primary;
    const enqueued = this.options.outbox.enqueue(tx, { ...event, destination } as NewOutboxEvent<T>);
    tx.prepare(
      `INSERT INTO route_dispatches (event_id, route_id, country, seller_id, primary_line, line, destination, reason, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      enqueued.id,
      row.id,
      row.country,
      row.seller_id,
      row.primary_line,
      line.active,
      destination,
      line.reason,
      this.options.clock.now(),
    );
    return { ...enqueued, line, destination };
  }

  /** Every route with its active line and why, for the Sync screen. */
  status(): RouteStatus {
    const { db, clock, health } = this.options;
    const since = clock.now() - DAY_MS;
    const sent = db.prepare<[string, number], { n: number }>(
      "SELECT count(*) AS n FROM route_dispatches WHERE route_id = ? AND line = 'backup' AND at >= ?",
    );
    return {
      failoverAfterMs: this.options.failoverAfterMs(),
      lines: this.lines(),
      routes: db
        .prepare<[], RouteRow>('SELECT * FROM routes ORDER BY country, seller_id IS NOT NULL, seller_id')
        .all()
        .map((row) => ({
          ...toRoute(row),
          line: this.resolveRow(row),
          primaryDownSince: health.downSince(row.primary_line),
          backupDownSince: row.backup_line === null ? null : health.downSince(row.backup_line),
          sentToBackup24h: sent.get(row.id, since)?.n ?? 0,
        })),
    };
  }

  /**
   * Work sent to a backup line since the last report took the count, per route and line; taken
   * once (marked reported in the same write).
   */
  async takeBackupCounts(): Promise<BackupLineCount[]> {
    const { db, clock } = this.options;
    return writeTransaction(db, () => {
      const rows = db
        .prepare<
          [],
          { country: string; seller_id: string | null; primary_line: string; destination: string; n: number }
        >(
          `SELECT country, seller_id, primary_line, destination, count(*) AS n FROM route_dispatches
           WHERE reported_at IS NULL AND line = 'backup'
           GROUP BY country, seller_id, primary_line, destination
           ORDER BY country, seller_id, primary_line, destination`,
        )
        .all();
      db.prepare(
        "UPDATE route_dispatches SET reported_at = ? WHERE reported_at IS NULL AND line = 'backup'",
      ).run(clock.now());
      return rows.map((r) => ({
        country: r.country,
        sellerId: r.seller_id,
        primary: r.primary_line,
        backup: r.destination,
        sent: r.n,
      }));
    });
  }

  private routeFor(target: { country: string; sellerId?: string | null }): RouteRow {
    const sellerId = target.sellerId ?? null;
    const row =
      (sellerId !== null ? this.find(target.country, sellerId) : undefined) ??
      this.find(target.country, null);
    if (!row) {
      throw new AppError('NOT_FOUND', {
        id: sellerId === null ? `route ${target.country}` : `route ${target.country} / ${sellerId}`,
      });
    }
    return row;
  }

  private find(country: string, sellerId: string | null): RouteRow | undefined {
    return this.options.db
      .prepare<[string, string], RouteRow>(
        "SELECT * FROM routes WHERE country = ? AND ifnull(seller_id, '') = ?",
      )
      .get(country, sellerId ?? '');
  }

  private resolveRow(row: RouteRow): LineResolution {
    const { health, clock } = this.options;
    const lines = { primary: row.primary_line, backup: row.backup_line };
    const at = (active: 'primary' | 'backup', reason: LineReason): LineResolution => ({
      ...lines,
      active,
      reason,
    });
    const primaryDown = health.downSince(row.primary_line);
    if (primaryDown === null) return at('primary', 'primary_up');
    // A clock stepped back before the outage began counts as "just went down", never as long ago.
    const downFor = Math.max(0, clock.now() - primaryDown);
    if (downFor < this.options.failoverAfterMs()) return at('primary', 'primary_down_briefly');
    if (row.backup_line === null) return at('primary', 'no_backup');
    if (health.downSince(row.backup_line) !== null) return at('primary', 'backup_down');
    return at('backup', 'primary_down');
  }
}

function toRoute(row: RouteRow): Route {
  return {
    id: row.id,
    country: row.country,
    sellerId: row.seller_id,
    primary: row.primary_line,
    backup: row.backup_line,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}
