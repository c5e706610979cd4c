import type { Clock } from '../../clock';
import type { ConnectorState } from '../connector';
import type { TikTokFulfillment } from './fulfillment-client';

/**
 * The shipping providers TikTok Shop lists for a delivery option — the only ones an own-carrier
 * shipment may name (a tracking number no listed carrier recognises never reaches IN_TRANSIT and
 * lowers the seller's Valid Tracking Rate, community). Kept in ConnectorState for
 * `providersMaxAgeMinutes`, so the bench checks a provider without a call each parcel and a
 * provider not on the list is refused before any ship call is made.
 */
export interface ShippingProvider {
  id: string;
  name: string;
}

export type ProviderCheck =
  { ok: true; provider: ShippingProvider } | { ok: false; reason: string; listed: ShippingProvider[] };

export class ShippingProviderDirectory {
  constructor(
    private readonly fulfillment: TikTokFulfillment,
    private readonly state: ConnectorState,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
  ) {}

  async list(
    deliveryOptionId: string,
    signal: AbortSignal,
    options: { fresh?: boolean } = {},
  ): Promise<ShippingProvider[]> {
    const key = `providers:${deliveryOptionId}`;
    const saved = this.state.get(key);
    if (saved && !options.fresh) {
      try {
        const parsed = JSON.parse(saved) as { at: number; providers: ShippingProvider[] };
        const age = this.clock.now() - parsed.at;
        if (age >= 0 && age < this.maxAgeMs) return parsed.providers;
      } catch {
        // unreadable: fetch again
      }
    }
    const providers = (await this.fulfillment.shippingProviders(deliveryOptionId, signal)).map((p) => ({
      id: p.id,
      name: p.name,
    }));
    this.state.set(key, JSON.stringify({ at: this.clock.now(), providers }));
    return providers;
  }

  /** Whether `providerId` may be named for this delivery option (a stale list is fetched again before refusing). */
  async check(deliveryOptionId: string, providerId: string, signal: AbortSignal): Promise<ProviderCheck> {
    let listed = await this.list(deliveryOptionId, signal);
    let hit = listed.find((p) => p.id === providerId);
    if (!hit) {
      listed = await this.list(deliveryOptionId, signal, { fresh: true });
      hit = listed.find((p) => p.id === providerId);
    }
    if (hit) return { ok: true, provider: hit };
    return {
      ok: false,
      listed,
      reason: `shipping provider ${providerId} is not on TikTok Shop's list for delivery option ${deliveryOptionId}${
        listed.length > 0
          ? ` (listed: ${listed.map((p) => `${p.name} ${p.id}`).join(', ')})`
          : ' (the list is empty)'
      }`,
    };
  }
}
