import type { WorkingCalendar } from '../../shared/calendar/calendars';
import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import {
  CUTOFF_ANY_MARKET,
  DEFAULT_CUTOFFS,
  cutoffRowFor,
  mergeCutoffRows,
  nextCutoff,
  pickupCalendar,
  type CutoffRow,
  type CutoffTableRow,
} from '../../shared/packing/carrier-cutoffs';
import { carrierName } from '../../shared/packing/line-carriers';
import type { CutoffAction, CutoffException, CutoffResolutionView } from '../../shared/packing/pack-views';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { IdGenerator } from '../ids';
import type { PackDockOptions } from './pack-dock';
import type { PackageRow } from './pack-store';
import { bookingReferenceOf } from './pack-booking';
import type { PrintQueue } from './pack-station';
import { PLATFORM_CARRIER } from './platform-labels';

/** The dock's wiring (its zone: the last pickups are local times there), and what a rebook needs. */
export interface PackCutoffsOptions extends PackDockOptions {
  newId: IdGenerator;
  printing: PrintQueue;
  /**
   * The pickup days of a market when its row names none: the same calendars the pack queue counts
   * working days on (a Kedah station's Sunday–Thursday); default the market's own calendar.
   */
  calendarFor?: (market: string) => WorkingCalendar | null;
}

interface OverrideRow {
  carrier: string;
  market: string;
  last_pickup: string;
  days: string | null;
  updated_by: string;
  updated_at: number;
  user_name: string | null;
}

interface ResolutionRow {
  package_id: string;
  packed_at: number;
  action: CutoffAction;
  note: string | null;
  until: number | null;
  resolved_by: string;
  resolved_at: number;
  user_name: string | null;
}

export interface CutoffResolveInput {
  packageId: string;
  action: CutoffAction;
  note?: string | undefined;
  clientActionId: string;
}

export interface CutoffResolveResult {
  packageId: string;
  action: CutoffAction;
  /** next_pickup: the pickup it now waits for. */
  until: number | null;
  /** rebook: the voided tracking number (null when the parcel had no label yet). */
  voidedTracking: string | null;
  /** rebook: the label-void event for the old carrier line, if one was written. */
  voidEventId: string | null;
}

/**
 * Cut-offs at the dock: each carrier's last pickup per market (defaults as data in
 * src/shared/packing/carrier-cutoffs.ts, the supervisor's overrides in `pack_cutoffs`), the
 * parcels packed but not handed over by it, and the supervisor's resolution of each:
 *
 *   next_pickup — the parcel waits for its carrier's next pickup; the exception is back once that
 *                 one passes too;
 *   note        — acknowledged with a note; stays listed, marked acknowledged;
 *   rebook      — the label is voided (a void event for the old line, the waiting label print job
 *                 cancelled, the parcel off any open manifest) and the sealed parcel goes back to
 *                 the bench's route step, in ONE transaction. Only for our own carrier lines with
 *                 no platform ship call: a platform that already holds the tracking number would
 *                 need a second ship call, and nothing is shipped twice.
 */
export class PackCutoffs {
  constructor(private readonly o: PackCutoffsOptions) {}

  /** Defaults and overrides, overrides first, as the supervisor edits them. */
  table(): CutoffTableRow[] {
    const overrides = this.overrideRows();
    const byKey = new Map(overrides.map((r) => [`${r.carrier}\u0000${r.market}`, r]));
    const rows = mergeCutoffRows<CutoffRow>(overrides.map(rowOf), DEFAULT_CUTOFFS);
    return rows.map((r): CutoffTableRow => {
      const o = byKey.get(`${r.carrier}\u0000${r.market}`);
      const d = DEFAULT_CUTOFFS.find((x) => x.carrier === r.carrier && x.market === r.market);
      return {
        carrier: r.carrier,
        carrierName: r.carrier === CUTOFF_ANY_MARKET ? CUTOFF_ANY_MARKET : carrierName(r.carrier),
        market: r.market,
        lastPickup: r.lastPickup,
        days: r.days,
        pickupDays: [...(r.days ?? this.calendar(r.market)?.workingWeek ?? [1, 2, 3, 4, 5])],
        origin: o ? 'override' : 'default',
        sourceKind: o ? 'station' : (d?.source.kind ?? 'ours'),
        sourceRef: o ? (o.user_name ?? o.updated_by) : (d?.source.ref ?? ''),
        updatedBy: o ? { id: o.updated_by, name: o.user_name ?? o.updated_by } : null,
        updatedAt: o ? o.updated_at : null,
      };
    });
  }

