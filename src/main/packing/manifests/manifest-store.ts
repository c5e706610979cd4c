import { AppError } from '../../../shared/errors';
import { manifestTotals, type Manifest, type ManifestParcel } from '../../../shared/packing/manifest';
import type { Clock } from '../../clock';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/write';
import type { IdGenerator } from '../../ids';

/**
 * Carrier manifests at the dock. One open manifest per carrier and pickup date; parcels are
 * scanned onto it; a parcel is on one manifest only, ever (the database says so); closing needs
 * the driver's name and freezes the manifest. Refusals are coded for the screen:
 *
 *   MANIFEST_NOT_FOUND, MANIFEST_CLOSED          — no such manifest / it was closed
 *   MANIFEST_WRONG_CARRIER { expected, actual }  — "this is J&T, not Ninja Van"
 *   MANIFEST_PARCEL_HANDED_OVER { manifestId }   — already on a closed manifest: handed over
 *   MANIFEST_PARCEL_ON_OTHER { manifestId }      — already on another open manifest
 *   MANIFEST_DRIVER_REQUIRED, MANIFEST_EMPTY     — closing without a driver / without parcels
 *
 * Scanning a parcel that is already on this manifest again is not an error: it answers
 * `added: false` (a double scan at a busy dock).
 */
export interface NewParcelScan {
  trackingNumber: string;
  /** The parcel's carrier, as the label or the order says (our carrier code). */
  carrier: string;
  /** What the parcel's label calls its carrier, when our code's name would not say (a platform's provider). */
  carrierName?: string | undefined;
  weightGrams: number;
  cod: { amountMinor: number; currency: string } | null;
  orderRef: string | null;
  scannedBy: string;
}

interface ManifestRow {
  id: string;
  carrier: string;
  station_id: string;
  manifest_date: string;
  status: 'open' | 'closed';
  opened_by: string;
  opened_at: number;
  closed_by: string | null;
  closed_at: number | null;
  driver_name: string | null;
  vehicle: string | null;
  missing: string;
}

interface ParcelRow {
  manifest_id: string;
  tracking_number: string;
  carrier: string;
  order_ref: string | null;
  weight_grams: number;
  cod_minor: number | null;
  cod_currency: string | null;
  scanned_by: string;
  scanned_at: number;
}

