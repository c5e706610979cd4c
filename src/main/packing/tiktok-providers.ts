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

/**
 * The shipping providers TikTok Shop's own carrier hands packages to, as our carrier codes, per
 * market: a platform-shipped parcel goes on that carrier's manifest. Matched by the provider's
 * name (ids are the platform's and not in our references). Ours, from the names the platform
 * lists in its provider answers; a provider not here stays under the platform's carrier.
 */
export const TIKTOK_PROVIDER_CARRIERS: ReadonlyArray<{ market: string; provider: string; carrier: string }> =
  [
    { market: 'MY', provider: 'J&T Express', carrier: 'jnt-my' },
    { market: 'MY', provider: 'Ninja Van', carrier: 'ninjavan-my' },
    { market: 'MY', provider: 'Pos Malaysia', carrier: 'posmy' },
    { market: 'MY', provider: 'Poslaju', carrier: 'posmy' },
    { market: 'VN', provider: 'Giao Hàng Nhanh', carrier: 'ghn' },
    { market: 'VN', provider: 'GHN', carrier: 'ghn' },
  ];

/** Names differ in case, spacing, punctuation and accents between answers. */
const providerKey = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9&]/g, '');

/** Our carrier code for the provider the platform picked in `market`, or null when we do not know it. */
export function carrierOfTikTokProvider(market: string, providerName: string): string | null {
  const key = providerKey(providerName);
  return (
    TIKTOK_PROVIDER_CARRIERS.find((r) => r.market === market && providerKey(r.provider) === key)?.carrier ??
    null
  );
}
