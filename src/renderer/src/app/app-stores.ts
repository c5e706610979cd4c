import type { i18n } from 'i18next';
import type { LastmileApi } from '../../../shared/contract';
import {
  createCarrierAccountsStore,
  type CarrierAccountsStore,
} from '../features/carrier-accounts/carrier-accounts-store';
import { createQueueStore, type QueueStore } from '../features/queue/queue-store';
import { createPrintersStore, type PrintersStore } from '../features/printers/printers-store';
import { createReceiveStore, type ReceiveStore } from '../features/receive/receive-store';
import type { Beeper } from '../features/scan/feedback-tones';
import { createScanStore, type ScanStore } from '../features/scan/scan-store';
import { createSessionStore, type SessionStore } from '../features/session/session-store';
import { createSettingsStore, type SettingsStore } from '../features/settings/settings-store';
import { createSyncStore, type SyncStore } from '../features/sync/sync-store';
import { createCoreStatusStore, type CoreStatusStore } from '../shell/core-status-store';
import { createShellStore, type ShellStore } from '../shell/shell-store';

export interface AppStores {
  shell: ShellStore;
  session: SessionStore;
  settings: SettingsStore;
  receive: ReceiveStore;
  scan: ScanStore;
  queue: QueueStore;
  sync: SyncStore;
  printers: PrintersStore;
  carrierAccounts: CarrierAccountsStore;
  coreStatus: CoreStatusStore;
}

export interface AppDeps {
  api: LastmileApi;
  i18n: i18n;
  beeper: Beeper;
  /** The store the API's observer feeds (created before the API, so it can be given to it). */
  coreStatus?: CoreStatusStore;
}

/** Builds every feature's store around one API; stores talk to each other only through these wires. */
export function createAppStores({
  api,
  i18n,
  beeper,
  coreStatus = createCoreStatusStore(),
}: AppDeps): AppStores {
  const session = createSessionStore(api);
  // A restarted core knows no sign-in: read who is signed in again once it is back.
  coreStatus.subscribe((now, before) => {
    if (now.recoveries !== before.recoveries) void session.getState().load();
  });
  const settings = createSettingsStore({
    api,
    onApplied: (s) => {
      if (i18n.language !== s.language) void i18n.changeLanguage(s.language);
      session.getState().setStationName(s.stationName);
    },
  });
  const soundOn = () => settings.getState().settings?.sound ?? true;
  return {
    shell: createShellStore(),
    receive: createReceiveStore({ api, beeper, soundOn }),
    session,
    settings,
    scan: createScanStore({ api, beeper, soundOn: () => settings.getState().settings?.sound ?? true }),
    queue: createQueueStore(api),
    sync: createSyncStore({ api }),
    printers: createPrintersStore({ api }),
    carrierAccounts: createCarrierAccountsStore({ api }),
    coreStatus,
  };
}
