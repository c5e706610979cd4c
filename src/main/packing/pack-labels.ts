import { localTimeOf } from '../../shared/calendar/local-date';
import { AppError } from '../../shared/errors';
import { carrierName } from '../../shared/packing/line-carriers';
import { formatMoney } from '../../shared/packing/money';
import type { PackCompleteResult } from '../../shared/packing/pack-views';
import {
  packageShipKey,
  packageShipOrderingKey,
  type PackageShipPayload,
} from '../../shared/packing/package-ship-event';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { Outbox } from '../outbox/outbox';
import type { EnqueuedJob, NewPrintJob } from '../printing/queue/print-queue';
import { labelText } from '../returns/label-jobs';
import type { OutboundOrderStore, StoredOutboundOrder } from './outbound-orders';
import { platformDestinationOf } from './pack-booking';
import { packageLines } from './pack-lines';
import { settleOrder } from './pack-order-status';
import { linesOf, type PackageRow, type PackStore, type PendingBooking } from './pack-store';

export interface PackLabelsOptions {
  clock: Clock;
  stationId: string;
  stationName: () => string;
  /** The station's zone: the time printed on the slip. */
  timeZone: string;
  outbox: Pick<Outbox, 'enqueue'>;
  printing: { enqueue(tx: Db, job: NewPrintJob): EnqueuedJob };
  store: Pick<PackStore, 'packagesOf' | 'combinedInto' | 'update'>;
  orders: Pick<OutboundOrderStore, 'get' | 'setStatus'>;
}

/**
 * What a sealed package prints and leaves in the outbox, in the caller's transaction: the
 * carrier label with the ship call once it has a tracking number, else a packing slip now.
 */
export class PackLabels {
  constructor(private readonly o: PackLabelsOptions) {}

  /** Packed with its tracking number: state, ship call and label, in the caller's transaction. */
  shipIn(
    db: Db,
    order: StoredOutboundOrder,
    pkg: PackageRow,
    pending: PendingBooking,
    trackingNumber: string,
  ): PackCompleteResult {
    const now = this.o.clock.now();
    const tracking = trackingNumber.trim().toUpperCase();
    let shipEventId: string | null = null;
    const platform = platformDestinationOf(order);
    if (platform !== null && pending.provider !== null && order.deliveryOptionId) {
      const lines = linesOf(pkg).filter((l) => l.orderId === undefined);
      const whole = this.o.store.packagesOf(order.id).filter((p) => p.state !== 'cancelled').length === 1;
      const platformPackageId =
        order.lines.find((l) => l.packageId !== null && lines.some((p) => p.lineRef === l.lineRef))
          ?.packageId ?? null;
      const payload: PackageShipPayload = {
        stationId: this.o.stationId,
        orderId: order.id,
        platformOrderId: order.externalId,
        platformPackageId: whole ? platformPackageId : null,
        method: 'own_carrier',
        handover: null,
        ownCarrier: {
          trackingNumber: tracking,
          shippingProviderId: pending.provider.id,
          shippingProviderName: pending.provider.name,
          deliveryOptionId: order.deliveryOptionId,
          orderLineItemIds: whole ? [] : lines.map((l) => l.lineRef),
        },
        weightGrams: pkg.weight_grams,
        packedBy: pending.packedBy,
        packedAt: pkg.packed_at ?? now,
      };
      shipEventId = this.o.outbox.enqueue(db, {
        destination: platform,
        orderingKey: packageShipOrderingKey(payload),
        idempotencyKey: packageShipKey(payload),
        type: 'package.ship',
        payload,
      }).id;
    }
    const label = this.enqueueLabel(db, order, pkg, pending, tracking);
    return this.settle(
      db,
      order,
      pkg,
      pending,
      'packed',
      { tracking_number: tracking, ship_event_id: shipEventId, label_job_id: label.id },
      {
        trackingNumber: tracking,
        shipEventId,
        printJobs: [
          ...(pkg.slip_job_id ? [{ jobId: pkg.slip_job_id, kind: 'packing_slip' as const }] : []),
          { jobId: label.id, kind: 'label' as const },
        ],
      },
    );
  }

  /** Packed without a label yet: a packing slip now, the label when the carrier answers. */
  awaitLabelIn(
    db: Db,
    order: StoredOutboundOrder,
    pkg: PackageRow,
    pending: PendingBooking,
  ): PackCompleteResult {
    const slip = this.enqueueSlip(db, order, pkg, pending.request.carrier, pending.packedBy);
    return this.settle(
      db,
      order,
      pkg,
      pending,
      'awaiting_label',
      { slip_job_id: slip.id },
      { trackingNumber: null, shipEventId: null, printJobs: [{ jobId: slip.id, kind: 'packing_slip' }] },
    );
  }

