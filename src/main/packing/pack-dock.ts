import { localTimeOf } from '../../shared/calendar/local-date';
import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { CARRIER_SERVICES } from '../../shared/packing/carrier-services';
import { CARRIER_NAMES, carrierName } from '../../shared/packing/line-carriers';
import type { Manifest } from '../../shared/packing/manifest';
import type { DockCarrier, ManifestView } from '../../shared/packing/pack-views';
import { normaliseScan } from '../../shared/scan-code';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { Outbox } from '../outbox/outbox';
import { manifestCsv } from './manifests/manifest-csv';
import { manifestPdf } from './manifests/manifest-pdf';
import type { ManifestStore } from './manifests/manifest-store';
import type { OutboundOrderStore } from './outbound-orders';
import type { PackageRow } from './pack-store';
import type { PackStation } from './pack-station';
import { PLATFORM_CARRIER } from './platform-labels';

export interface PackDockOptions {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  audit: AuditLog;
  stationId: string;
  timeZone: string;
  orders: OutboundOrderStore;
  manifests: ManifestStore;
  station: PackStation;
}

/**
 * The dock: a manifest per carrier and pickup day, parcels scanned onto it by their tracking
 * number (another carrier's parcel and one already handed over are refused), closed with the
 * driver's name → the PDF and CSV, and in ONE transaction the parcels handed over and their
 * handover events in the outbox. Parcels packed but not handed over by their carrier's cut-off
 * are the supervisor's exceptions (pack-cutoffs.ts).
 */
export class PackDock {
  constructor(private readonly o: PackDockOptions) {}

  list(status?: 'open' | 'closed'): ManifestView[] {
    const ids = this.o.db
      .prepare<[string | null, string | null], { id: string }>(
        'SELECT id FROM manifests WHERE (? IS NULL OR status = ?) ORDER BY opened_at DESC LIMIT 50',
      )
      .all(status ?? null, status ?? null);
    return ids.map((r) => this.view(this.o.manifests.get(r.id)));
  }

  async open(input: { carrier: string; clientActionId: string }, user: UserView): Promise<ManifestView> {
    const again = this.o.station.store.replay<ManifestView>(input.clientActionId);
    if (again) return again;
    const known = new Set([...Object.keys(CARRIER_NAMES), ...CARRIER_SERVICES.map((s) => s.carrier)]);
    if (!known.has(input.carrier))
      throw new AppError('PACK_NO_SERVICE', { carrier: input.carrier, market: '' });
    const manifest = await this.o.manifests.open({
      carrier: input.carrier,
      date: localTimeOf(this.o.clock.now(), this.o.timeZone).date,
      openedBy: user.id,
    });
    const view = this.view(manifest);
    await this.journal(input.clientActionId, 'manifestOpen', view);
    return view;
  }

  async scan(
    input: { manifestId: string; code: string; clientActionId: string },
    user: UserView,
  ): Promise<{ manifest: ManifestView; trackingNumber: string; added: boolean }> {
    type Result = { manifest: ManifestView; trackingNumber: string; added: boolean };
    const again = this.o.station.store.replay<Result>(input.clientActionId);
    if (again) return again;
    const tracking = normaliseScan(input.code).code;
    const pkg = this.o.station.store.byTracking(tracking);
    if (!pkg || pkg.carrier === null || pkg.weight_grams === null) {
      throw new AppError('PACK_PARCEL_UNKNOWN', { trackingNumber: tracking.slice(0, 64) });
    }
    if (pkg.state === 'handed_over') {
      throw new AppError('MANIFEST_PARCEL_HANDED_OVER', {
        trackingNumber: tracking,
        manifestId: pkg.manifest_id ?? '',
      });
    }
    if (pkg.state !== 'packed') throw new AppError('PACK_PARCEL_UNKNOWN', { trackingNumber: tracking });
    const order = this.o.orders.get(pkg.order_id);
    const { added, manifest } = await this.o.manifests.addParcel(input.manifestId, {
      trackingNumber: tracking,
      carrier: pkg.carrier,
      // A platform parcel whose provider we have no carrier code for: the name on its label.
      carrierName: pkg.carrier === PLATFORM_CARRIER ? (pkg.provider_name ?? undefined) : undefined,
      weightGrams: pkg.weight_grams,
      cod: order?.cod && order.cod.amountMinor > 0 ? order.cod : null,
      orderRef: order?.externalId ?? null,
      scannedBy: user.id,
    });
    const result: Result = { manifest: this.view(manifest), trackingNumber: tracking, added };
    await this.journal(input.clientActionId, 'manifestScan', result);
    return result;
  }

