import { outboxPayloadSchemas } from '../../../shared/outbox-events';
import type { PackageShipPayload } from '../../../shared/packing/package-ship-event';
import type { Clock } from '../../clock';
import { DeliveryError, type DeliveryOutcome, type OutboundEvent } from '../../sync/destination';
import type { ConnectorState } from '../connector';
import { TikTokApiError } from './api-errors';
import type { TikTokFulfillment } from './fulfillment-client';
import type { ShippingProviderDirectory } from './shipping-providers';

/**
 * `package.ship` events to TikTok Shop, exactly once in effect. The platform's ship calls take no
 * idempotency key, so the connector keeps one per event: before sending it notes
 * `ship-sent:<outbox key>`; a resend (after a timeout, a reset, an unreadable answer) first asks
 * the platform whether the package is shipped already — the package's status for a platform
 * shipment, the order lines' tracking numbers for an own-carrier one — and if it is, with our
 * tracking number where we gave one, the event is delivered without a second ship call.
 *
 * An own-carrier shipment's provider must be on the platform's list for the order's delivery
 * option; one that is not is refused (dead letter, with the listed providers) before any ship
 * call. A refusal by the platform (order cancelled, on hold, already shipped by someone else, a
 * pickup slot no longer offered) is a rejected outcome with the platform's words.
 *
 * A package combined with other orders' (`combineKey`) ships as the package the combination
 * answered; its `package.combine` rides the same stream, so it was delivered before this event.
 * One taken back out of a combination ships as the package the uncombination answered for it.
 */
export interface ShipmentsOptions {
  fulfillment: TikTokFulfillment;
  providers: ShippingProviderDirectory;
  state: ConnectorState;
  clock: Clock;
  /** The package a delivered `package.combine` answered (TikTokCombines), null before. */
  combinedPackage: (combineKey: string) => string | null;
  /** The order's package since an uncombination replaced the one read at the pull (TikTokCombines). */
  packageOf?: (platformOrderId: string) => string | null;
}

type Shipped = { shipped: false } | { shipped: true; trackingNumber: string | null; ours: boolean };

export class TikTokShipments {
  constructor(private readonly options: ShipmentsOptions) {}

  async deliverOne(event: OutboundEvent, signal: AbortSignal): Promise<DeliveryOutcome> {
    const rejected = (reason: string): DeliveryOutcome => ({ id: event.id, status: 'rejected', reason });
    const parsed = outboxPayloadSchemas['package.ship'].safeParse(event.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return rejected(
        `the stored ship call does not fit its schema (${issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'invalid'})`,
      );
    }
    const { fulfillment, state, providers, clock } = this.options;
    let p = parsed.data;
    if (p.combineKey) {
      const combined = this.options.combinedPackage(p.combineKey);
      if (combined === null)
        return rejected(
          `package ${p.platformPackageId ?? p.platformOrderId} was to ship combined with other orders, but TikTok Shop never combined it; nothing was shipped`,
        );
      p = { ...p, platformPackageId: combined };
    } else if (p.method === 'platform') {
      const since = this.options.packageOf?.(p.platformOrderId) ?? null;
      if (since !== null) p = { ...p, platformPackageId: since };
    }
    if (p.method === 'own_carrier' && p.ownCarrier) {
      const check = await providers.check(
        p.ownCarrier.deliveryOptionId,
        p.ownCarrier.shippingProviderId,
        signal,
      );
      if (!check.ok)
        return rejected(
          `TikTok Shop would not accept order ${p.platformOrderId}'s tracking number: ${check.reason}`,
        );
    }
    const sentKey = `ship-sent:${event.idempotencyKey}`;
    const alreadySent = state.get(sentKey) !== undefined;
    if (alreadySent) {
      const now = await this.shipped(p, signal);
      if (now.shipped && now.ours) return { id: event.id, status: 'delivered' };
      if (now.shipped) return rejected(this.elsewhere(p, now.trackingNumber));
    }
    state.set(
      sentKey,
      JSON.stringify({ at: clock.now(), order: p.platformOrderId, package: p.platformPackageId }),
    );
    try {
      if (p.method === 'platform' && p.handover && p.platformPackageId) {
        await fulfillment.shipPackage(p.platformPackageId, p.handover, signal);
      } else if (p.ownCarrier) {
        await fulfillment.markPackageShipped(p.platformOrderId, p.ownCarrier, signal);
      }
    } catch (err) {
      if (!(err instanceof TikTokApiError) || err.kind !== 'rejected') throw err;
      const now = await this.shipped(p, signal);
      if (now.shipped && now.ours && (alreadySent || p.method === 'own_carrier'))
        return { id: event.id, status: 'delivered' };
      if (now.shipped) return rejected(this.elsewhere(p, now.trackingNumber));
      return rejected(
        `TikTok Shop refused to ship ${p.platformPackageId ? `package ${p.platformPackageId}` : `order ${p.platformOrderId}`}: ${
          err.platformMessage || 'no reason given'
        } (code ${String(err.platformCode)}${err.requestId ? `, request ${err.requestId}` : ''})`,
      );
    }
    return { id: event.id, status: 'delivered' };
  }

  private elsewhere(p: PackageShipPayload, tracking: string | null): string {
    return `${p.platformPackageId ? `package ${p.platformPackageId}` : `order ${p.platformOrderId}`} was already shipped outside this station${
      tracking ? ` (tracking ${tracking})` : ''
    }; nothing was sent again`;
  }

  /** What the platform says now: shipped or not, and whether with our tracking number. */
  private async shipped(p: PackageShipPayload, signal: AbortSignal): Promise<Shipped> {
    const { fulfillment } = this.options;
    if (p.method === 'platform' && p.platformPackageId) {
      const detail = await fulfillment.packageDetail(p.platformPackageId, signal).catch((err: unknown) => {
        // A split or a cancellation removed the package: not shipped by us.
        if (err instanceof TikTokApiError && err.kind === 'rejected') return null;
        throw err;
      });
      if (!detail || detail.package_status === 'TO_FULFILL' || detail.package_status === 'CANCELLED')
        return { shipped: false };
      return {
        shipped: true,
        trackingNumber: detail.tracking_number ?? null,
        ours: detail.handover_method === p.handover?.method,
      };
    }
    const [order] = await fulfillment.ordersByIds([p.platformOrderId], signal);
    if (!order) throw new DeliveryError('malformed', `TikTok Shop did not answer order ${p.platformOrderId}`);
    const wanted = p.ownCarrier?.orderLineItemIds.length ? new Set(p.ownCarrier.orderLineItemIds) : null;
    const lines = (order.line_items ?? []).filter((l) => wanted === null || wanted.has(l.id));
    const tracked = lines.filter((l) => l.tracking_number);
    if (tracked.length === 0) return { shipped: false };
    const mine = p.ownCarrier?.trackingNumber ?? '';
    const tracking = tracked.find((l) => l.tracking_number !== mine)?.tracking_number ?? mine;
    return {
      shipped: true,
      trackingNumber: tracking,
      ours: tracked.every((l) => l.tracking_number === mine),
    };
  }
}
