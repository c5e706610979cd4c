import { createHash } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { OutboxQueries } from '../outbox/outbox-queries';
import type { EnqueuedJob, NewPrintJob } from '../printing/queue/print-queue';
import type { OutboundOrderStore, StoredOutboundOrder } from './outbound-orders';
import type { PlatformHandover, PlatformLabel, PlatformShipping } from './pack-booking';
import type { PackageRow, PackStore } from './pack-store';

/** The carrier a platform-shipped package is kept under: the platform picks the real one. */
export const PLATFORM_CARRIER = 'tiktok-platform';

/** What a platform-shipped package waiting for its label keeps (pack_packages.booking). */
export interface PendingPlatformLabel {
  platform: {
    destination: string;
    platformPackageId: string;
    handover: PlatformHandover;
    /** Combined with other orders: the label is the combined package's (absent before combining). */
    combineKey?: string | null;
  };
  packedBy: string;
}

export interface PlatformLabelsOptions {
  db: Db;
  store: PackStore;
  orders: OutboundOrderStore;
  printing: { enqueue(tx: Db, job: NewPrintJob): EnqueuedJob };
  audit: AuditLog;
  timeoutMs: () => number;
  cancelled: (order: StoredOutboundOrder) => boolean;
  settleOrder: (db: Db, orderId: string, packageId: string) => void;
  /** The ship events' state (OutboxQueries). */
  events: Pick<OutboxQueries, 'statusOf'>;
}

/**
 * The platform's label for packages its own carrier takes. The label exists only once the ship
 * call has been applied, so a package waits (`awaiting_label`, its packing slip printed) until its
 * `package.ship` event is delivered; then the label is asked for and downloaded right then — the
 * platform's links expire — and, in one transaction, queued as `platform-shipping-label` with the
 * package marked packed under the platform's tracking number and the carrier the platform picked
 * (our code for its shipping provider; the platform's own carrier code when we do not know the
 * provider, whose name is kept). A ship call the platform refused
 * is kept on the package (label_error) for the supervisor; a label not downloadable yet is
 * tried again on the next round.
 */
export class PlatformLabels {
  constructor(private readonly o: PlatformLabelsOptions) {}

  /** Whether any of these events is the ship call of a package waiting for its platform label. */
  waitsOn(eventIds: readonly string[]): boolean {
    return (
      this.o.db
        .prepare<[string, string]>(
          "SELECT 1 FROM pack_packages WHERE state = 'awaiting_label' AND carrier = ? AND ship_event_id IN (SELECT value FROM json_each(?)) LIMIT 1",
        )
        .get(PLATFORM_CARRIER, JSON.stringify(eventIds)) !== undefined
    );
  }

  /** The waiting packages whose ship call is settled; with `eventIds`, only those events' packages. */
  async printDelivered(shipping: PlatformShipping, eventIds?: readonly string[]): Promise<number> {
    const { db, store } = this.o;
    const only = eventIds ? JSON.stringify(eventIds) : null;
    const waiting = db
      .prepare<[string, string | null, string | null], PackageRow>(
        `SELECT * FROM pack_packages WHERE state = 'awaiting_label' AND label_error IS NULL AND carrier = ?
           AND (? IS NULL OR ship_event_id IN (SELECT value FROM json_each(?))) ORDER BY packed_at LIMIT 50`,
      )
      .all(PLATFORM_CARRIER, only, only);
    let done = 0;
    for (const pkg of waiting) {
      const pending = JSON.parse(pkg.booking ?? 'null') as PendingPlatformLabel | null;
      const order = this.o.orders.get(pkg.order_id);
      if (!pending || !order || !pkg.ship_event_id) continue;
      const combination = store
        .combinedInto(pkg.id)
        .map((c) => (c.combine_event_id ? this.o.events.statusOf(c.combine_event_id) : undefined))
        .find((e) => e?.status === 'dead');
      if (combination) {
        // The ship call waits behind the refused combination; the parcel holds several orders.
        await writeTransaction(db, () =>
          store.update(db, pkg.id, {
            label_error: `TikTok Shop refused to combine the orders in this parcel; nothing was shipped: ${
              combination.lastError ?? 'refused'
            }`.slice(0, 500),
          }),
        );
        continue;
      }
      const ship = this.o.events.statusOf(pkg.ship_event_id);
      if (!ship || ship.status === 'pending' || ship.status === 'in_flight') continue;
      if (ship.status !== 'delivered') {
        await writeTransaction(db, () =>
          store.update(db, pkg.id, {
            label_error: `TikTok Shop did not take the ship call: ${ship.lastError ?? ship.status}`.slice(
              0,
              500,
            ),
          }),
        );
        continue;
      }
      if (this.o.cancelled(order)) {
        // Cancelled after it shipped: nothing to print; the slip says where the parcel is.
        await writeTransaction(db, () => store.update(db, pkg.id, { state: 'cancelled' }));
        continue;
      }
      const combineKey = pending.platform.combineKey ?? null;
      const platformPackageId = shipping.packageNow(order, pending.platform.platformPackageId, combineKey);
      if (platformPackageId === null) continue;
      let label: PlatformLabel;
      try {
        label = await shipping.label(order, platformPackageId, AbortSignal.timeout(this.o.timeoutMs()));
      } catch {
        await writeTransaction(db, () =>
          store.update(db, pkg.id, { label_attempts: pkg.label_attempts + 1 }),
        );
        continue;
      }
      const pdf = Buffer.from(label.pdf);
      const tracking = label.trackingNumber?.trim().toUpperCase() || null;
      await writeTransaction(db, () => {
        const fresh = store.pkg(pkg.id);
        if (!fresh || fresh.state !== 'awaiting_label') return;
        const job = this.o.printing.enqueue(db, {
          template: 'platform-shipping-label',
          data: {
            packageId: platformPackageId,
            ...(tracking ? { trackingNumber: tracking } : {}),
            pdf: pdf.toString('base64'),
            pdfSha256: createHash('sha256').update(pdf).digest('hex'),
          },
          requestedBy: pending.packedBy,
        });
        // On the manifest of the carrier the platform picked; one we do not know stays ours to
        // hand over as the platform's, shown by the provider's name.
        const provider = label.provider;
        store.update(db, pkg.id, {
          state: 'packed',
          carrier: provider?.carrier ?? PLATFORM_CARRIER,
          provider_id: provider?.id ?? null,
          provider_name: provider?.name ?? null,
          tracking_number: tracking,
          label_job_id: job.id,
          label_attempts: fresh.label_attempts + 1,
        });
        this.o.settleOrder(db, order.id, pkg.id);
        this.o.audit.record({
          userId: null,
          action: 'pack.platform_label',
          entityType: 'pack_package',
          entityId: pkg.id,
          details: {
            orderRef: order.externalId,
            platformPackageId,
            trackingNumber: tracking,
            provider: provider?.name ?? null,
            carrier: provider?.carrier ?? PLATFORM_CARRIER,
            printJobId: job.id,
          },
        });
        done += 1;
      });
    }
    return done;
  }
}