  async close(
    input: { manifestId: string; driverName: string; vehicle?: string | undefined; clientActionId: string },
    user: UserView,
  ): Promise<{ manifest: ManifestView; pdfBase64: string; csv: string; handoverEvents: number }> {
    const replayed = this.o.station.store.replay<{ manifestId: string; handoverEvents: number }>(
      input.clientActionId,
    );
    let handoverEvents = replayed?.handoverEvents ?? 0;
    if (!replayed) {
      handoverEvents = await writeTransaction(this.o.db, () => {
        const db = this.o.db;
        const before = this.o.manifests.get(input.manifestId);
        const expected = this.packedFor(before.carrier).map((p) => p.tracking_number ?? '');
        this.o.manifests.closeIn(db, input.manifestId, {
          driverName: input.driverName,
          closedBy: user.id,
          vehicle: input.vehicle ?? null,
          expected,
        });
        const closed = this.o.manifests.get(input.manifestId);
        const now = this.o.clock.now();
        let events = 0;
        const touched = new Set<string>();
        for (const parcel of closed.parcels) {
          const pkg = this.o.station.store.byTracking(parcel.trackingNumber);
          if (!pkg) continue;
          this.o.station.store.update(db, pkg.id, {
            state: 'handed_over',
            manifest_id: closed.id,
            handed_over_at: now,
          });
          touched.add(pkg.order_id);
          // Orders combined into the parcel leave with it.
          for (const c of this.o.station.store.combinedInto(pkg.id)) touched.add(c.order_id);
          const order = this.o.orders.get(pkg.order_id);
          if (pkg.destination) {
            this.o.outbox.enqueue(db, {
              destination: pkg.destination,
              orderingKey: `pack-package:${pkg.id}`,
              idempotencyKey: `pack-handover:${pkg.id}`,
              type: 'package.handed_over',
              payload: {
                stationId: this.o.stationId,
                packageId: pkg.id,
                orderId: pkg.order_id,
                orderRef: order?.externalId ?? '',
                trackingNumber: parcel.trackingNumber,
                carrier: parcel.carrier,
                manifestId: closed.id,
                driverName: closed.driverName ?? input.driverName.trim(),
                handedOverAt: now,
              },
            });
            events += 1;
          }
        }
        for (const orderId of touched) {
          const left = this.o.station.store
            .packagesOf(orderId)
            .some((p) => p.state !== 'handed_over' && p.state !== 'cancelled');
          if (!left) this.o.orders.setStatus(db, orderId, 'handed_over');
        }
        this.o.audit.record({
          userId: user.id,
          action: 'manifest.close',
          entityType: 'manifest',
          entityId: closed.id,
          details: {
            carrier: closed.carrier,
            parcels: closed.totals.parcels,
            missing: closed.missing.length,
            driverName: closed.driverName,
          },
        });
        this.o.station.store.record(
          db,
          input.clientActionId,
          'manifestClose',
          { manifestId: closed.id, handoverEvents: events },
          now,
        );
        return events;
      });
    }
    const manifest = this.o.manifests.get(input.manifestId);
    const docOptions = { timeZone: this.o.timeZone, carrierName: carrierName(manifest.carrier) };
    const [pdf, csv] = [await manifestPdf(manifest, docOptions), manifestCsv(manifest, docOptions)];
    return {
      manifest: this.view(manifest),
      pdfBase64: pdf.toString('base64'),
      csv: csv.toString('utf8'),
      handoverEvents,
    };
  }

  /** Carriers with packed parcels not handed over yet, with how many, by the carrier they have now. */
  waitingCarriers(): DockCarrier[] {
    return this.o.db
      .prepare<[], { carrier: string; parcels: number }>(
        "SELECT carrier, count(*) AS parcels FROM pack_packages WHERE state = 'packed' AND carrier IS NOT NULL AND tracking_number IS NOT NULL GROUP BY carrier ORDER BY carrier",
      )
      .all()
      .map((r) => ({
        carrier: r.carrier,
        carrierName: carrierName(r.carrier),
        parcels: r.parcels,
        ...(r.carrier === PLATFORM_CARRIER ? { providers: this.platformProviders() } : {}),
      }));
  }

  /** The providers named on the labels of platform parcels not handed over yet: the dock calls their drivers. */
  private platformProviders(): string[] {
    return this.o.db
      .prepare<[string], { name: string }>(
        "SELECT DISTINCT provider_name AS name FROM pack_packages WHERE state = 'packed' AND carrier = ? AND tracking_number IS NOT NULL AND provider_name IS NOT NULL ORDER BY provider_name",
      )
      .all(PLATFORM_CARRIER)
      .map((r) => r.name);
  }

  /** The platform's parcels with the provider its label named, read in one query for the whole manifest. */
  private withProviders<P extends { trackingNumber: string }>(
    parcels: readonly P[],
  ): Array<P & { providerName: string | null }> {
    const names = new Map(
      this.o.db
        .prepare<[string], { tracking_number: string; provider_name: string | null }>(
          'SELECT tracking_number, provider_name FROM pack_packages WHERE tracking_number IN (SELECT value FROM json_each(?))',
        )
        .all(JSON.stringify(parcels.map((p) => p.trackingNumber)))
        .map((r) => [r.tracking_number, r.provider_name]),
    );
    return parcels.map((p) => ({ ...p, providerName: names.get(p.trackingNumber) ?? null }));
  }

  private packedFor(carrier: string): PackageRow[] {
    return this.o.db
      .prepare<[string], PackageRow>(
        "SELECT * FROM pack_packages WHERE state = 'packed' AND carrier = ? AND tracking_number IS NOT NULL",
      )
      .all(carrier);
  }

  private view(m: Manifest): ManifestView {
    const scanned = new Set(m.parcels.map((p) => p.trackingNumber));
    const missing =
      m.status === 'open'
        ? this.packedFor(m.carrier)
            .map((p) => p.tracking_number ?? '')
            .filter((t) => t !== '' && !scanned.has(t))
            .sort()
        : m.missing;
    return {
      id: m.id,
      carrier: m.carrier,
      carrierName: carrierName(m.carrier),
      date: m.date,
      status: m.status,
      openedBy: m.openedBy,
      openedAt: m.openedAt,
      closedAt: m.closedAt,
      driverName: m.driverName,
      parcels: m.carrier === PLATFORM_CARRIER ? this.withProviders(m.parcels) : m.parcels,
      totals: m.totals,
      missing,
    };
  }

  private async journal(actionId: string, call: string, result: unknown): Promise<void> {
    await writeTransaction(this.o.db, () => {
      if (this.o.station.store.replay(actionId) === undefined)
        this.o.station.store.record(this.o.db, actionId, call, result, this.o.clock.now());
    });
  }
}
