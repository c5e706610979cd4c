import type { TikTokShopConnector } from '../carriers/tiktok-shop/definition';
import type { PlatformProviders } from './pack-booking';
import { platformDestinationOf } from './pack-booking';

/**
 * The platform list the bench checks a carrier against, for TikTok Shop orders: the shipping
 * providers of the order's delivery option (cached by the connector). Orders from elsewhere have
 * no platform list (null); a TikTok order without a delivery option lists nobody.
 */
export function tiktokPlatformProviders(
  connectorNamed: (name: string) => TikTokShopConnector | null,
): PlatformProviders {
  return {
    async list(order, signal) {
      const name = platformDestinationOf(order);
      if (name === null) return null;
      const connector = connectorNamed(name);
      if (!connector) throw new Error(`no TikTok Shop connector named ${name}`);
      if (!order.deliveryOptionId) return [];
      return connector.providers.list(order.deliveryOptionId, signal);
    },
  };
}