  /** Sets (or with `reset`, removes) the station's row for a carrier and market; audited. */
  async setRow(
    input: CutoffRow & { reset?: boolean | undefined; clientActionId: string },
    user: UserView,
  ): Promise<CutoffTableRow[]> {
    const store = this.o.station.store;
    if (store.replay(input.clientActionId) === undefined) {
      await writeTransaction(this.o.db, () => {
        const db = this.o.db;
        if (store.replay(input.clientActionId) !== undefined) return;
        const now = this.o.clock.now();
        const before = this.overrideRows().find(
          (r) => r.carrier === input.carrier && r.market === input.market,
        );
        if (input.reset) {
          db.prepare('DELETE FROM pack_cutoffs WHERE carrier = ? AND market = ?').run(
            input.carrier,
            input.market,
          );
        } else {
          db.prepare(
            `INSERT INTO pack_cutoffs (carrier, market, last_pickup, days, updated_by, updated_at)
             VALUES (@carrier, @market, @lastPickup, @days, @by, @now)
             ON CONFLICT (carrier, market) DO UPDATE SET last_pickup = excluded.last_pickup,
               days = excluded.days, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          ).run({
            carrier: input.carrier,
            market: input.market,
            lastPickup: input.lastPickup,
            days: input.days === null ? null : JSON.stringify(input.days),
            by: user.id,
            now,
          });
        }
        this.o.audit.record({
          userId: user.id,
          action: input.reset ? 'pack.cutoff_reset' : 'pack.cutoff_set',
          entityType: 'pack_cutoff',
          entityId: `${input.carrier}:${input.market}`,
          details: {
            before: before ? { lastPickup: before.last_pickup, days: before.days } : null,
            after: input.reset ? null : { lastPickup: input.lastPickup, days: input.days },
          },
        });
        store.record(db, input.clientActionId, 'packCutoffSet', { ok: true }, now);
      });
    }
    return this.table();
  }

  /**
   * Packed (or waiting for the label), not handed over, past the carrier's next pickup after it
   * was packed — or, once the supervisor chose next_pickup, past that one too.
   */
  exceptions(): CutoffException[] {
    const now = this.o.clock.now();
    const rows = this.o.db
      .prepare<[], PackageRow>(
        "SELECT * FROM pack_packages WHERE state IN ('packed', 'awaiting_label') AND packed_at IS NOT NULL ORDER BY packed_at",
      )
      .all();
    const table = this.rows();
    const out: CutoffException[] = [];
    for (const pkg of rows) {
      const order = this.o.orders.get(pkg.order_id);
      if (!order) continue;
      const packedAt = pkg.packed_at ?? now;
      const carrier = pkg.carrier ?? '';
      const resolution = this.latestResolution(pkg.id, packedAt);
      const cutoffAt =
        resolution?.action === 'next_pickup' && resolution.until !== null
          ? resolution.until
          : this.cutoffAfter(table, carrier, order.market, packedAt);
      if (cutoffAt > now) continue;
      out.push({
        packageId: pkg.id,
        orderRef: order.externalId,
        carrier,
        carrierName: carrierName(carrier),
        market: order.market,
        trackingNumber: pkg.tracking_number,
        state: pkg.state,
        packedAt,
        cutoffAt,
        nextPickupAt: this.cutoffAfter(table, carrier, order.market, now + 1),
        risk: this.o.station.risk(order, now),
        resolution,
        rebookable: rebookRefusal(pkg) === null,
      });
    }
    return out;
  }

  resolve(input: CutoffResolveInput, user: UserView): Promise<CutoffResolveResult> {
    return this.o.station.serial(async () => {
      const store = this.o.station.store;
      const again = store.replay<CutoffResolveResult>(input.clientActionId);
      if (again) return again;
      const note = input.note?.trim() ? input.note.trim() : null;
      if (input.action === 'note' && note === null) throw new AppError('CUTOFF_NOTE_REQUIRED');
      return writeTransaction(this.o.db, () => {
        const db = this.o.db;
        const pkg = store.pkg(input.packageId);
        const order = pkg ? this.o.orders.get(pkg.order_id) : null;
        if (!pkg || !order || pkg.packed_at === null) {
          throw new AppError('CUTOFF_PACKAGE_UNKNOWN', { packageId: input.packageId.slice(0, 64) });
        }
        if (pkg.state === 'handed_over') {
          throw new AppError('CUTOFF_HANDED_OVER', {
            orderRef: order.externalId,
            manifestId: pkg.manifest_id ?? '',
          });
        }
        if (pkg.state !== 'packed' && pkg.state !== 'awaiting_label') {
          throw new AppError('CUTOFF_PACKAGE_UNKNOWN', { packageId: pkg.id });
        }
        const now = this.o.clock.now();
        const result: CutoffResolveResult = {
          packageId: pkg.id,
          action: input.action,
          until: null,
          voidedTracking: null,
          voidEventId: null,
        };
        if (input.action === 'next_pickup') {
          result.until = this.cutoffAfter(this.rows(), pkg.carrier ?? '', order.market, now + 1);
        } else if (input.action === 'rebook') {
          const refusal = rebookRefusal(pkg);
          if (refusal)
            throw new AppError('CUTOFF_REBOOK_NOT_ALLOWED', { orderRef: order.externalId, reason: refusal });
          Object.assign(result, this.rebookIn(db, pkg, order, user, now));
        }
        db.prepare(
          `INSERT INTO pack_cutoff_resolutions (id, package_id, packed_at, action, note, until, voided_tracking, resolved_by, resolved_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          this.o.newId(),
          pkg.id,
          pkg.packed_at,
          input.action,
          note,
          result.until,
          result.voidedTracking,
          user.id,
          now,
        );
        this.o.audit.record({
          userId: user.id,
          action: `pack.cutoff_${input.action}`,
          entityType: 'pack_package',
          entityId: pkg.id,
          details: {
            orderRef: order.externalId,
            carrier: pkg.carrier,
            trackingNumber: pkg.tracking_number,
            note,
            until: result.until,
          },
        });
        store.record(db, input.clientActionId, 'packCutoffResolve', result, now);
        return result;
      });
    });
  }

  /** In the resolution's transaction: the label voided and the parcel back at the route step. */
  private rebookIn(
    db: Db,
    pkg: PackageRow,
    order: { id: string; externalId: string },
    user: UserView,
    now: number,
  ): Pick<CutoffResolveResult, 'voidedTracking' | 'voidEventId'> {
    const store = this.o.station.store;
    let voidEventId: string | null = null;
    if (pkg.tracking_number !== null && pkg.destination !== null && pkg.carrier !== null) {
      voidEventId = this.o.outbox.enqueue(db, {
        destination: pkg.destination,
        // The package's own key: the void reaches the line before any later handover of it.
        orderingKey: `pack-package:${pkg.id}`,
        idempotencyKey: `pack-label-void:${pkg.id}:${pkg.tracking_number}`,
        type: 'package.label_voided',
        payload: {
          stationId: this.o.stationId,
          packageId: pkg.id,
          orderId: order.id,
          orderRef: order.externalId,
          trackingNumber: pkg.tracking_number,
          bookingReference: bookingReferenceOf(pkg),
          carrier: pkg.carrier,
          reason: 'cutoff_rebook',
          voidedBy: user.id,
          voidedAt: now,
        },
      }).id;
      this.o.manifests.removeFromOpenIn(db, pkg.tracking_number);
    }
    for (const job of [pkg.label_job_id, pkg.slip_job_id]) {
      if (job) this.o.printing.cancelQueued(db, job, 'label voided: rebooked after the cut-off');
    }
    store.update(db, pkg.id, {
      // The next booking goes under a new reference: the voided one names a cancelled order.
      rebooks: voidEventId === null ? pkg.rebooks : pkg.rebooks + 1,
      state: 'to_pack',
      carrier: null,
      destination: null,
      service_id: null,
      provider_id: null,
      tracking_number: null,
      booking: null,
      label_job_id: null,
      slip_job_id: null,
      ship_event_id: null,
      label_attempts: 0,
      label_error: null,
      opened_at: null,
      packed_by: null,
      packed_at: null,
      late: 0,
    });
    this.o.orders.setStatus(db, order.id, 'packing');
    for (const c of store.combinedInto(pkg.id)) this.o.orders.setStatus(db, c.order_id, 'packing');
    return { voidedTracking: pkg.tracking_number, voidEventId };
  }

  private cutoffAfter(rows: readonly CutoffRow[], carrier: string, market: string, fromMs: number): number {
    return nextCutoff({
      row: cutoffRowFor(rows, carrier, market),
      fromMs,
      timeZone: this.o.timeZone,
      calendar: this.calendar(market),
    });
  }

  private calendar(market: string): WorkingCalendar | null {
    if (market === CUTOFF_ANY_MARKET || !this.o.calendarFor) return pickupCalendar(market);
    try {
      return this.o.calendarFor(market);
    } catch (err) {
      // A market without a calendar picks up Monday–Friday (nextCutoff's default), not never.
      if (err instanceof RangeError) return null;
      throw err;
    }
  }

  private rows(): CutoffRow[] {
    return mergeCutoffRows<CutoffRow>(this.overrideRows().map(rowOf), DEFAULT_CUTOFFS);
  }

  private overrideRows(): OverrideRow[] {
    return this.o.db
      .prepare<[], OverrideRow>(
        `SELECT c.*, u.name AS user_name FROM pack_cutoffs c LEFT JOIN users u ON u.id = c.updated_by
         ORDER BY c.carrier, c.market`,
      )
      .all();
  }

  private latestResolution(packageId: string, packedAt: number): CutoffResolutionView | null {
    const r = this.o.db
      .prepare<[string, number], ResolutionRow>(
        `SELECT r.*, u.name AS user_name FROM pack_cutoff_resolutions r LEFT JOIN users u ON u.id = r.resolved_by
         WHERE r.package_id = ? AND r.packed_at = ? ORDER BY r.resolved_at DESC, r.rowid DESC LIMIT 1`,
      )
      .get(packageId, packedAt);
    if (!r) return null;
    return {
      action: r.action,
      note: r.note,
      by: { id: r.resolved_by, name: r.user_name ?? r.resolved_by },
      at: r.resolved_at,
      until: r.until,
    };
  }
}

function rowOf(r: OverrideRow): CutoffRow {
  return {
    carrier: r.carrier,
    market: r.market,
    lastPickup: r.last_pickup,
    days: r.days === null ? null : (JSON.parse(r.days) as CutoffRow['days']),
  };
}

/** Why a parcel cannot be rebooked, or null when it can. */
function rebookRefusal(pkg: PackageRow): 'platform_carrier' | 'platform_has_tracking' | null {
  if (pkg.carrier === PLATFORM_CARRIER) return 'platform_carrier';
  if (pkg.ship_event_id !== null) return 'platform_has_tracking';
  return null;
}
