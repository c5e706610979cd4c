import type { ParcelView, ScanResult } from '../../shared/domain';
import { routeScan } from '../scans/scan-routing';
import type { Actor, QcContext } from './qc-context';

export interface ScanFacts {
  code: string;
  /** The code, then the values the code recogniser read in it (src/shared/codes/lookup-keys.ts). */
  keys: readonly string[];
  symbology: string | null;
  source: 'scanner' | 'keyboard';
}

/**
 * The bench's parcel scans in the station's scan history (the `scans` table), written in the
 * caller's transaction. A scan that opens a return is carried to the platform by the receipt's own
 * `return.received` event; any other scan gets the same event a plain scan would (to the parcel's
 * carrier, or to the hub for an unknown code).
 */
export class ScanRecords {
  private readonly insert;

  constructor(private readonly ctx: QcContext) {
    this.insert = ctx.db.prepare(
      `INSERT INTO scans (id, code, symbology, source, station, user_id, outcome, parcel_id, return_order_id, scanned_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** A scan that found a return order (the caller enqueues `return.received`). */
  returnScan(scan: ScanFacts, actor: Actor, returnOrderId: string, parcelId: string | null): string {
    const id = this.ctx.newId();
    this.insert.run(
      id,
      scan.code,
      scan.symbology,
      scan.source,
      this.ctx.stationName(),
      actor.user.id,
      'return_order',
      parcelId,
      returnOrderId,
      this.ctx.clock.now(),
    );
    return id;
  }

  /** A parcel that is not a return here, or an unknown code: recorded and routed like any scan. */
  plainScan(scan: ScanFacts, actor: Actor, parcel: ParcelView | null): string {
    const { ctx } = this;
    const id = ctx.newId();
    const scannedAt = ctx.clock.now();
    const station = ctx.stationName();
    const outcome: ScanResult['outcome'] = parcel ? 'parcel' : 'unknown';
    this.insert.run(
      id,
      scan.code,
      scan.symbology,
      scan.source,
      station,
      actor.user.id,
      outcome,
      parcel?.id ?? null,
      null,
      scannedAt,
    );
    const route = routeScan(outcome, parcel, null, scan.code);
    const base = { scanId: id, code: scan.code, station, userId: actor.user.id, scannedAt };
    if (route.type === 'scan.unknown') {
      ctx.outbox.enqueue(ctx.db, { ...route, type: 'scan.unknown', payload: base });
    } else {
      ctx.outbox.enqueue(ctx.db, {
        ...route,
        type: 'scan.recorded',
        payload: {
          ...base,
          parcelId: parcel?.id ?? null,
          trackingNumber: parcel?.trackingNumber ?? null,
          returnOrderId: null,
          platformReturnId: null,
        },
      });
    }
    return id;
  }
}