  /** The package's new state, then its order's; answers what the bench shows. */
  private settle(
    db: Db,
    order: StoredOutboundOrder,
    pkg: PackageRow,
    pending: PendingBooking,
    state: PackCompleteResult['state'],
    fields: Partial<PackageRow>,
    answer: Pick<PackCompleteResult, 'trackingNumber' | 'shipEventId' | 'printJobs'>,
  ): PackCompleteResult {
    this.o.store.update(db, pkg.id, { state, ...fields });
    settleOrder(this.o, db, order.id, pkg.id);
    return {
      orderId: order.id,
      packageId: pkg.id,
      state,
      carrier: pending.request.carrier,
      destination: pending.request.destination,
      ...answer,
    };
  }

  /** The packing slip that goes into (or onto) a parcel whose label comes later. */
  enqueueSlip(
    db: Db,
    order: StoredOutboundOrder,
    pkg: PackageRow,
    carrier: string,
    packedBy: string,
  ): EnqueuedJob {
    const lines = packageLines(this.o.orders, order, pkg);
    return this.o.printing.enqueue(db, {
      template: 'packing-slip',
      data: {
        orderRef: asciiCode(order.externalId),
        packageNo: Math.min(99, pkg.package_no),
        recipientName: labelText(order.recipient.name, 80),
        city: labelText(order.recipient.city ?? '-', 60),
        country: order.recipient.country,
        carrier: labelText(carrierName(carrier), 40),
        lines: lines
          .slice(0, 8)
          .map((l) => labelText(`${String(l.quantity)} × ${l.sku} ${l.productName}`, 60)),
        items: Math.max(
          1,
          lines.reduce((n, l) => n + l.quantity, 0),
        ),
        packedAt: labelTimeIn(this.o.clock.now(), this.o.timeZone),
        station: labelText(this.o.stationName(), 40),
      },
      requestedBy: packedBy,
    });
  }

  /**
   * The carrier label; a recipient whose name or address does not fit the label in full gets the
   * compact one (shorter lines, no phone) rather than a parcel without a label.
   */
  enqueueLabel(
    db: Db,
    order: StoredOutboundOrder,
    pkg: PackageRow,
    pending: PendingBooking,
    tracking: string,
  ): EnqueuedJob {
    const job = (compact: boolean) => ({
      template: 'shipping-label',
      data: this.labelData(order, pkg, pending, tracking, compact),
      requestedBy: pending.packedBy,
    });
    try {
      return this.o.printing.enqueue(db, job(false));
    } catch (err) {
      const fits = err instanceof AppError && /^PRINT_TEXT_/.test(err.code);
      if (!fits) throw err;
      return this.o.printing.enqueue(db, job(true));
    }
  }

  labelData(
    order: StoredOutboundOrder,
    pkg: PackageRow,
    pending: PendingBooking,
    tracking: string,
    compact = false,
  ) {
    const r = order.recipient;
    const address = [r.address1, r.address2].filter((a): a is string => !!a && a.trim() !== '');
    return {
      trackingNumber: asciiCode(tracking),
      carrier: labelText(carrierName(pending.request.carrier), 40),
      service: labelText(shortService(pending.serviceName), 16),
      recipientName: labelText(r.name, compact ? 24 : 40),
      ...(r.phone && !compact ? { recipientPhone: labelText(r.phone, 30) } : {}),
      addressLines: (address.length > 0 ? address : ['-'])
        .slice(0, compact ? 2 : 4)
        .map((a) => labelText(a, compact ? 48 : 120)),
      city: labelText(r.city ?? '-', compact ? 24 : 60),
      postalCode: labelText(r.postcode ?? '-', 12),
      country: r.country,
      sender: labelText(this.o.stationName(), 120),
      weightKg: Math.min(100, Math.max(0.001, (pkg.weight_grams ?? 1) / 1000)),
      reference: asciiCode(order.externalId),
      ...(order.cod && order.cod.amountMinor > 0
        ? { cod: `${order.cod.currency} ${formatMoney(order.cod)}` }
        : {}),
    };
  }
}

/** A value printed as a barcode: printable ASCII only (an order ref in another script prints as '-'). */
function asciiCode(value: string): string {
  const v = value.trim().slice(0, 40);
  return /^[\x20-\x7e]+$/.test(v) ? v : '-';
}

function labelTimeIn(ms: number, timeZone: string): string {
  const t = localTimeOf(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.date} ${two(Math.floor(t.minute / 60))}:${two(t.minute % 60)}`;
}

/** "J&T Express Malaysia — domestic" → "Domestic": the carrier is printed beside it already. */
function shortService(name: string): string {
  const part = name.split(' — ')[1] ?? name;
  return part.charAt(0).toUpperCase() + part.slice(1);
}
