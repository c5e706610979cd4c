import type { TikTokShopConnector } from '../carriers/tiktok-shop/definition';
import { platformDestinationOf, type PlatformShipping } from './pack-booking';
import { carrierOfTikTokProvider } from './tiktok-providers';

/**
 * Platform-shipped TikTok Shop packages through the order's connector: the handover method from
 * the package's handover time slots (PICKUP when a slot is offered and pickup allowed, else
 * DROP_OFF), the combinable packages naming the order, the package a combination answered
 * (`combines`), and the label from a doc_url asked for at print time (`labels.freshPdf`), with
 * the shipping provider the platform picked from the package's detail.
 */
export function tiktokPlatformShipping(
  connectorNamed: (name: string) => TikTokShopConnector | null,
): PlatformShipping {
  const connectorOf = (order: { source: string }): TikTokShopConnector => {
    const name = platformDestinationOf(order);
    const connector = name === null ? null : connectorNamed(name);
    if (!connector) throw new Error(`no TikTok Shop connector for orders from ${order.source}`);
    return connector;
  };
  return {
    async handover(order, platformPackageId, signal) {
      const options = await connectorOf(order).fulfillment.handoverTimeSlots(platformPackageId, signal);
      const slot = options.canPickup ? options.pickupSlots[0] : undefined;
      return slot
        ? { method: 'PICKUP', pickupSlot: { startTime: slot.startTime, endTime: slot.endTime } }
        : { method: 'DROP_OFF', pickupSlot: null };
    },
    async combinable(order, signal) {
      const groups = await connectorOf(order).fulfillment.combinablePackages(signal);
      return groups
        .filter((g) => g.orderIds.includes(order.externalId))
        .map((g) => ({ combinableId: g.id, platformOrderIds: g.orderIds }));
    },
    packageNow(order, platformPackageId, combineKey) {
      const { combines } = connectorOf(order);
      if (combineKey !== null) return combines.combinedPackage(combineKey);
      return combines.packageOf(order.externalId) ?? platformPackageId;
    },
    async label(order, platformPackageId, signal) {
      const connector = connectorOf(order);
      const { pdf, document } = await connector.labels.freshPdf(platformPackageId, signal);
      // The ship call answers nothing: the provider it picked is on the package once shipped.
      const detail = await connector.fulfillment.packageDetail(platformPackageId, signal);
      const name = detail.shipping_provider_name?.trim();
      return {
        pdf,
        trackingNumber: document.trackingNumber ?? detail.tracking_number ?? null,
        provider: name
          ? {
              id: detail.shipping_provider_id ?? null,
              name,
              carrier: carrierOfTikTokProvider(order.market, name),
            }
          : null,
      };
    },
  };
}
