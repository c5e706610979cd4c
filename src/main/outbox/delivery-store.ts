import { isOutboxEventType, outboxPayloadSchemas } from '../../shared/outbox-events';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { DeliveryErrorKind, OutboundEvent } from '../sync/destination';

/**
 * The SQL side of delivering the outbox. Every write is one short `BEGIN IMMEDIATE` transaction
 * over prepared statements, run through `writeTransaction` (db/write.ts): while another process
 * holds the write lock it waits between attempts on timers, never blocking the event loop for
 * more than the connection's tiny busy timeout, and after the write budget it rejects with
 * DB_LOCKED (retryable; nothing of it was written). Nothing loads more than one claim's rows.
 *
 * Public API (stable; used by the delivery engine, the daily sync and the benchmarks):
 *   new DeliveryStore(db, clock, { maxAheadMs?, leaseSlackMs? })
 *   await claim(destination, { limit, owner, leaseMs, now, ignoreBackoff?, maxAheadMs?, onInvalid? })
 *                                        → OutboundEvent[]
 *   await markDelivered(ids, now?)      — a delivered result always wins (the carrier applied it)
 *   await markRetry(id, owner, { kind, reason, nextAttemptAt }, now?) → boolean (false: lease lost)
 *   await markDead(id, reason, kind, owner?, now?) → boolean
 *   await settle(destination, owner, { delivered, retry, dead }, contact, now?) — one batch, one transaction
 *   await settleMany(owner, [{ destination, settlement, contact }], now?) — several batches, one transaction
 *   await releaseLeases(owner, now?)    — hand back what this owner holds (clean shutdown)
 *   nextDueAt(destination, { now?, maxAheadMs? }) → number | null — when something next becomes claimable
 *   await resetBackoff(destination, now?) → number — make every pending event due now
 *   destinationsWithWork() → string[]   — destinations with pending or in-flight events
 *   openCount(destination) → number     — pending + in-flight
 *   await recordContact(destination, ok, error?, now?) — destination_status bookkeeping
 *
 * Claim rules: an event is claimable when it is pending and due, or in flight with an expired
 * lease, and no earlier (lower seq) event of the same destination and ordering key is pending, in
 * flight or dead — so a later event never overtakes an earlier one that is retrying or dead-lettered
 * (delivered and discarded ones do not block). Only the head of each key is ever claimable, so a
 * claim holds at most one event per ordering key. A clock that stepped backwards shows as a lease
 * or a retry time further ahead than any we hand out; those count as expired / due.
 */

export interface ClaimOptions {
  limit: number;
  owner: string;
  leaseMs: number;
  now: number;
  /** Claim pending events even while they back off (a half-open probe, the daily push). */
  ignoreBackoff?: boolean;
  /**
   * The furthest ahead the caller ever schedules a retry: a retry time beyond now + this was written
   * before the clock stepped back, and is due now (default: the store's maxAheadMs).
   */
  maxAheadMs?: number;
  /** Told about each event whose stored payload fails its schema (it goes dead, not to the carrier). */
  onInvalid?: (event: OutboundEvent, reason: string) => void;
}

export interface RetryMark {
  kind: DeliveryErrorKind;
  reason: string;
  nextAttemptAt: number;
}

export interface Settlement {
  delivered: string[];
  retry: Array<{ id: string } & RetryMark>;
  dead: Array<{ id: string; kind: DeliveryErrorKind | 'schema'; reason: string }>;
}

/** What a batch told us about the destination itself (null: nothing, e.g. we stopped it). */
export type Contact = { ok: true } | { ok: false; error: string } | null;

export interface SettleCounts {
  delivered: number;
  retried: number;
  dead: number;
}

const EMPTY_COUNTS: SettleCounts = { delivered: 0, retried: 0, dead: 0 };

export interface DeliveryStoreOptions {
  /** A retry time further ahead than this is a clock that jumped back: treat it as due. */
  maxAheadMs?: number;
  /** Slack between processes' clocks before a lease counts as "from the future". */
  leaseSlackMs?: number;
}

interface ClaimedRow {
  seq: number;
  id: string;
  idempotency_key: string;
  destination: string;
  ordering_key: string;
  type: string;
  payload: string;
  attempts: number;
}

// No earlier event of the same destination and key that still has to reach it. The two `<>`
// terms match the partial index outbox_by_key literally, which is what lets SQLite use it.
const NO_EARLIER_OPEN = `NOT EXISTS (
  SELECT 1 FROM outbox_events p
  WHERE p.ordering_key = e.ordering_key AND p.seq < e.seq AND p.destination = e.destination
    AND p.status <> 'delivered' AND p.status <> 'discarded')`;

