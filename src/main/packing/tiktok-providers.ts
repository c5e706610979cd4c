import type { ConnectorInstance } from '../carriers/connector';
import { TikTokShopConnector } from '../carriers/tiktok-shop/definition';
import type { Clock } from '../clock';
import type { PlatformCombinable, PlatformProviders } from './pack-booking';
import { platformDestinationOf } from './pack-booking';

/** How long a combinable list is reused: every order opened at the bench would otherwise ask again. */
const COMBINABLE_MAX_AGE_MS = 60_000;

/**
 * The platform list the bench checks a carrier against, for TikTok Shop orders: the shipping
 * providers of the order's delivery option (cached by the connector). Orders from elsewhere have
 * no platform list (null); a TikTok order without a delivery option lists nobody.
 *
 * The combinable groups (combinable_packages/search) are one list per shop: kept per connector
 * for a minute when a clock is given, so opening orders one after another asks once.
 */
export function tiktokPlatformProviders(
  connectorNamed: (name: string) => TikTokShopConnector | null,
  cache?: { clock: Clock; maxAgeMs?: number },
): PlatformProviders {
  const combinable = new Map<string, { at: number; groups: PlatformCombinable[] }>();
  const connectorOf = (name: string) => {
    const connector = connectorNamed(name);
    if (!connector) throw new Error(`no TikTok Shop connector named ${name}`);
    return connector;
  };
  return {
    async list(order, signal) {
      const name = platformDestinationOf(order);
      if (name === null) return null;
      const connector = connectorOf(name);
      if (!order.deliveryOptionId) return [];
      return connector.providers.list(order.deliveryOptionId, signal);
    },
    async combinable(order, signal) {
      const name = platformDestinationOf(order);
      if (name === null) return null;
      const connector = connectorOf(name);
      const now = cache?.clock.now();
      const kept = combinable.get(name);
      let groups: PlatformCombinable[];
      if (kept && now !== undefined && now - kept.at < (cache?.maxAgeMs ?? COMBINABLE_MAX_AGE_MS)) {
        groups = kept.groups;
      } else {
        groups = await connector.fulfillment.combinablePackages(signal);
        if (now !== undefined) combinable.set(name, { at: now, groups });
      }
      return groups.filter((g) => g.orderIds.includes(order.externalId));
    },
  };
}

/** The same, from the station's built connectors by destination name (what sync builds). */
export function platformProvidersOf(
  connectorNamed: (name: string) => ConnectorInstance | null,
  cache?: { clock: Clock; maxAgeMs?: number },
): PlatformProviders {
  return tiktokPlatformProviders((name) => {
    const connector = connectorNamed(name);
    return connector instanceof TikTokShopConnector ? connector : null;
  }, cache);
}
