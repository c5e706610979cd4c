import type { PARCEL_STATUSES } from '../../shared/domain';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { IdGenerator } from '../ids';

export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

/** One tracking update from a feed, normalised by the source's adapter. */
export interface TrackingUpdateRecord {
  /** The feed's own id of the event; (source, externalId) makes the insert idempotent. */
  externalId: string;
  /** The feed's carrier name; feeds name carriers their own way, so it only breaks ties. */
  carrier: string;
  trackingNumber: string;
  /** Null when the feed's status says nothing about where the parcel is (kept in the history). */
  status: ParcelStatus | null;
  description: string;
  occurredAt: number;
}

export interface TrackingApplyResult {
  inserted: number;
  /**
   * Updates for parcels this station does not know (yet): not an error (feeds cover every shipper,
   * and a return's parcel often arrives with a later pull). They wait in pending_tracking and are
   * applied when the parcel appears (sync/migrations.ts); `held` counts the ones new this time.
   */
  unmatched: number;
  held: number;
}

/**
 * Inserts tracking events once per (source, external id) and moves the parcel's last tracking time
 * forward. A late, older event is kept in the history but neither sets the status nor moves
 * last_tracking_at backwards. An update for a parcel not known yet is kept, never dropped, until
 * the parcel arrives or it expires (PendingTracking). Call inside the caller's transaction.
 */
export class TrackingUpserts {
  private readonly findParcel;
  private readonly insert;
  private readonly touch;
  private readonly hold;

  // Prepared once: a daily pull applies thousands of updates.
  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
  ) {
    this.findParcel = db.prepare<
      { carrier: string; tracking: string },
      { id: string; last_tracking_at: number | null }
    >(
      'SELECT id, last_tracking_at FROM parcels WHERE tracking_number = @tracking ORDER BY carrier = @carrier DESC, created_at DESC LIMIT 1',
    );
    this.insert = db.prepare(
      `INSERT INTO tracking_events (id, parcel_id, source, external_id, status, description, occurred_at, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, external_id) DO NOTHING`,
    );
    // The warehouse's own "received" outranks a carrier still reporting the parcel on its way.
    this.touch = db.prepare(
      `UPDATE parcels SET
         status = CASE WHEN @status IS NOT NULL AND @at >= coalesce(last_tracking_at, @at) AND status <> 'received'
           THEN @status ELSE status END,
         last_tracking_at = max(coalesce(last_tracking_at, @at), @at),
         updated_at = @now
       WHERE id = @id`,
    );
    this.hold = db.prepare(
      `INSERT INTO pending_tracking (source, external_id, event_id, carrier, tracking_number, status, description,
         occurred_at, received_at)
       VALUES (@source, @externalId, @eventId, @carrier, @tracking, @status, @description, @at, @now)
       ON CONFLICT (source, external_id) DO NOTHING`,
    );
  }

  apply(source: string, records: readonly TrackingUpdateRecord[]): TrackingApplyResult {
    const { findParcel, insert, touch } = this;
    const now = this.clock.now();
    const result: TrackingApplyResult = { inserted: 0, unmatched: 0, held: 0 };
    for (const r of records) {
      const parcel = findParcel.get({ carrier: r.carrier, tracking: r.trackingNumber });
      if (!parcel) {
        result.unmatched++;
        result.held += this.hold.run({
          source,
          externalId: r.externalId,
          eventId: this.newId(),
          carrier: r.carrier,
          tracking: r.trackingNumber,
          status: r.status,
          description: r.description,
          at: r.occurredAt,
          now,
        }).changes;
        continue;
      }
      const info = insert.run(
        this.newId(),
        parcel.id,
        source,
        r.externalId,
        r.status ?? 'unknown',
        r.description,
        r.occurredAt,
        now,
      );
      if (info.changes === 0) continue;
      result.inserted++;
      touch.run({ at: r.occurredAt, status: r.status, now, id: parcel.id });
    }
    return result;
  }
}
