import type { ConnectorDefinition } from '../connector';
import { resolveTimeZone } from '../carrier-time';
import { checkConnection } from '../connection-check';
import { RequestPacer } from '../request-pacer';
import { StatusMapper } from '../tracking-events';
import { AfterShipClient } from './client';
import { afterShipConfigSchema, type AfterShipConfig } from './config';
import { AFTERSHIP_KIND } from './events';
import { AFTERSHIP_STATUS_TABLE } from './status-table';
import { afterShipPull } from './tracking-pull';
import { AfterShipTrackings } from './watch-destination';
import { afterShipWebhooks } from './webhook';

/**
 * AfterShip Tracking as a connector: a tracking pull of trackings updated since the last pass, a
 * Destination creating trackings ('tracking.watch'), and signed webhooks.
 */
export const afterShipConnector = {
  kind: AFTERSHIP_KIND,
  displayName: 'AfterShip',
  configSchema: afterShipConfigSchema,
  secretFields: ['apiKey', 'webhookSecret'],
  statusTable: AFTERSHIP_STATUS_TABLE,
  create(name, config, deps) {
    const timeZone = resolveTimeZone(config);
    const client = new AfterShipClient({ config, fetch: deps.fetch, clock: deps.clock });
    const pacer = new RequestPacer({
      limits: config.limits,
      clock: deps.clock,
      maxThrottleWaitMs: config.maxThrottleWaitMs,
      ...(deps.budget ? { budget: deps.budget } : {}),
    });
    const bySlug = new Map(Object.entries(config.slugs).map(([ours, slug]) => [slug, ours]));
    const carrierOf = (slug: string | null | undefined) => (slug ? (bySlug.get(slug) ?? slug) : 'aftership');
    const mapper = () =>
      new StatusMapper(AFTERSHIP_KIND, AFTERSHIP_STATUS_TABLE, deps.onUnknownCode, deps.logger);
    return {
      destination: new AfterShipTrackings(name, config, client),
      pulls: {
        tracking: afterShipPull({
          name,
          config,
          client,
          pacer,
          clock: deps.clock,
          logger: deps.logger,
          mapper: mapper(),
          timeZone,
          carrierOf,
        }),
      },
      webhooks: afterShipWebhooks({
        webhookSecret: config.webhookSecret,
        state: deps.state,
        mapper: mapper(),
        timeZone,
        carrierOf,
      }),
      testConnection: (signal) =>
        checkConnection('AfterShip', config.limits.requestTimeoutMs, async () => {
          const couriers = await pacer.run(signal, () => client.couriers(signal));
          return `key accepted; ${couriers.toString()} couriers active`;
        }),
      close: () => undefined,
    };
  },
} satisfies ConnectorDefinition<AfterShipConfig>;
