import { resolveTimeZone } from '../carrier-time';
import type { ConnectorDefinition } from '../connector';
import { checkConnection } from '../connection-check';
import { carrierLineDestination } from '../label-void';
import { RequestPacer } from '../request-pacer';
import { StatusMapper } from '../tracking-events';
import { jntBooking } from './booking';
import { jntVoids } from './cancel';
import { JntClient } from './client';
import { jntExpressConfigSchema, type JntExpressConfig } from './config';
import { JNT_KIND } from './events';
import { JNT_STATUS_TABLE } from './status-table';
import { jntPull } from './tracking-pull';
import { jntWebhooks } from './webhook';

/**
 * J&T Express (Malaysia open platform) as a connector: digest-signed trace calls over the station's
 * J&T parcels, signed tracking pushes, and the packing bench's booking (addOrder) when the account
 * has a sender. Its destination acknowledges `package.handed_over` without a call (J&T has no
 * handover call in our references; the driver's pickup scan is its record) and cancels a rebooked
 * parcel's old order for `package.label_voided` (/api/order/cancelOrder).
 */
export const jntExpressConnector = {
  kind: JNT_KIND,
  displayName: 'J&T Express (MY)',
  configSchema: jntExpressConfigSchema,
  secretFields: ['privateKey', 'password'],
  statusTable: JNT_STATUS_TABLE,
  create(name, config, deps) {
    const timeZone = resolveTimeZone(config);
    const client = new JntClient(config, deps.fetch, deps.clock);
    const pacer = new RequestPacer({
      limits: config.limits,
      clock: deps.clock,
      maxThrottleWaitMs: config.maxThrottleWaitMs,
      ...(deps.budget ? { budget: deps.budget } : {}),
    });
    const mapper = () => new StatusMapper(JNT_KIND, JNT_STATUS_TABLE, deps.onUnknownCode, deps.logger);
    return {
      destination: carrierLineDestination({
        name,
        carrierName: 'J&T Express',
        limits: config.limits,
        state: deps.state,
        clock: deps.clock,
        logger: deps.logger,
        voids: jntVoids(client, (signal, call) => pacer.run(signal, call)),
      }),
      ...(config.sender
        ? {
            booking: jntBooking({
              sender: config.sender,
              add: (content, signal) => pacer.run(signal, () => client.addOrder(content, signal)),
            }),
          }
        : {}),
      pulls: { tracking: jntPull({ name, config, client, pacer, deps, mapper: mapper(), timeZone }) },
      webhooks: jntWebhooks({ config, state: deps.state, mapper: mapper(), timeZone }),
      // J&T has no ping: a trace of a bill that cannot exist proves the signature and the account
      // (those are checked first) and answers a harmless "not found".
      testConnection: (signal) =>
        checkConnection('J&T', config.limits.requestTimeoutMs, async () => {
          await pacer.run(signal, () => client.trace('CONNECTIONCHECK', signal));
          return `account ${config.apiAccount} accepted`;
        }),
      close: () => undefined,
    };
  },
} satisfies ConnectorDefinition<JntExpressConfig>;
