import type { ConnectorInstance } from '../carriers/connector';
import { TikTokShopConnector } from '../carriers/tiktok-shop/definition';

/**
 * The TikTok Shop connector of a destination name among the station's built connectors (what
 * sync builds); null for a name that is not one. The bench's platform lists and platform
 * shipping both look their connector up this way.
 */
export function tiktokConnectorNamed(
  connectorNamed: (name: string) => ConnectorInstance | null,
): (name: string) => TikTokShopConnector | null {
  return (name) => {
    const connector = connectorNamed(name);
    return connector instanceof TikTokShopConnector ? connector : null;
  };
}
