import { resolveTimeZone } from '../carrier-time';
import type { ConnectorDefinition, ConnectorInstance } from '../connector';
import { checkConnection } from '../connection-check';
import { carrierLineDestination } from '../label-void';
import { RequestPacer } from '../request-pacer';
import { StatusMapper } from '../tracking-events';
import { ninjaVanBooking } from './booking';
import { ninjaVanVoids } from './cancel';
import { NinjaVanClient } from './client';
import { NINJA_VAN_MARKETS, ninjaVanConfigSchema, type NinjaVanConfig } from './config';
import { NINJA_VAN_KIND } from './events';
import { NinjaVanTokens } from './oauth';
import { createNinjaVanOrder, type CreatedOrder, type NinjaVanOrder } from './orders';
import { NINJA_VAN_STATUS_TABLE } from './status-table';
import { ninjaVanPull } from './tracking-pull';
import { ninjaVanWebhooks } from './webhook';

/** A Ninja Van instance: the common connector shape plus order creation for the packing station. */
export interface NinjaVanInstance extends ConnectorInstance {
  createOrder(order: NinjaVanOrder, signal: AbortSignal): Promise<CreatedOrder>;
}

/**
 * Ninja Van (shipper API) as a connector: OAuth client credentials with the token kept in
 * ConnectorState, a tracking pull over the station's Ninja Van parcels, signed webhooks,
 * createOrder, and the packing bench's booking when the account has a sender. Its destination
 * acknowledges `package.handed_over` without a call (Ninja Van has none in our references; the
 * driver's pickup scan is its record) and cancels a rebooked parcel's old order for
 * `package.label_voided` (DELETE /{cc}/2.2/orders/{tracking number}).
 */
export const ninjaVanConnector = {
  kind: NINJA_VAN_KIND,
  displayName: 'Ninja Van',
  configSchema: ninjaVanConfigSchema,
  secretFields: ['clientSecret'],
  statusTable: NINJA_VAN_STATUS_TABLE,
  create(name, config, deps): NinjaVanInstance {
    const market = config.market ?? NINJA_VAN_MARKETS[config.country];
    const timeZone = resolveTimeZone({ market, timeZone: config.timeZone });
    const carrier = config.carrierCode ?? `ninjavan-${config.country}`;
    const tokens = new NinjaVanTokens(config, deps.fetch, deps.clock, deps.state);
    const client = new NinjaVanClient(config, deps.fetch, deps.clock, tokens);
    const pacer = new RequestPacer({
      limits: config.limits,
      clock: deps.clock,
      maxThrottleWaitMs: config.maxThrottleWaitMs,
      ...(deps.budget ? { budget: deps.budget } : {}),
    });
    const mapper = () =>
      new StatusMapper(NINJA_VAN_KIND, NINJA_VAN_STATUS_TABLE, deps.onUnknownCode, deps.logger);
    const createOrder = (order: NinjaVanOrder, signal: AbortSignal) =>
      createNinjaVanOrder(client, deps.clock, order, carrier, signal);
    return {
      destination: carrierLineDestination({
        name,
        carrierName: 'Ninja Van',
        limits: config.limits,
        state: deps.state,
        clock: deps.clock,
        logger: deps.logger,
        voids: ninjaVanVoids(client, deps.clock, (signal, call) => pacer.run(signal, call)),
      }),
      ...(config.sender
        ? {
            booking: ninjaVanBooking({
              sender: config.sender,
              timeZone,
              clock: deps.clock,
              // A booking is the clerk's call, paced like every other call of the account.
              create: (order, signal) => pacer.run(signal, () => createOrder(order, signal)),
            }),
          }
        : {}),
      pulls: {
        tracking: ninjaVanPull({ name, config, carrier, client, pacer, deps, mapper: mapper(), timeZone }),
      },
      webhooks: ninjaVanWebhooks({
        clientSecret: config.clientSecret,
        carrier,
        state: deps.state,
        mapper: mapper(),
        timeZone,
      }),
      createOrder,
      testConnection: (signal) =>
        checkConnection('Ninja Van', config.limits.requestTimeoutMs, async () => {
          await pacer.run(signal, () => tokens.renew(signal));
          return `client ${config.clientId} accepted for ${config.country.toUpperCase()}`;
        }),
      close: () => undefined,
    };
  },
} satisfies ConnectorDefinition<NinjaVanConfig>;
