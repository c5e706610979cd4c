import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { PackCompleteResult } from '../../shared/packing/pack-views';
import {
  packageShipKey,
  packageShipOrderingKey,
  type PackageShipPayload,
} from '../../shared/packing/package-ship-event';
import type { Outbox } from '../outbox/outbox';
import type { StoredOutboundOrder } from './outbound-orders';
import { platformDestinationOf, type PlatformHandover, type PlatformShipping } from './pack-booking';
import type { PackLabels } from './pack-labels';
import { settleOrder } from './pack-order-status';
import { recordSeal, sealedFields, sealIn, type Seal, type SealDeps, type Sealing } from './pack-sealing';
import { type PackageRow } from './pack-store';
import { PLATFORM_CARRIER, type PendingPlatformLabel } from './platform-labels';

export interface PlatformSealOptions extends SealDeps {
  outbox: Pick<Outbox, 'enqueue'>;
  labels: Pick<PackLabels, 'enqueueSlip'>;
  /** Handover and labels of platform-shipped packages, once sync has wired the connectors. */
  platformShipping: () => PlatformShipping | null;
  /** The outbox key of the package's platform combination, if it has one. */
  combineKeyOf: (order: StoredOutboundOrder, pkg: PackageRow) => string | null;
}

/** Sealing a package the platform's own carrier ships (TikTok Shop shipping type TIKTOK). */
export class PlatformSeal implements Seal {
  constructor(private readonly o: PlatformSealOptions) {}

  /**
   * A package the platform's own carrier takes: no booking and no route. The handover method is
   * asked of the platform (the first pickup slot, else drop-off; drop-off when the platform cannot
   * be asked, so the clerk is never held up), then ONE transaction: the package waits for its
   * label, `package.ship` with the handover goes to the outbox, a packing slip to the printer.
   * The label follows once the ship call is delivered (`retryLabels`).
   */
  async seal(
    clientActionId: string,
    user: UserView,
    sealing: Sealing,
  ): Promise<PackCompleteResult | 'cancelled'> {
    const { order, pkg, lines, weight } = sealing;
    const destination = platformDestinationOf(order) as string;
    const platformPackageId =
      lines.find((l) => l.packageId !== null)?.packageId ?? order.lines.find((l) => l.packageId)?.packageId;
    if (!platformPackageId) {
      throw new AppError('INTERNAL', { reason: `order ${order.externalId} has no platform package to ship` });
    }
    const shipping = this.o.platformShipping();
    const combineKey = this.o.combineKeyOf(order, pkg);
    // Once combined, the platform's package is the combined one: its slots are the ones offered.
    const askFor = shipping?.packageNow(order, platformPackageId, combineKey) ?? platformPackageId;
    let handover: PlatformHandover = { method: 'DROP_OFF', pickupSlot: null };
    let handoverAsked = false;
    if (shipping) {
      try {
        handover = await shipping.handover(order, askFor, AbortSignal.timeout(this.o.timeoutMs()));
        handoverAsked = true;
      } catch {
        // Offline: a drop-off needs no slot, and the parcel can still leave today.
      }
    }
    const result = await sealIn(this.o, order.id, (db, fresh, now) => {
      const pending: PendingPlatformLabel = {
        platform: { destination, platformPackageId, handover, combineKey },
        packedBy: user.id,
      };
      this.o.store.update(db, pkg.id, {
        carrier: PLATFORM_CARRIER,
        destination,
        ...sealedFields(sealing, pending, user.id, now, this.o.late(fresh, now)),
      });
      this.o.store.deleteSession(db, this.o.stationId);
      const payload: PackageShipPayload = {
        stationId: this.o.stationId,
        orderId: fresh.id,
        platformOrderId: fresh.externalId,
        platformPackageId,
        method: 'platform',
        handover,
        ownCarrier: null,
        weightGrams: weight.grams,
        combineKey,
        packedBy: user.id,
        packedAt: now,
      };
      const shipEventId = this.o.outbox.enqueue(db, {
        destination,
        orderingKey: packageShipOrderingKey(payload),
        idempotencyKey: packageShipKey(payload),
        type: 'package.ship',
        payload,
      }).id;
      const slip = this.o.labels.enqueueSlip(
        db,
        fresh,
        this.o.store.pkg(pkg.id) as PackageRow,
        PLATFORM_CARRIER,
        user.id,
      );
      this.o.store.update(db, pkg.id, {
        state: 'awaiting_label',
        slip_job_id: slip.id,
        ship_event_id: shipEventId,
      });
      settleOrder(this.o, db, fresh.id, pkg.id);
      const answer: PackCompleteResult = {
        orderId: fresh.id,
        packageId: pkg.id,
        state: 'awaiting_label',
        carrier: PLATFORM_CARRIER,
        destination,
        trackingNumber: null,
        shipEventId,
        printJobs: [{ jobId: slip.id, kind: 'packing_slip' }],
      };
      return recordSeal(this.o, db, { clientActionId, user, order: fresh, now }, answer, {
        platformPackageId,
        handover: handover.method,
        pickupSlot: handover.pickupSlot,
        handoverAsked,
      });
    });
    return result;
  }
}
