import { AppError } from '../../shared/errors';
import { outboxPayloadSchemas, type OutboxEventType, type OutboxPayload } from '../../shared/outbox-events';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { IdGenerator } from '../ids';

export interface NewOutboxEvent<T extends OutboxEventType> {
  destination: string;
  /** Events with the same key reach the destination in commit order (e.g. one parcel's history). */
  orderingKey: string;
  type: T;
  payload: OutboxPayload<T>;
  /** Defaults to the event id; supply one when the action itself has a natural key. */
  idempotencyKey?: string;
}

/** Events a delivery settled: delivered, or dead (the destination refused them for good). */
export interface SettledEvents {
  destination: string;
  delivered: readonly string[];
  dead: readonly string[];
}

export interface EnqueuedEvent {
  id: string;
  seq: number;
  idempotencyKey: string;
}

/**
 * The write side of the transactional outbox. `enqueue` must be called inside the caller's
 * transaction, so the domain write and the event that carries it commit or roll back together.
 */
export class Outbox {
  private readonly insert;
  private readonly listeners = new Set<(destination: string) => void>();
  private readonly settledListeners = new Set<(settled: SettledEvents) => void>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
  ) {
    this.insert = db.prepare<[string, string, string, string, string, string, number, number, number]>(
      `INSERT INTO outbox_events
         (id, idempotency_key, destination, ordering_key, type, payload, status, attempts,
          next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
    );
  }

  enqueue<T extends OutboxEventType>(tx: Db, event: NewOutboxEvent<T>): EnqueuedEvent {
    if (tx !== this.db || !tx.inTransaction) {
      throw new AppError('INTERNAL', { reason: 'outbox.enqueue outside the caller transaction' });
    }
    const parsed = outboxPayloadSchemas[event.type].safeParse(event.payload);
    if (!parsed.success) {
      throw new AppError('INTERNAL', {
        reason: `invalid ${event.type} payload`,
        issue: parsed.error.issues[0]?.message ?? '',
      });
    }
    const id = this.newId();
    const idempotencyKey = event.idempotencyKey ?? id;
    const now = this.clock.now();
    const info = this.insert.run(
      id,
      idempotencyKey,
      event.destination,
      event.orderingKey,
      event.type,
      JSON.stringify(parsed.data),
      now,
      now,
      now,
    );
    const destination = event.destination;
    // Wake delivery after the caller's transaction has returned; an early wake would find nothing.
    if (this.listeners.size > 0) setImmediate(() => this.listeners.forEach((l) => l(destination)));
    return { id, seq: Number(info.lastInsertRowid), idempotencyKey };
  }

  /**
   * Withdraws an event that has not reached its destination (pending, or dead), in the caller's
   * transaction: it is discarded, with why, and what waited behind it on its key may go. Answers
   * false when it is in flight or settled: then only the destination can undo it.
   */
  withdrawIn(tx: Db, eventId: string, reason: string): boolean {
    if (tx !== this.db || !tx.inTransaction) {
      throw new AppError('INTERNAL', { reason: 'outbox.withdrawIn outside the caller transaction' });
    }
    const row = tx
      .prepare<[string, number, string], { destination: string }>(
        `UPDATE outbox_events SET status = 'discarded', last_error = ?, updated_at = ?
         WHERE id = ? AND status IN ('pending', 'dead') RETURNING destination`,
      )
      .get(reason.slice(0, 500), this.clock.now(), eventId);
    if (!row) return false;
    const destination = row.destination;
    if (this.listeners.size > 0) setImmediate(() => this.listeners.forEach((l) => l(destination)));
    return true;
  }

  /** Called (outside any transaction) whenever something was enqueued for a destination. */
  onEnqueued(listener: (destination: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Work that waits for its event to reach the destination (a platform label that exists only
   * after the ship call) listens here rather than on the delivery engine, so it needs no sync.
   */
  onSettled(listener: (settled: SettledEvents) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /** Told by whoever delivers the outbox, after the results are committed. */
  reportSettled(settled: SettledEvents): void {
    if (settled.delivered.length === 0 && settled.dead.length === 0) return;
    for (const listener of this.settledListeners) {
      try {
        listener(settled);
      } catch {
        // A listener's failure is its own (its work has a retry of its own): delivery goes on.
      }
    }
  }
}