const CLAIM_COLUMNS =
  'e.seq, e.id, e.idempotency_key, e.destination, e.ordering_key, e.type, e.payload, e.attempts';

export const MAX_ERROR_LENGTH = 500;

export class DeliveryStore {
  private readonly maxAheadMs: number;
  private readonly leaseSlackMs: number;
  private readonly pendingHeads;
  private readonly expiredLeases;
  private readonly claimUpdate;
  private readonly deliveredUpdate;
  private readonly retryUpdate;
  private readonly deadUpdate;
  private readonly releaseUpdate;
  private readonly nextPending;
  private readonly nextLease;
  private readonly resetUpdate;
  private readonly withWork;
  private readonly openCountStmt;
  private readonly contactOk;
  private readonly contactFailed;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    options: DeliveryStoreOptions = {},
  ) {
    this.maxAheadMs = options.maxAheadMs ?? 6 * 3_600_000;
    this.leaseSlackMs = options.leaseSlackMs ?? 1_000;
    // The candidate queries return whole rows (they read them anyway), so the claim UPDATE needs no
    // RETURNING: copying payloads out of an UPDATE costs more than reading them here.
    this.pendingHeads = db.prepare<{ d: string; due: number; absurd: number; limit: number }, ClaimedRow>(
      `SELECT ${CLAIM_COLUMNS} FROM outbox_events e
       WHERE e.destination = @d AND e.status = 'pending'
         AND (e.next_attempt_at <= @due OR e.next_attempt_at > @absurd) AND ${NO_EARLIER_OPEN}
       ORDER BY e.seq LIMIT @limit`,
    );
    this.expiredLeases = db.prepare<{ d: string; now: number; ceiling: number; limit: number }, ClaimedRow>(
      `SELECT ${CLAIM_COLUMNS} FROM outbox_events e
       WHERE e.destination = @d AND e.status = 'in_flight'
         AND (e.lease_until IS NULL OR e.lease_until <= @now OR e.lease_until > @ceiling) AND ${NO_EARLIER_OPEN}
       ORDER BY e.seq LIMIT @limit`,
    );
    this.claimUpdate = db.prepare<{ seqs: string; owner: string; until: number; now: number }>(
      `UPDATE outbox_events
         SET status = 'in_flight', lease_owner = @owner, lease_until = @until, attempts = attempts + 1,
             updated_at = @now
       WHERE seq IN (SELECT value FROM json_each(@seqs)) AND status IN ('pending', 'in_flight')`,
    );
    this.deliveredUpdate = db.prepare<{ ids: string; now: number }>(
      `UPDATE outbox_events
         SET status = 'delivered', delivered_at = @now, lease_owner = NULL, lease_until = NULL, updated_at = @now
       WHERE id IN (SELECT value FROM json_each(@ids)) AND status IN ('pending', 'in_flight', 'dead')`,
    );
    this.retryUpdate = db.prepare<{
      id: string;
      owner: string;
      next: number;
      error: string;
      kind: string;
      now: number;
    }>(
      `UPDATE outbox_events
         SET status = 'pending', next_attempt_at = @next, last_error = @error, last_error_kind = @kind,
             lease_owner = NULL, lease_until = NULL, updated_at = @now
       WHERE id = @id AND status = 'in_flight' AND lease_owner = @owner`,
    );
    this.deadUpdate = db.prepare<{
      id: string;
      owner: string | null;
      error: string;
      kind: string;
      now: number;
    }>(
      `UPDATE outbox_events
         SET status = 'dead', last_error = @error, last_error_kind = @kind, lease_owner = NULL,
             lease_until = NULL, updated_at = @now
       WHERE id = @id AND status IN ('pending', 'in_flight') AND (@owner IS NULL OR lease_owner = @owner)`,
    );
    this.releaseUpdate = db.prepare<{ owner: string; now: number }>(
      `UPDATE outbox_events
         SET status = 'pending', next_attempt_at = @now, lease_owner = NULL, lease_until = NULL, updated_at = @now
       WHERE status = 'in_flight' AND lease_owner = @owner`,
    );
    this.nextPending = db.prepare<{ d: string }, { t: number | null }>(
      `SELECT min(e.next_attempt_at) AS t FROM outbox_events e
       WHERE e.destination = @d AND e.status = 'pending' AND ${NO_EARLIER_OPEN}`,
    );
    this.nextLease = db.prepare<{ d: string }, { t: number | null }>(
      `SELECT min(coalesce(e.lease_until, 0)) AS t FROM outbox_events e
       WHERE e.destination = @d AND e.status = 'in_flight'`,
    );
    this.resetUpdate = db.prepare<{ d: string; now: number }>(
      `UPDATE outbox_events SET next_attempt_at = @now, updated_at = @now
       WHERE destination = @d AND status = 'pending' AND next_attempt_at > @now`,
    );
    // A loose index scan over outbox_ready: one probe per distinct destination, not per row.
    this.withWork = db.prepare<[], { name: string }>(
      `WITH RECURSIVE d(name) AS (
         SELECT (SELECT min(destination) FROM outbox_events)
         UNION ALL
         SELECT (SELECT min(destination) FROM outbox_events WHERE destination > d.name) FROM d
         WHERE d.name IS NOT NULL)
       SELECT name FROM d
       WHERE name IS NOT NULL AND EXISTS (
         SELECT 1 FROM outbox_events o WHERE o.destination = d.name AND o.status IN ('pending', 'in_flight'))`,
    );
    this.openCountStmt = db.prepare<{ d: string }, { n: number }>(
      `SELECT count(*) AS n FROM outbox_events WHERE destination = @d AND status IN ('pending', 'in_flight')`,
    );
    this.contactOk = db.prepare<{ d: string; now: number }>(
      `INSERT INTO destination_status (name, last_success_at, updated_at) VALUES (@d, @now, @now)
       ON CONFLICT (name) DO UPDATE SET last_success_at = @now, updated_at = @now`,
    );
    this.contactFailed = db.prepare<{ d: string; now: number; error: string }>(
      `INSERT INTO destination_status (name, last_failure_at, last_error, updated_at) VALUES (@d, @now, @error, @now)
       ON CONFLICT (name) DO UPDATE SET last_failure_at = @now, last_error = @error, updated_at = @now`,
    );
  }

  async claim(destination: string, options: ClaimOptions): Promise<OutboundEvent[]> {
    const { limit, owner, leaseMs, now } = options;
    if (limit <= 0) return [];
    const maxAheadMs = options.maxAheadMs ?? this.maxAheadMs;
    const invalid: Array<{ event: OutboundEvent; reason: string }> = [];
    const out = await writeTransaction(this.db, () => {
      invalid.length = 0;
      const leased = this.expiredLeases.all({
        d: destination,
        now,
        ceiling: now + leaseMs + this.leaseSlackMs,
        limit,
      });
      const pending = this.pendingHeads.all({
        d: destination,
        due: options.ignoreBackoff ? Number.MAX_SAFE_INTEGER : now,
        absurd: now + maxAheadMs,
        limit,
      });
      const rows = mergeRows(leased, pending, limit);
      if (rows.length === 0) return [];
      // Inside this IMMEDIATE transaction nobody else can touch the rows we just read.
      this.claimUpdate.run({
        seqs: JSON.stringify(rows.map((r) => r.seq)),
        owner,
        until: now + leaseMs,
        now,
      });
      const claimed: OutboundEvent[] = [];
      for (const row of rows) {
        const event: OutboundEvent = {
          id: row.id,
          seq: row.seq,
          idempotencyKey: row.idempotency_key,
          destination: row.destination,
          orderingKey: row.ordering_key,
          type: row.type,
          payload: null,
          attempts: row.attempts + 1,
        };
        const checked = checkPayload(row.type, row.payload);
        if (checked.ok) {
          event.payload = checked.payload;
          claimed.push(event);
        } else {
          this.deadUpdate.run({ id: row.id, owner, error: clip(checked.reason), kind: 'schema', now });
          invalid.push({ event, reason: checked.reason });
        }
      }
      return claimed;
    });
    // Told only once the transaction committed: a refused BEGIN may run the body again.
    for (const { event, reason } of invalid) options.onInvalid?.(event, reason);
    return out;
  }

  markDelivered(ids: readonly string[], now: number = this.clock.now()): Promise<number> {
    if (ids.length === 0) return Promise.resolve(0);
    return writeTransaction(
      this.db,
      () => this.deliveredUpdate.run({ ids: JSON.stringify(ids), now }).changes,
    );
  }

  async markRetry(
    id: string,
    owner: string,
    mark: RetryMark,
    now: number = this.clock.now(),
  ): Promise<boolean> {
    const changes = await writeTransaction(
      this.db,
      () =>
        this.retryUpdate.run({
          id,
          owner,
          next: mark.nextAttemptAt,
          error: clip(mark.reason),
          kind: mark.kind,
          now,
        }).changes,
    );
    return changes > 0;
  }

  async markDead(
    id: string,
    reason: string,
    kind: DeliveryErrorKind | 'schema',
    owner: string | null = null,
    now: number = this.clock.now(),
  ): Promise<boolean> {
    const changes = await writeTransaction(
      this.db,
      () => this.deadUpdate.run({ id, owner, error: clip(reason), kind, now }).changes,
    );
    return changes > 0;
  }

  /**
   * Records one batch's results in one transaction, with the destination's contact status.
   * Retry and dead marks are fenced by the lease owner: if our lease expired and someone else
   * claimed the event, their result stands. Delivered marks are not fenced.
   */
  async settle(
    destination: string,
    owner: string,
    settlement: Settlement,
    contact: Contact,
    now: number = this.clock.now(),
  ): Promise<SettleCounts> {
    const [counts] = await this.settleMany(owner, [{ destination, settlement, contact }], now);
    return counts ?? EMPTY_COUNTS;
  }

  /** Several batches' results in one transaction (one durable commit for all of them). */
  settleMany(
    owner: string,
    entries: ReadonlyArray<{ destination: string; settlement: Settlement; contact: Contact }>,
    now: number = this.clock.now(),
  ): Promise<SettleCounts[]> {
    return writeTransaction(this.db, () =>
      entries.map(({ destination, settlement, contact }) => {
        let delivered = 0;
        let retried = 0;
        let dead = 0;
        if (settlement.delivered.length > 0) {
          delivered = this.deliveredUpdate.run({ ids: JSON.stringify(settlement.delivered), now }).changes;
        }
        for (const r of settlement.retry) {
          retried += this.retryUpdate.run({
            id: r.id,
            owner,
            next: r.nextAttemptAt,
            error: clip(r.reason),
            kind: r.kind,
            now,
          }).changes;
        }
        for (const d of settlement.dead) {
          dead += this.deadUpdate.run({
            id: d.id,
            owner,
            error: clip(d.reason),
            kind: d.kind,
            now,
          }).changes;
        }
        if (contact?.ok) this.contactOk.run({ d: destination, now });
        else if (contact) this.contactFailed.run({ d: destination, now, error: clip(contact.error) });
        return { delivered, retried, dead };
      }),
    );
  }

  releaseLeases(owner: string, now: number = this.clock.now()): Promise<number> {
    return writeTransaction(this.db, () => this.releaseUpdate.run({ owner, now }).changes);
  }

  /**
   * When the next event of this destination becomes claimable; null when nothing waits. A retry
   * time further ahead than `maxAheadMs` is a clock that stepped back: it counts as due now.
   */
  nextDueAt(destination: string, options: { now?: number; maxAheadMs?: number } = {}): number | null {
    const now = options.now ?? this.clock.now();
    const ceiling = now + (options.maxAheadMs ?? this.maxAheadMs);
    let pending = this.nextPending.get({ d: destination })?.t ?? null;
    if (pending !== null && pending > ceiling) pending = now;
    const lease = this.nextLease.get({ d: destination })?.t ?? null;
    if (pending === null) return lease;
    if (lease === null) return pending;
    return Math.min(pending, lease);
  }

  resetBackoff(destination: string, now: number = this.clock.now()): Promise<number> {
    return writeTransaction(this.db, () => this.resetUpdate.run({ d: destination, now }).changes);
  }

  destinationsWithWork(): string[] {
    return this.withWork.all().map((r) => r.name);
  }

  openCount(destination: string): number {
    return this.openCountStmt.get({ d: destination })?.n ?? 0;
  }

  async recordContact(
    destination: string,
    ok: boolean,
    error = '',
    now: number = this.clock.now(),
  ): Promise<void> {
    await writeTransaction(this.db, () => {
      if (ok) this.contactOk.run({ d: destination, now });
      else this.contactFailed.run({ d: destination, now, error: clip(error) });
    });
  }
}

function mergeRows(a: ClaimedRow[], b: ClaimedRow[], limit: number): ClaimedRow[] {
  if (a.length === 0) return b;
  return [...a, ...b].sort((x, y) => x.seq - y.seq).slice(0, limit);
}

function checkPayload(
  type: string,
  raw: string,
): { ok: true; payload: unknown } | { ok: false; reason: string } {
  if (!isOutboxEventType(type)) return { ok: false, reason: `unknown event type "${type}"` };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: `payload of ${type} is not JSON` };
  }
  const parsed = outboxPayloadSchemas[type].safeParse(value);
  if (parsed.success) return { ok: true, payload: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, reason: `payload fails the ${type} schema${where}: ${issue?.message ?? 'invalid'}` };
}

function clip(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? text.slice(0, MAX_ERROR_LENGTH - 1) + '…' : text;
}