export class ManifestStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
    private readonly stationId: string,
    /** Carrier code → the name the driver reads ("J&T Express"), for the refusal message. */
    private readonly carrierName: (carrier: string) => string = (c) => c,
  ) {}

  /** The open manifest for this carrier and date, or a new one. */
  async open(input: { carrier: string; date: string; openedBy: string }): Promise<Manifest> {
    const id = await writeTransaction(this.db, () => {
      const existing = this.db
        .prepare<[string, string], { id: string }>(
          "SELECT id FROM manifests WHERE carrier = ? AND manifest_date = ? AND status = 'open'",
        )
        .get(input.carrier, input.date);
      if (existing) return existing.id;
      const newId = this.newId();
      this.db
        .prepare(
          `INSERT INTO manifests (id, carrier, station_id, manifest_date, status, opened_by, opened_at)
           VALUES (?, ?, ?, ?, 'open', ?, ?)`,
        )
        .run(newId, input.carrier, this.stationId, input.date, input.openedBy, this.clock.now());
      return newId;
    });
    return this.get(id);
  }

  async addParcel(manifestId: string, scan: NewParcelScan): Promise<{ added: boolean; manifest: Manifest }> {
    const tracking = scan.trackingNumber.trim().toUpperCase();
    if (!Number.isSafeInteger(scan.weightGrams) || scan.weightGrams <= 0) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'weightGrams',
        issue: 'a weight in whole grams above 0',
      });
    }
    const added = await writeTransaction(this.db, () => {
      const manifest = this.row(manifestId);
      if (manifest.status !== 'open') throw new AppError('MANIFEST_CLOSED', { manifestId });
      if (scan.carrier !== manifest.carrier) {
        throw new AppError('MANIFEST_WRONG_CARRIER', {
          trackingNumber: tracking,
          expected: this.carrierName(manifest.carrier),
          actual: scan.carrierName ?? this.carrierName(scan.carrier),
        });
      }
      const already = this.db
        .prepare<[string, string], { manifest_id: string; status: string }>(
          `SELECT p.manifest_id, m.status FROM manifest_parcels p JOIN manifests m ON m.id = p.manifest_id
           WHERE p.carrier = ? AND p.tracking_number = ?`,
        )
        .get(scan.carrier, tracking);
      if (already?.manifest_id === manifestId) return false;
      if (already?.status === 'closed') {
        throw new AppError('MANIFEST_PARCEL_HANDED_OVER', {
          trackingNumber: tracking,
          manifestId: already.manifest_id,
        });
      }
      if (already)
        throw new AppError('MANIFEST_PARCEL_ON_OTHER', {
          trackingNumber: tracking,
          manifestId: already.manifest_id,
        });
      const seq =
        (this.db
          .prepare<[string], { n: number | null }>(
            'SELECT max(seq) AS n FROM manifest_parcels WHERE manifest_id = ?',
          )
          .get(manifestId)?.n ?? 0) + 1;
      this.db
        .prepare(
          `INSERT INTO manifest_parcels (manifest_id, seq, tracking_number, carrier, order_ref, weight_grams,
             cod_minor, cod_currency, scanned_by, scanned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          manifestId,
          seq,
          tracking,
          scan.carrier,
          scan.orderRef,
          scan.weightGrams,
          scan.cod?.amountMinor ?? null,
          scan.cod?.currency ?? null,
          scan.scannedBy,
          this.clock.now(),
        );
      return true;
    });
    return { added, manifest: this.get(manifestId) };
  }

  /** Takes a parcel off an open manifest (scanned onto the wrong truck). */
  async removeParcel(manifestId: string, trackingNumber: string): Promise<Manifest> {
    await writeTransaction(this.db, () => {
      if (this.row(manifestId).status !== 'open') throw new AppError('MANIFEST_CLOSED', { manifestId });
      this.db
        .prepare('DELETE FROM manifest_parcels WHERE manifest_id = ? AND tracking_number = ?')
        .run(manifestId, trackingNumber.trim().toUpperCase());
    });
    return this.get(manifestId);
  }

  /**
   * Closes with the driver's sign-off. `expected` are the tracking numbers packed for this
   * carrier and pickup; those not scanned are kept on the manifest as `missing` for the supervisor.
   */
  async close(
    manifestId: string,
    input: { driverName: string; closedBy: string; vehicle?: string | null; expected?: readonly string[] },
  ): Promise<Manifest> {
    await writeTransaction(this.db, () => this.closeIn(this.db, manifestId, input));
    return this.get(manifestId);
  }

  /** `close` inside the caller's transaction (the packing flow hands its parcels over in the same one). */
  closeIn(
    tx: Db,
    manifestId: string,
    input: { driverName: string; closedBy: string; vehicle?: string | null; expected?: readonly string[] },
  ): void {
    if (tx !== this.db || !tx.inTransaction) throw new Error('ManifestStore.closeIn outside a transaction');
    const driver = input.driverName.trim();
    if (driver === '') throw new AppError('MANIFEST_DRIVER_REQUIRED', { manifestId });
    const manifest = this.row(manifestId);
    if (manifest.status !== 'open') throw new AppError('MANIFEST_CLOSED', { manifestId });
    const scanned = new Set(this.parcels(manifestId).map((p) => p.trackingNumber));
    if (scanned.size === 0) throw new AppError('MANIFEST_EMPTY', { manifestId });
    const missing = [...new Set((input.expected ?? []).map((t) => t.trim().toUpperCase()))].filter(
      (t) => !scanned.has(t),
    );
    this.db
      .prepare(
        `UPDATE manifests SET status = 'closed', closed_by = ?, closed_at = ?, driver_name = ?, vehicle = ?, missing = ?
         WHERE id = ?`,
      )
      .run(
        input.closedBy,
        this.clock.now(),
        driver,
        input.vehicle ?? null,
        JSON.stringify(missing.sort()),
        manifestId,
      );
  }

  /**
   * In the caller's transaction: a parcel whose label was voided comes off the open manifest it
   * was scanned onto (a closed manifest is the driver's record and is never changed).
   */
  removeFromOpenIn(tx: Db, trackingNumber: string): number {
    if (tx !== this.db || !tx.inTransaction)
      throw new Error('ManifestStore.removeFromOpenIn outside a transaction');
    return tx
      .prepare(
        `DELETE FROM manifest_parcels WHERE tracking_number = ?
           AND manifest_id IN (SELECT id FROM manifests WHERE status = 'open')`,
      )
      .run(trackingNumber).changes;
  }

  get(manifestId: string): Manifest {
    const row = this.row(manifestId);
    const parcels = this.parcels(manifestId);
    return {
      id: row.id,
      carrier: row.carrier,
      stationId: row.station_id,
      date: row.manifest_date,
      status: row.status,
      openedBy: row.opened_by,
      openedAt: row.opened_at,
      closedBy: row.closed_by,
      closedAt: row.closed_at,
      driverName: row.driver_name,
      vehicle: row.vehicle,
      parcels,
      totals: manifestTotals(parcels),
      missing: JSON.parse(row.missing) as string[],
    };
  }

  private row(manifestId: string): ManifestRow {
    const row = this.db
      .prepare<[string], ManifestRow>('SELECT * FROM manifests WHERE id = ?')
      .get(manifestId);
    if (!row) throw new AppError('MANIFEST_NOT_FOUND', { manifestId });
    return row;
  }

  private parcels(manifestId: string): ManifestParcel[] {
    return this.db
      .prepare<[string], ParcelRow>('SELECT * FROM manifest_parcels WHERE manifest_id = ? ORDER BY seq')
      .all(manifestId)
      .map((p) => ({
        trackingNumber: p.tracking_number,
        carrier: p.carrier,
        orderRef: p.order_ref,
        weightGrams: p.weight_grams,
        cod:
          p.cod_minor !== null && p.cod_currency !== null
            ? { amountMinor: p.cod_minor, currency: p.cod_currency }
            : null,
        scannedBy: p.scanned_by,
        scannedAt: p.scanned_at,
      }));
  }
}
