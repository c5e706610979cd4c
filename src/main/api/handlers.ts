import { activityHandlers } from '../activity/activity-handlers';
import type { Services } from '../core';
import { credentialsHandlers } from '../credentials/credentials-handlers';
import { outboxHandlers } from '../outbox/outbox-handlers';
import { packingHandlers } from '../packing/packing-handlers';
import { printingHandlers } from '../printing/printing-handlers';
import { qcSupervisionHandlers } from '../returns/qc-supervision-handlers';
import { returnsHandlers } from '../returns/returns-handlers';
import { routesHandlers } from '../routes/routes-handlers';
import { scanHandlers } from '../scans/scan-handlers';
import { sessionHandlers } from '../session/session-handlers';
import { settingsHandlers } from '../settings/settings-handlers';
import { stationHandlers } from '../station/station-handlers';
import { syncHandlers } from '../sync/sync-handlers';
import type { Handlers } from './dispatch';

/**
 * Every capability's handlers (one file each, a thin adapter from its calls to its services),
 * merged. Adding a capability is one line here.
 */
export function createHandlers(core: Services): Handlers {
  return {
    ...sessionHandlers(core),
    ...scanHandlers(core),
    ...outboxHandlers(core),
    ...settingsHandlers(core),
    ...syncHandlers(core),
    ...stationHandlers(core),
    ...printingHandlers(core),
    ...returnsHandlers(core),
    ...activityHandlers(core),
    ...routesHandlers(core),
    ...qcSupervisionHandlers(core),
    ...credentialsHandlers(core),
    ...packingHandlers(core),
  };
}
