import type { i18n } from 'i18next';
import type { LastmileApi } from '../../../shared/contract';
import { createApprovalsStore, type ApprovalsStore } from '../features/approvals/approvals-store';
import { createBatchesStore, type BatchesStore } from '../features/batches/batches-store';
import { createCutoffsStore, type CutoffsStore } from '../features/cutoffs/cutoffs-store';
import { createImportsStore, type ImportsStore } from '../features/imports/imports-store';
import { createDecisionsStore, type DecisionsStore } from '../features/decisions/decisions-store';
import { createExceptionsStore, type ExceptionsStore } from '../features/exceptions/exceptions-store';
import {
  createCarrierAccountsStore,
  type CarrierAccountsStore,
} from '../features/carrier-accounts/carrier-accounts-store';
import { createPackingStore, type PackingStore } from '../features/packing/packing-store';
import { browserHidScale } from '../features/packing/webhid-scale';
import { createQueueStore, type QueueStore } from '../features/queue/queue-store';
import { createPrintersStore, type PrintersStore } from '../features/printers/printers-store';
import { createRulesStore, type RulesStore } from '../features/rules/rules-store';
import { createReceiveStore, type ReceiveStore } from '../features/receive/receive-store';
import { createRoutesStore, type RoutesStore } from '../features/routes/routes-store';
import type { Beeper } from '../features/scan/feedback-tones';
import { createScanStore, type ScanStore } from '../features/scan/scan-store';
import { createShiftStore, type ShiftStore } from '../features/shift/shift-store';
import { createSessionStore, type SessionStore } from '../features/session/session-store';
import { createAuthorize, type Authorize } from '../features/session/step-up';
import { createSettingsStore, type SettingsStore } from '../features/settings/settings-store';
import { createSupervisorStore, type SupervisorStore } from '../features/supervisor/supervisor-store';
import { createSyncStore, type SyncStore } from '../features/sync/sync-store';
import { createCoreStatusStore, type CoreStatusStore } from '../shell/core-status-store';
import { createShellStore, type ShellStore } from '../shell/shell-store';
import type { TokenHolder } from '../transport/token-holder';
import { observeFailures } from '../transport/observe-failures';

export interface AppStores {
  shell: ShellStore;
  session: SessionStore;
  settings: SettingsStore;
  receive: ReceiveStore;
  packing: PackingStore;
  scan: ScanStore;
  queue: QueueStore;
  sync: SyncStore;
  routes: RoutesStore;
  printers: PrintersStore;
  supervisor: SupervisorStore;
  approvals: ApprovalsStore;
  batches: BatchesStore;
  rules: RulesStore;
  shift: ShiftStore;
  decisions: DecisionsStore;
  exceptions: ExceptionsStore;
  cutoffs: CutoffsStore;
  imports: ImportsStore;
  /** A supervisor's approval for one action, for any feature (features/session/step-up.ts). */
  authorize: Authorize;
  carrierAccounts: CarrierAccountsStore;
  coreStatus: CoreStatusStore;
}

export interface AppDeps {
  api: LastmileApi;
  i18n: i18n;
  beeper: Beeper;
  /** The station key this page holds (none inside Electron). */
  stationToken?: TokenHolder | null;
  /** The store the API's observer feeds (created before the API, so it can be given to it). */
  coreStatus?: CoreStatusStore;
}

/** Builds every feature's store around one API; stores talk to each other only through these wires. */
export function createAppStores({
  api: raw,
  i18n,
  beeper,
  stationToken = null,
  coreStatus = createCoreStatusStore(),
}: AppDeps): AppStores {
  let session: SessionStore | null = null;
  const api = observeFailures(raw, (error) => session?.getState().callFailed(error));
  session = createSessionStore(api);
  const sessionStore = session;
  const authorize = createAuthorize(sessionStore);
  // A restarted core knows no sign-in: read who is signed in again once it is back.
  coreStatus.subscribe((now, before) => {
    if (now.recoveries !== before.recoveries) void sessionStore.getState().load();
  });
  const settings = createSettingsStore({
    api,
    authorize,
    // A new key made here: this page keeps working with it, and shows the new link to hand out.
    onStationKey: (token) => {
      stationToken?.set(token);
      return stationToken ? stationToken.link(token) : null;
    },
    onApplied: (s) => {
      if (i18n.language !== s.language) void i18n.changeLanguage(s.language);
      sessionStore.getState().setStationName(s.stationName);
    },
  });
  const soundOn = () => settings.getState().settings?.sound ?? true;
  return {
    shell: createShellStore(),
    receive: createReceiveStore({ api, beeper, soundOn }),
    packing: createPackingStore({ api, beeper, soundOn, hidScale: browserHidScale() }),
    session: sessionStore,
    settings,
    scan: createScanStore({
      api,
      beeper,
      soundOn,
      onBadge: (badge) => sessionStore.getState().badgeScanned(badge),
    }),
    queue: createQueueStore(api),
    sync: createSyncStore({ api, authorize }),
    routes: createRoutesStore({ api }),
    printers: createPrintersStore({ api }),
    supervisor: createSupervisorStore(),
    approvals: createApprovalsStore({ api, authorize }),
    batches: createBatchesStore({ api, authorize }),
    rules: createRulesStore({ api }),
    shift: createShiftStore({ api }),
    decisions: createDecisionsStore({ api }),
    exceptions: createExceptionsStore({ api, authorize }),
    cutoffs: createCutoffsStore({ api, authorize }),
    imports: createImportsStore({ api, authorize }),
    authorize,
    carrierAccounts: createCarrierAccountsStore({ api }),
    coreStatus,
  };
}
