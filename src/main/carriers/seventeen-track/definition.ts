import type { ConnectorDefinition } from '../connector';
import { checkConnection } from '../connection-check';
import { resolveTimeZone } from '../carrier-time';
import { RequestPacer } from '../request-pacer';
import { StatusMapper } from '../tracking-events';
import { SeventeenTrackClient } from './client';
import { seventeenTrackConfigSchema, type SeventeenTrackConfig } from './config';
import { SEVENTEEN_TRACK_KIND } from './events';
import { SeventeenTrackRegistrations } from './register-destination';
import { SEVENTEEN_TRACK_STATUS_TABLE } from './status-table';
import { seventeenTrackPull } from './tracking-pull';
import { seventeenTrackWebhooks } from './webhook';

/**
 * 17TRACK (Tracking API v2.2) as a connector: a tracking pull over the station's tracked parcels,
 * a Destination registering numbers ('tracking.watch'), and TRACKING_UPDATED / TRACKING_STOPPED
 * webhooks. The folder is `seventeen-track/` (the kind is an identifier; it does not start with a
 * digit).
 */
export const seventeenTrackConnector = {
  kind: SEVENTEEN_TRACK_KIND,
  displayName: '17TRACK',
  configSchema: seventeenTrackConfigSchema,
  secretFields: ['apiKey'],
  statusTable: SEVENTEEN_TRACK_STATUS_TABLE,
  create(name, config, deps) {
    const timeZone = resolveTimeZone(config);
    const client = new SeventeenTrackClient({ config, fetch: deps.fetch, clock: deps.clock });
    const pacer = new RequestPacer({
      limits: config.limits,
      clock: deps.clock,
      maxThrottleWaitMs: config.maxThrottleWaitMs,
      ...(deps.budget ? { budget: deps.budget } : {}),
    });
    const mapper = () =>
      new StatusMapper(SEVENTEEN_TRACK_KIND, SEVENTEEN_TRACK_STATUS_TABLE, deps.onUnknownCode, deps.logger);
    return {
      destination: new SeventeenTrackRegistrations(name, config, client),
      pulls: {
        tracking: seventeenTrackPull({ name, config, client, pacer, deps, mapper: mapper(), timeZone }),
      },
      webhooks: seventeenTrackWebhooks({ config, state: deps.state, mapper: mapper(), timeZone }),
      testConnection: (signal) =>
        checkConnection('17TRACK', config.limits.requestTimeoutMs, async () => {
          const quota = await pacer.run(signal, () => client.getQuota(signal));
          return quota.remaining === null
            ? 'key accepted'
            : `key accepted; ${quota.remaining.toString()} numbers of quota left`;
        }),
      close: () => undefined,
    };
  },
} satisfies ConnectorDefinition<SeventeenTrackConfig>;
